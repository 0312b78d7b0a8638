"""An editor's to-do lists: how recent is recent, how soon consent ends, and the story
list's filter that each of the dashboard's lists links to."""

import datetime as dt

from django.contrib import admin
from django.utils import timezone

# "Recent changes" on the dashboard and in this filter: the last week's saves.
RECENT = dt.timedelta(days=7)
# "Consent ending": consent that runs out within this many days, time to ask again.
CONSENT_ENDING_DAYS = 30


class ToDoFilter(admin.SimpleListFilter):
    title = "to do"
    parameter_name = "todo"

    MINE = "mine"
    SIGN_OFF = "sign-off"
    SCHEDULED = "scheduled"
    RECENT = "recent"

    def lookups(self, request, model_admin):
        return [
            (self.MINE, "My drafts"),
            (self.SIGN_OFF, "Waiting for the participant's approval"),
            (self.SCHEDULED, "Scheduled"),
            (self.RECENT, "Changed in the last 7 days"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case self.MINE:
                return queryset.drafts_of(request.user)
            case self.SIGN_OFF:
                return queryset.awaiting_sign_off(now)
            case self.SCHEDULED:
                return queryset.scheduled(now)
            case self.RECENT:
                return queryset.changed_since(now - RECENT)
        return queryset
