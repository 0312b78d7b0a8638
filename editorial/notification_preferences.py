"""The admin's "Email notifications" page: which optional emails a member of staff gets.

Every member of staff edits their own choices, and only theirs: the page knows whose
they are from the signed-in user alone, whatever a request posts. It lists the
optional events that may reach them (notifications.preferences.staff_events).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from notifications.preferences import choose, staff_events, turned_off_events


class PreferencesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label="Email me when",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "That choice is not on this page any more: please choose again.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        events = staff_events(user)
        self.fields["wanted"].choices = [(event.name, event.label) for event in events]
        off = turned_off_events(user)
        self.fields["wanted"].initial = [event.name for event in events if event.name not in off]


@require_http_methods(["GET", "HEAD", "POST"])
def notification_preferences(request, *, site):
    user = request.user
    form = PreferencesForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        choose(user, wanted=set(form.cleaned_data["wanted"]))
        messages.success(request, "Your email choices are saved.")
        return redirect("admin:notification_preferences")
    context = {
        **site.each_context(request),
        "title": "Email notifications",
        "form": form,
    }
    return TemplateResponse(request, "admin/notification_preferences.html", context)
