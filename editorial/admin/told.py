"""What a participant said about themselves on submitting their story, for editors only.

Their job title and organisation answers are never written to the participant's
record (that would change a public page): editors read them here, beside the
partner organisations the submission added, and decide what to change.
"""

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import format_html, format_html_join

from common.dates import local_datetime

TOLD = "told_by_participant"


def _draft(story):
    try:
        return story.draft
    except ObjectDoesNotExist:
        return None


class ToldByParticipantAdmin:
    """StoryAdmin mixin: a read-only "Told by the participant" panel on stories they submitted.

    The admin lists `told_by_participant` among its readonly_fields.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and _draft(obj) is not None:
            fieldsets.insert(1, ("Told by the participant", {"fields": [TOLD]}))
        return fieldsets

    @admin.display(description="In their own answers")
    def told_by_participant(self, obj):
        draft = _draft(obj) if obj is not None and obj.pk else None
        if draft is None:
            return "—"
        answers = draft.answers or {}
        rows = [
            ("Job title", answers.get("job_title") or "—"),
            ("Organisation", answers.get("organisation") or "—"),
            (
                "New partner organisations",
                ", ".join(answers.get("new_organisations") or []) or "None",
            ),
            ("Submitted", local_datetime(draft.submitted_at) if draft.submitted_at else "—"),
        ]
        items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        note = "Not written to the participant's record: change it there if it should be."
        return format_html('<dl class="told-by-participant">{}</dl><p>{}</p>', items, note)
