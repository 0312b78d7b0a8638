"""Share links for drafts, and the participant's sign-off given through them.

A share link's URL carries a signed token naming the story and the link's
secret key. Both must match a stored link that is neither revoked nor expired,
so a forged, altered or stale token never finds a story; revoking or letting a
link expire shuts it at once.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from common import signed_tokens
from common.dates import local_date
from stories.models import ShareLink, SignOff, Story

TOKEN_SALT = "stories.share-link"
COMMENT_MAX_LENGTH = SignOff._meta.get_field("comment").max_length
# Long enough to say what the participant wants, short enough for a message bar.
WARNING_COMMENT_CHARS = 300


def create_share_link(
    *, story: Story, by, label: str = "", sent_to: str = "", days: int = 14
) -> ShareLink:
    if days < 1:
        raise ValidationError("A share link must last at least a day.")
    return ShareLink.objects.create(
        story=story,
        key=secrets.token_urlsafe(32),
        label=label.strip(),
        sent_to=sent_to.strip(),
        participant_id=story.participant_id,
        created_by=by,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )


def share_token(link: ShareLink) -> str:
    # No timestamp: the link's own expiry decides, and a link keeps one address.
    return signed_tokens.sign(TOKEN_SALT, {"s": link.story_id, "k": link.key})


def share_url(link: ShareLink, request=None) -> str:
    """The link's address: absolute when a request says which host, else a path."""
    path = reverse("stories:shared", kwargs={"token": share_token(link)})
    return request.build_absolute_uri(path) if request is not None else path


def resolve_share_token(token) -> ShareLink | None:
    """The active link a token names, with its story, or None for any other input."""
    if (payload := signed_tokens.unsign(TOKEN_SALT, token)) is None:
        return None
    story_id, key = payload.get("s"), payload.get("k")
    if type(story_id) is not int or not isinstance(key, str):
        return None
    # `expires_at__gt`: a link is expired from the very second written on it.
    link = (
        ShareLink.objects.select_related("story__participant")
        .filter(key=key, story_id=story_id, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or link.participant_id != link.story.participant_id:
        return None  # made for someone the story is no longer about
    return link


def revoke_links_for_others(*, story: Story) -> int:
    """Shut the story's links made for anyone but its participant now; return how many.

    A story given to another participant must not open, or take an answer, through
    a link sent to the one it was about before.
    """
    return (
        ShareLink.objects.filter(story=story, revoked_at__isnull=True)
        .exclude(participant_id=story.participant_id)
        .update(revoked_at=timezone.now())
    )


def revoke_share_link(*, link: ShareLink, by) -> ShareLink:
    """Shut the link now. Revoking twice keeps the first time.

    `by` is taken for symmetry with the other services; ShareLink has no field
    for who revoked, so the admin records it in the story's history.
    """
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def sign_off_problem(decision: str, comment: str) -> str | None:
    """Why an answer cannot be recorded, or None. The form and the service share it."""
    if decision not in SignOff.Decision.values:
        return "Choose whether you approve the story or would like changes."
    if len(comment) > COMMENT_MAX_LENGTH:
        return f"Keep the comment under {COMMENT_MAX_LENGTH} characters."
    if decision == SignOff.Decision.CHANGES and not comment.strip():
        return "Say what you would like changed."
    return None


STAFF_MAY_NOT_ANSWER = (
    "You are signed in to the admin: only the participant can answer through their "
    "link. To see the page as they do, open the link in a private window."
)


def hashed_client(address: str) -> str:
    """A keyed hash of a network address: the same device can be recognised, never read back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"sign-off-client:{address}".encode(), hashlib.sha256).hexdigest()


def record_sign_off(
    *, link: ShareLink, decision: str, comment: str = "", by=None, client_address: str = ""
) -> SignOff:
    """Record the participant's answer to the story as it stands now.

    The answer belongs to whoever holds the link: a signed-in member of staff
    (`by`) may read the page but never answers for the participant. What is kept
    of the answerer is the address the link was sent to, and a hash of the
    client's network address.
    """
    if by is not None and by.is_authenticated and by.is_staff:
        raise ValidationError(STAFF_MAY_NOT_ANSWER)
    if problem := sign_off_problem(decision, comment):
        raise ValidationError(problem)
    if not link.is_active:
        raise ValidationError("This link has expired or been withdrawn.")
    return SignOff.objects.create(
        story_id=link.story_id,
        share_link=link,
        decision=decision,
        comment=comment.strip(),
        edit_version=link.story.edit_version,
        participant_id=link.participant_id,
        sent_to=link.sent_to,
        link_label=link.label,
        client_hash=hashed_client(client_address) if client_address else "",
    )


def latest_sign_off(story: Story) -> SignOff | None:
    if story.pk is None:  # a story being added has not been shared yet
        return None
    # Only an answer from the person the story is about now counts.
    answers = SignOff.objects.filter(story=story, participant_id=story.participant_id)
    return answers.order_by("-at", "-id").first()


def sign_off_warning(story: Story) -> str | None:
    """What an editor should know before publishing without the participant's approval.

    None when the participant approved the story as it is now, or when the story
    has no participant to ask.
    """
    if story.participant_id is None:
        return None
    name = story.participant.name
    answer = latest_sign_off(story)
    if answer is None:
        return f"{name} has not approved this story yet."
    if answer.decision == SignOff.Decision.CHANGES:
        said = f"{name} asked for changes on {local_date(answer.at)}"
        if not answer.comment:
            return f"{said}."
        return f"{said}: “{Truncator(answer.comment).chars(WARNING_COMMENT_CHARS)}”"
    if answer.edit_version != story.edit_version:
        return f"{name} approved an earlier version (the story changed since)."
    return None
