"""Writes that change a story: its place in the workflow, and each kept edit.

Each function checks who may (editorial.workflow: a contributor never changes
what the public sees), saves, records who did it, keeps a revision, and
returns the story; callers (admin actions, forms, commands) never set
`status` by hand. `by=None` is a command run by the site's operator.

Side effects of every write here, run once per write:
- the public pages are renewed: the page cache's version is replaced once, in
  the write's transaction, so other processes see it when the write commits
  (pagecache.renewal);
- the story's search text is rewritten once, as the write ends (stories.search);
- a change of participant shuts the share links made for the one before;
- a move to review emails the editors (not the one who made it), and a move to
  published emails the participant with the story's public address (when it
  will appear, if scheduled); a re-save in the same status emails nobody.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from common.dates import local_datetime
from editorial import revisions
from editorial.sharing import revoke_links_for_others
from editorial.workflow import (
    acting_as_system,
    edit_refusal,
    participant_change_refusal,
    publication_problem,
    status_refusal,
)
from notifications import send
from pagecache.renewal import renewal
from stories.models import StatusChange, Story

VERBS = {
    Story.Status.DRAFT: "Moved back to draft",
    Story.Status.REVIEW: "Sent for review",
    Story.Status.PUBLISHED: "Published",
    Story.Status.ARCHIVED: "Archived",
}


def record_edit(story: Story, **save_options) -> None:
    """Save the story as a new edit, so forms opened before it know they are stale."""
    story.edit_version += 1
    story.save(**save_options)


def record_status_change(*, story: Story, from_status: str | None, by) -> None:
    """Note a move through the workflow on the story's history."""
    if from_status == story.status:
        return
    StatusChange.objects.create(
        story=story,
        from_status=from_status or "",
        to_status=story.status,
        by=by if by is not None and by.is_authenticated else None,
    )


def announce_move(*, story: Story, from_status: str | None, by) -> None:
    """Email those a move through the workflow concerns; nobody for a re-save."""
    if from_status == story.status:
        return
    if story.status == Story.Status.REVIEW:
        send.to_editors(
            "sent_for_review",
            {
                "story": story,
                "by_name": (by.get_full_name() or by.username) if by is not None else "",
                "admin_url": settings.SITE_URL
                + reverse("admin:stories_story_change", args=[story.pk]),
            },
            exclude=by,
        )
    elif story.status == Story.Status.PUBLISHED and story.participant_id is not None:
        scheduled = story.published_at is not None and story.published_at > timezone.now()
        send.to_participant(
            "published",
            story.participant,
            {
                "story": story,
                "story_url": settings.SITE_URL + story.get_absolute_url(),
                "scheduled": scheduled,
                "appears_at": story.published_at,
            },
        )


def _set_publication_window(story: Story) -> None:
    """As a story is published, by a form or an action alike: it goes live now unless
    a time is set, and an end that has already passed is dropped (publishing an
    expired story republishes it)."""
    now = timezone.now()
    if story.published_at is None:
        story.published_at = now
    if story.expires_at is not None and story.expires_at <= max(now, story.published_at):
        story.expires_at = None


def _stored(story: Story) -> dict | None:
    """The story's status and participant as stored, locked until the transaction ends.

    Read afresh, so a decision is never made on a copy loaded before someone
    else's save (an editor publishing while a contributor's request runs).
    """
    if story.pk is None:
        return None
    rows = Story.objects.filter(pk=story.pk)
    if not transaction.get_autocommit():
        rows = rows.select_for_update()
    return rows.values("status", "participant_id").first()


def check_edit(*, story: Story, by) -> dict | None:
    """Refuse (PermissionDenied) an edit `by` may not make to the story as stored.

    Returns the stored status and participant.
    """
    stored = _stored(story)
    status = stored["status"] if stored else None
    if refusal := edit_refusal(by, status):
        raise PermissionDenied(refusal)
    if stored is not None:
        as_stored = Story(pk=story.pk, status=status, participant_id=stored["participant_id"])
        if refusal := participant_change_refusal(by, as_stored, story.participant):
            raise PermissionDenied(refusal)
    return stored


@transaction.atomic
@renewal()
def save_edit(*, story: Story, from_status: str | None, by) -> Story:
    """Save an edit made in a form: the same rules as every other write, then the history.

    Side effects: the edit number moves on (forms opened before it are told),
    a move through the workflow is recorded, and a change of participant shuts
    the share links made for the one before. The caller keeps the revision once
    the story's relations are saved too.
    """
    stored = check_edit(story=story, by=by)
    if story.status != from_status and (refusal := status_refusal(by, from_status, story.status)):
        raise PermissionDenied(refusal)
    if story.status == Story.Status.PUBLISHED and from_status != Story.Status.PUBLISHED:
        if problem := publication_problem(story):
            raise ValidationError(problem)
        _set_publication_window(story)
    record_edit(story)
    record_status_change(story=story, from_status=from_status, by=by)
    # Told from the status as stored: a move someone else made meanwhile is not told twice.
    announce_move(story=story, from_status=stored["status"] if stored else None, by=by)
    if stored is not None and stored["participant_id"] != story.participant_id:
        revoke_links_for_others(story=story)
    return story


@transaction.atomic
@renewal()
def change_status(*, story: Story, status: str, by) -> Story:
    stored = _stored(story)
    if stored is not None:
        story.status = stored["status"]  # as it is now, not as it was loaded
    if refusal := edit_refusal(by, story.status):
        raise PermissionDenied(refusal)
    if refusal := status_refusal(by, story.status, status):
        raise PermissionDenied(refusal)
    if status == Story.Status.PUBLISHED:
        if problem := publication_problem(story):
            raise ValidationError(problem)
        _set_publication_window(story)
    if status == story.status and status != Story.Status.PUBLISHED:
        return story
    before = story.status
    story.status = status
    record_edit(
        story, update_fields=["status", "published_at", "expires_at", "edit_version", "updated_at"]
    )
    record_status_change(story=story, from_status=before, by=by)
    announce_move(story=story, from_status=before, by=by)
    revisions.save_revision(story, by=by, comment=VERBS[status])
    return story


def publish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.PUBLISHED, by=by)


def send_for_review(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.REVIEW, by=by)


def unpublish_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.DRAFT, by=by)


def archive_story(*, story: Story, by) -> Story:
    return change_status(story=story, status=Story.Status.ARCHIVED, by=by)


@transaction.atomic
@renewal()
def restore_revision(*, story: Story, version: Version, by) -> revisions.RestoreReport:
    """Bring the story's content back to `version`, keeping its place in the workflow.

    Status, schedule and featuring stay as they are now, so a restore never
    publishes or unpublishes. What the revision points at and no longer exists
    is left out and listed in the report; everything else comes back.
    """
    # The workflow as it is now, locked: a publish made while this request ran stands.
    locked = Story.objects.select_for_update().filter(pk=story.pk)
    now = locked.values(*revisions.WORKFLOW_FIELDS).first()
    for name, value in (now or {}).items():
        setattr(story, name, value)
    if refusal := edit_refusal(by, story.status):
        raise PermissionDenied(refusal)
    participant_before = story.participant_id
    state, lost = revisions.state_of(version), []
    revisions.apply_fields(story, state, lost, by)
    record_edit(story, update_fields=revisions.RESTORED_FIELDS)
    if story.participant_id != participant_before:
        revoke_links_for_others(story=story)
    revisions.apply_relations(story, state, lost)
    when = local_datetime(version.revision.date_created)
    revisions.save_revision(story, by=by, comment=f"Restored the revision of {when}")
    return revisions.RestoreReport(story=story, lost=lost)


@transaction.atomic
@renewal()
def recover_story(*, version: Version, by) -> revisions.RestoreReport:
    """Bring a deleted story back, as a draft, with the relations that still exist."""
    if not acting_as_system(by) and not by.has_perm("stories.add_story"):
        raise PermissionDenied("You may view stories but not add them.")
    state, lost = revisions.state_of(version), []
    data = state.fields
    story = Story(
        pk=int(version.object_id),
        slug=data["slug"],
        status=Story.Status.DRAFT,
        published_at=data["published_at"],
        expires_at=data.get("expires_at"),
        edit_version=data.get("edit_version", 0),
    )
    if Story.objects.filter(slug=story.slug).exists():
        suffix = f"-recovered-{story.pk}"
        room = Story._meta.get_field("slug").max_length - len(suffix)
        story.slug = story.slug[:room] + suffix
    revisions.apply_fields(story, state, lost, by)
    record_edit(story)
    revisions.apply_relations(story, state, lost)
    revisions.save_revision(story, by=by, comment="Recovered after deletion, as a draft")
    return revisions.RestoreReport(story=story, lost=lost)
