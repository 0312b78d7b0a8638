"""Who may move a story to which status.

Contributors draft and send for review; editors (with `stories.publish_story`)
publish, unpublish and archive. The admin form, the bulk actions and the
services all ask this one module.
"""

from stories.models import Story

PUBLISH_PERMISSION = "stories.publish_story"
CONTRIBUTOR_STATUSES = frozenset({Story.Status.DRAFT, Story.Status.REVIEW})
EDITOR_ONLY_STATUSES = frozenset({Story.Status.PUBLISHED, Story.Status.ARCHIVED})


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def allowed_statuses(user, current: str | None) -> frozenset[str]:
    """The statuses `user` may save a story with, given the status it has now.

    A contributor may keep a published story published (to fix a typo), but may
    never move a story into or out of publication.
    """
    if can_publish(user):
        return frozenset(Story.Status.values)
    if current in EDITOR_ONLY_STATUSES:
        return frozenset({current})
    return CONTRIBUTOR_STATUSES


def status_refusal(user, current: str | None, new: str) -> str | None:
    """Why `user` may not move a story from `current` to `new`, or None."""
    if new in allowed_statuses(user, current):
        return None
    if current in EDITOR_ONLY_STATUSES:
        label = Story.Status(current).label.lower()
        return f"This story is {label}: only an editor can change its status."
    label = Story.Status(new).label.lower()
    return f"Only an editor can make a story {label}. Send it for review instead."


def publication_problem(story: Story) -> str | None:
    """Why `story` cannot be published as it stands, or None."""
    if story.participant_id is None:
        return "A story needs a participant before it can be published."
    if problem := story.participant.consent_problem:
        return f"{problem} The story cannot be published until consent for the website stands."
    return None
