"""Writes to people and organisations: who may make them, and the consent history they leave.

Consent is an editor's act (`participants.change_consent`), and every change to
it, a withdrawal above all, is kept as an append-only `ConsentChange` row with
who, when, what changed and the wording agreed to. A contributor may edit the
people and organisations that no published story shows; once one is shown, only
an editor changes it, so nothing a contributor does reaches the public.
`by=None` is a command run by the site's operator.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pagecache.renewal import renewal
from participants.models import (
    CONSENT_FIELDS,
    ConsentChange,
    Invitation,
    Organisation,
    Participant,
)

CONSENT_PERMISSION = "participants.change_consent"
# Editors are those who may publish; the participants app names the permission
# rather than import the stories app's workflow.
EDITOR_PERMISSION = "stories.publish_story"
PUBLISHED = "published"

CONSENT_REFUSAL = "Only an editor can change a participant's consent."


def can_change_consent(user) -> bool:
    return user is None or user.has_perm(CONSENT_PERMISSION)


def is_editor(user) -> bool:
    return user is None or user.has_perm(EDITOR_PERMISSION)


def _shown(model, pk) -> bool:
    """Whether a published story (live, scheduled or hidden) shows this person or organisation."""
    if pk is None:
        return False
    stories = Participant.stories.rel.related_model.objects.filter(status=PUBLISHED)
    if model is Participant:
        return stories.filter(participant_id=pk).exists()
    return (
        stories.filter(participant__organisation_id=pk).exists()
        or stories.filter(partnerships__organisation_id=pk).exists()
    )


def profile_refusal(user, obj) -> str | None:
    """Why `user` may not change this participant or organisation as stored, or None."""
    if is_editor(user) or not _shown(type(obj), obj.pk):
        return None
    return f"{obj} appears on a published story: only an editor can change it."


def consent_changes(participant: Participant) -> dict[str, list[str]]:
    """The consent fields that differ from the stored record, as {field: [before, after]}."""
    stored = Participant.objects.filter(pk=participant.pk).first() if participant.pk else None
    before = stored or Participant()
    changes = {}
    for name in CONSENT_FIELDS:
        old, new = _shown_value(before, name), _shown_value(participant, name)
        if old != new:
            changes[name] = [old, new]
    if stored is None and not participant.consent_given:
        return {}  # a new record with no consent given has nothing to record yet
    return changes


def _shown_value(participant: Participant, name: str) -> str:
    value = getattr(participant, name)
    if name == "consent_wording":
        return f"version {value.version}" if value else ""
    if value is None:
        return ""
    if hasattr(value, "microsecond"):
        # Forms carry whole seconds, in local time: neither a fraction nor a time
        # zone is a change anyone made.
        value = value.replace(microsecond=0)
        if getattr(value, "tzinfo", None) is not None:
            value = value.astimezone(dt.UTC)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@transaction.atomic
@renewal()
def save_participant(*, participant: Participant, by, note: str = "") -> Participant:
    """Save a participant, refusing what `by` may not do, and keep any consent change.

    Side effects: a `ConsentChange` row when any consent field changed (with the
    wording in force). What the public saw of them is renewed once, as the save
    commits (editorial.renewal): every page showing one of their public stories.
    When their email address changes (a mistyped one put right), every link to
    their page sent to another address is shut, and with it the session it opened.
    """
    stored = _stored(participant) if participant.pk is not None else None
    if stored is not None and (refusal := profile_refusal(by, stored)):
        raise PermissionDenied(refusal)
    changes = consent_changes(participant)
    if changes and not can_change_consent(by):
        raise PermissionDenied(CONSENT_REFUSAL)
    participant.save()
    if stored is not None and stored.email.lower() != participant.email.lower():
        Invitation.objects.filter(participant=participant, revoked_at__isnull=True).exclude(
            sent_to__iexact=participant.email or None
        ).update(revoked_at=timezone.now())
    if changes:
        withdrawn = changes.get("consent_withdrawn_at")
        ConsentChange.objects.create(
            participant=participant,
            by=by if by is not None and by.is_authenticated else None,
            changes=changes,
            wording=participant.consent_wording,
            withdrawal=bool(withdrawn and not withdrawn[0] and withdrawn[1]),
            note=note[:300],
        )
    return participant


@transaction.atomic
@renewal()
def save_organisation(*, organisation: Organisation, by) -> Organisation:
    """Save an organisation, refusing a contributor's change to one the public sees."""
    if organisation.pk is not None and (refusal := profile_refusal(by, _stored(organisation))):
        raise PermissionDenied(refusal)
    organisation.save()
    return organisation


def _stored(obj):
    return type(obj).objects.filter(pk=obj.pk).first() or obj
