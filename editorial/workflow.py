"""Who may move a story to which status, and who may change which story.

Contributors draft and send for review; editors (with `stories.publish_story`)
publish, unpublish and archive. Once a story is published (live, scheduled or
hidden) or archived, only an editor changes it: nothing a contributor does
reaches the public. The admin form, the bulk actions and the services all ask
this one module, so no path goes round the rule.
"""

from stories.models import Story

PUBLISH_PERMISSION = "stories.publish_story"
CHANGE_PERMISSION = "stories.change_story"
CONTRIBUTOR_STATUSES = frozenset({Story.Status.DRAFT, Story.Status.REVIEW})
EDITOR_ONLY_STATUSES = frozenset({Story.Status.PUBLISHED, Story.Status.ARCHIVED})


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def acting_as_system(user) -> bool:
    """`by=None`: a command run by whoever operates the site, not a signed-in person."""
    return user is None


def edit_refusal(user, status: str | None) -> str | None:
    """Why `user` may not change a story whose stored status is `status`, or None.

    `status` is None for a story being added.
    """
    if acting_as_system(user):
        return None
    if not user.has_perm(CHANGE_PERMISSION) and not (
        status is None and user.has_perm("stories.add_story")
    ):
        return "You may view stories but not change them."
    if status in EDITOR_ONLY_STATUSES and not can_publish(user):
        label = Story.Status(status).label.lower()
        return f"This story is {label}: only an editor can change it."
    return None


def participant_change_refusal(user, story: Story, participant) -> str | None:
    """Why the participant of `story` (as stored) may not become `participant`, or None.

    A published story's participant decides whether it is public: swapping it
    could put a hidden story live or take a live one down. Only an editor may,
    and only for a participant it could be published with.
    """
    if story.status not in EDITOR_ONLY_STATUSES:
        return None
    if (participant.pk if participant else None) == story.participant_id:
        return None
    if not acting_as_system(user) and not can_publish(user):
        return "This story is published: only an editor can change its participant."
    if story.status == Story.Status.PUBLISHED and (
        problem := publication_problem(Story(participant=participant))
    ):
        return problem
    return None


def allowed_statuses(user, current: str | None) -> frozenset[str]:
    """The statuses `user` may save a story with, given the status it has now.

    A contributor may keep a published story published (to fix a typo), but may
    never move a story into or out of publication.
    """
    if acting_as_system(user) or can_publish(user):
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
