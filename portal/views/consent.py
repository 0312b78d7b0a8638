"""What the participant agreed to, its history, and changing or withdrawing it themselves."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from editorial.participant_consent import (
    NOTE,
    ConsentChoices,
    describe,
    participant_changes_consent,
    wording_in_use,
)
from participants.models import ConsentScope, Participant
from portal.access import participant_required


class ConsentForm(forms.Form):
    consent_scope = forms.ChoiceField(
        label="Where may your story appear?",
        choices=ConsentScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where your story may appear."},
    )
    consent_name = forms.BooleanField(
        label="My name may be shown with my story",
        required=False,
        help_text="Without your name, your stories stay off the website.",
    )
    consent_photo = forms.BooleanField(label="My photo may be shown", required=False)
    consent_quotes = forms.BooleanField(label="Words of mine may be quoted", required=False)

    def __init__(self, *args, agreeing: bool = False, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        if agreeing:
            self.fields["agree"] = forms.BooleanField(
                label="I have read the words above and I agree to them",
                error_messages={"required": "Tick the box to say you agree to the words above."},
            )


def _initial(participant: Participant) -> dict:
    return {name: getattr(participant, name) for name in ConsentForm.base_fields}


def _history(participant: Participant) -> list[dict]:
    return [
        {
            "at": change.at,
            "lines": describe(change.changes),
            "by": "you" if change.by_id is None and change.note == NOTE else "the programme team",
            "withdrawal": change.withdrawal,
        }
        for change in participant.consent_changes.all()
    ]


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request):
    participant = Participant.objects.select_related("consent_wording").get(
        pk=request.participant.pk
    )
    withdrawn = participant.consent_withdrawn_at is not None
    agreeing = not participant.consent_given
    wording = participant.consent_wording if not agreeing else wording_in_use()
    status = 200
    if request.method == "POST" and not withdrawn:
        form = ConsentForm(request.POST, agreeing=agreeing)
        if form.is_valid():
            choices = ConsentChoices(
                **{name: form.cleaned_data[name] for name in _initial(participant)}
            )
            try:
                participant_changes_consent(participant=participant, changes=choices)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, "Thank you. Your choices are saved and already followed.")
                return redirect("portal:consent")
        else:
            status = 400
    else:
        form = ConsentForm(initial=_initial(participant), agreeing=agreeing)
    context = {
        "participant": participant,
        "form": form,
        "withdrawn": withdrawn,
        "agreeing": agreeing,
        "wording": wording,
        "history": _history(participant),
    }
    return render(request, "portal/consent.html", context, status=status)


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request):
    participant = request.participant
    if participant.consent_withdrawn_at is None and participant.consent_given:
        if request.method == "POST":
            try:
                participant_changes_consent(participant=participant, withdraw=True)
            except ValidationError:  # withdrawn meanwhile, in another tab
                return redirect("portal:consent")
            messages.success(
                request, "Your consent is withdrawn. Your stories have left the website."
            )
            return redirect("portal:consent")
    elif request.method == "POST":
        return redirect("portal:consent")
    return render(request, "portal/consent_withdraw.html", {"participant": participant})
