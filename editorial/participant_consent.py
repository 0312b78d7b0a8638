"""A participant changing their own consent, from their page (/my/consent/).

Their consent stays a record with a history: the change goes through
`editorial.people_services.save_participant`, as an editor's does, so it leaves a
`ConsentChange` (by nobody on the staff, noted as the participant's own) and the
public site is renewed as the change commits, pictures included (their addresses
are served only while the owner is public). A participant may narrow or widen
what they agreed to, and withdraw; once withdrawn, only the programme team
records consent again.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from editorial.people_services import save_participant
from notifications import send
from participants.models import ConsentScope, ConsentWording, Participant

NOTE = "By the participant on their page"
# What a participant may change themselves.
THEIRS = ("consent_scope", "consent_name", "consent_photo", "consent_quotes")
WITHDRAWN = "You withdrew your consent: only the programme team can record it again."


@dataclass(frozen=True)
class ConsentChoices:
    """What the participant chose on their page."""

    consent_scope: str
    consent_name: bool
    consent_photo: bool
    consent_quotes: bool


def wording_in_use() -> ConsentWording | None:
    """The newest wording: what a participant agrees to now."""
    return ConsentWording.objects.order_by("-version").first()


@transaction.atomic
def participant_changes_consent(
    *, participant: Participant, changes: ConsentChoices | None = None, withdraw: bool = False
) -> Participant:
    """Record the participant's own change to their consent, or their withdrawal.

    A participant with no consent yet agrees to the wording in use. Refused
    (ValidationError) after a withdrawal, for a scope that does not exist, or when
    there is no wording to agree to. Side effects: those of `save_participant` (a
    `ConsentChange`, the public pages showing them renewed at once) and the
    `consent_changed` email to the editors when anything changed.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.consent_withdrawn_at is not None:
        raise ValidationError(WITHDRAWN)
    if withdraw:
        participant.consent_withdrawn_at = timezone.now()
    else:
        if changes is None or changes.consent_scope not in ConsentScope.values:
            raise ValidationError("Choose where your story may appear.")
        for name in THEIRS:
            setattr(participant, name, getattr(changes, name))
        if not participant.consent_given:
            wording = wording_in_use()
            if wording is None:
                raise ValidationError(
                    "There is no consent wording to agree to yet: ask the programme team."
                )
            participant.consent_given = True
            participant.consent_given_at = timezone.localdate()
            participant.consent_wording = wording
    before = participant.consent_changes.count()
    save_participant(participant=participant, by=None, note=NOTE)
    change = participant.consent_changes.first()
    if participant.consent_changes.count() > before and change is not None:
        send.to_editors(
            "consent_changed",
            {
                "participant_name": participant.name,
                "withdrawn": withdraw,
                "changes": describe(change.changes),
                "admin_url": settings.SITE_URL
                + reverse("admin:participants_participant_change", args=[participant.pk]),
            },
        )
    return participant


LABELS = {
    "consent_given": "Consent given",
    "consent_given_at": "Date given",
    "consent_scope": "Where the story may appear",
    "consent_name": "Named",
    "consent_photo": "Photo shown",
    "consent_quotes": "Quoted",
    "consent_expires_on": "Valid until",
    "consent_withdrawn_at": "Withdrawn",
    "consent_wording": "Wording agreed to",
}
SHOWN = {"True": "yes", "False": "no", "": "(none)"} | {
    scope.value: scope.label for scope in ConsentScope
}


def describe(changes: dict) -> list[str]:
    """A ConsentChange's {field: [before, after]} as lines a person reads."""
    lines = []
    for name, (old, new) in changes.items():
        if name == "consent_withdrawn_at":
            lines.append("Consent withdrawn" if new else "Withdrawal cleared")
            continue
        label = LABELS.get(name, name)
        lines.append(f"{label}: {SHOWN.get(old, old)} → {SHOWN.get(new, new)}")
    return lines
