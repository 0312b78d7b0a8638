"""Revisions of stories: what each save looked like, and how to go back to one.

django-reversion stores the data: each revision holds the story's fields and
themes, and (followed) its partners, outcomes with their evidence, and tags, with the names of the
themes, organisations and tags as they were, so a revision still reads right
after one of them is deleted. Reading, comparing and restoring are ours,
because a restore must respect the workflow (it never publishes) and must
keep what it can when something it points at is gone.
"""

from dataclasses import dataclass, field

import reversion
from reversion.models import Version
from taggit.models import Tag

from common.dates import local_datetime
from editorial.outcome_revisions import (
    outcome_line,
    outcomes_in,
    related_versions,
    restore_outcomes,
)
from editorial.workflow import participant_change_refusal
from participants.models import Organisation, Participant
from stories.models import Evidence, Outcome, Story, StoryPartner, TaggedStory, Theme


def register():
    """Called once from the app config."""
    reversion.register(
        Story,
        exclude=["renditions"],
        follow=["partnerships", "outcomes", "taggedstory_set", "themes"],
    )
    reversion.register(StoryPartner, follow=["organisation"])
    # An outcome's evidence is part of it: restoring a story brings its evidence back too.
    reversion.register(Outcome, follow=["evidence"])
    reversion.register(Evidence)
    reversion.register(TaggedStory, follow=["tag"])
    reversion.register(Theme, fields=["name", "slug"])
    reversion.register(Organisation, fields=["name", "slug"])
    reversion.register(Tag, fields=["name", "slug"])


def save_revision(story: Story, *, by, comment: str) -> None:
    """Keep the story as it now stands, with its relations, as one revision."""
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(story)
        reversion.set_user(by if by is not None and by.is_authenticated else None)
        reversion.set_comment(comment)


def versions_of(story_pk) -> list[Version]:
    """The story's revisions, newest first, with who saved them."""
    return list(
        Version.objects.get_for_object_reference(Story, story_pk)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def deleted_stories() -> list[Version]:
    """The last revision of each story that has been deleted, newest first."""
    return list(
        Version.objects.get_deleted(Story)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def version_with_edit(story_pk, edit_version: int) -> Version | None:
    """The revision saved when the story reached `edit_version`, if one was kept."""
    for version in versions_of(story_pk):
        if version.field_dict.get("edit_version") == edit_version:
            return version
    return None


# --- Reading a revision -------------------------------------------------------


def _names(version: Version, model) -> dict[int, str]:
    """Names of `model` objects as the revision recorded them, by primary key."""
    return {int(v.object_id): v.field_dict["name"] for v in related_versions(version, model)}


@dataclass
class StoryState:
    """A story's content in one revision, in the terms an editor reads."""

    fields: dict
    theme_ids: list[int]
    theme_names: dict[int, str]
    partners: list[dict]  # organisation_id, name, role, order
    outcomes: list[dict]  # OUTCOME_FIELDS, and "evidence": a list of EVIDENCE_FIELDS
    tags: list[dict]  # tag_id, name


def state_of(version: Version) -> StoryState:
    data = version.field_dict
    story_pk = int(version.object_id)
    org_names = _names(version, Organisation)
    tag_names = _names(version, Tag)
    partners = [
        {
            "organisation_id": v.field_dict["organisation_id"],
            "name": org_names.get(v.field_dict["organisation_id"], "an organisation"),
            "role": v.field_dict["role"],
            "order": v.field_dict["order"],
        }
        for v in related_versions(version, StoryPartner)
        if v.field_dict["story_id"] == story_pk
    ]
    outcomes = outcomes_in(version, story_pk)
    tags = [
        {"tag_id": v.field_dict["tag_id"], "name": tag_names.get(v.field_dict["tag_id"], "?")}
        for v in related_versions(version, TaggedStory)
        if v.field_dict["content_object_id"] == story_pk
    ]
    return StoryState(
        fields=data,
        theme_ids=list(data.get("themes", [])),
        theme_names=_names(version, Theme),
        partners=sorted(partners, key=lambda p: (p["order"], p["name"])),
        outcomes=outcomes,
        tags=sorted(tags, key=lambda t: t["name"].lower()),
    )


# --- Comparing ----------------------------------------------------------------

TEXT_FIELDS = ["title", "slug", "summary", "pull_quote", "body", "hero_image_alt"]


def _displayed(state: StoryState, participants: dict[int, str]) -> dict[str, str]:
    data = state.fields
    participant_id = data.get("participant_id")
    return {
        "Title": data["title"],
        "Slug": data["slug"],
        "Participant": participants.get(participant_id, "(deleted participant)")
        if participant_id
        else "—",
        "Summary": data["summary"],
        "Pull quote": data["pull_quote"],
        "Body": data["body"],
        "Hero image": str(data["hero_image"] or "—"),
        "Hero image alt text": data["hero_image_alt"],
        "Hero image is decorative": "Yes" if data["hero_image_decorative"] else "No",
        "Themes": ", ".join(
            sorted(state.theme_names.get(pk, f"theme #{pk}") for pk in state.theme_ids)
        ),
        "Tags": ", ".join(tag["name"] for tag in state.tags),
        "Partners": "\n".join(
            f"{p['name']} ({p['role']})" if p["role"] else p["name"] for p in state.partners
        ),
        "Outcomes": "\n".join(outcome_line(o) for o in state.outcomes),
        "Status": Story.Status(data["status"]).label,
        "Publish at": local_datetime(data["published_at"]),
        "Unpublish at": local_datetime(data.get("expires_at")),
        "Featured": "Yes" if data["featured"] else "No",
    }


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    changed: bool = field(init=False)

    def __post_init__(self):
        self.changed = self.before != self.after


def compare(older: Version, newer: Version) -> list[FieldChange]:
    """Every field of two revisions side by side; `changed` marks the differences."""
    before, after = state_of(older), state_of(newer)
    people = {state.fields.get("participant_id") for state in (before, after)} - {None}
    participants = dict(Participant.objects.filter(pk__in=people).values_list("pk", "name"))
    shown_before = _displayed(before, participants)
    shown_after = _displayed(after, participants)
    return [FieldChange(label, shown_before[label], shown_after[label]) for label in shown_after]


def changes_between(older: Version, newer: Version) -> list[FieldChange]:
    return [change for change in compare(older, newer) if change.changed]


# What a restore leaves as it is: the workflow, and an image whose file is gone.
KEPT_BY_RESTORE = {"Status", "Publish at", "Unpublish at", "Featured"}


def restore_preview(story: Story, current: Version, version: Version) -> list[FieldChange]:
    """The changes restoring `version` would make to the story as it is now."""
    old_image = str(version.field_dict.get("hero_image") or "")
    image_comes_back = bool(old_image) and story.hero_image.storage.exists(old_image)
    return [
        change
        for change in changes_between(current, version)
        if change.label not in KEPT_BY_RESTORE
        and (change.label != "Hero image" or image_comes_back)
    ]


# --- Restoring ----------------------------------------------------------------

CONTENT_FIELDS = [
    "title",
    "summary",
    "pull_quote",
    "body",
    "hero_image_alt",
    "hero_image_decorative",
]


# What a restore writes; the workflow's fields stay as they are stored.
WORKFLOW_FIELDS = ["status", "published_at", "expires_at", "featured"]
RESTORED_FIELDS = [
    *CONTENT_FIELDS,
    "slug",
    "participant",
    "hero_image",
    "edit_version",
    "updated_at",
]


@dataclass
class RestoreReport:
    story: Story
    lost: list[str]


def apply_fields(story: Story, state: StoryState, lost: list[str], by) -> None:
    data = state.fields
    for name in CONTENT_FIELDS:
        setattr(story, name, data[name])
    slug_taken = Story.objects.filter(slug=data["slug"]).exclude(pk=story.pk).exists()
    if slug_taken:
        lost.append(
            f"The address “{data['slug']}” is now used by another story; kept “{story.slug}”."
        )
    else:
        story.slug = data["slug"]
    _apply_participant(story, data.get("participant_id"), lost, by)
    old_image = str(data["hero_image"] or "")
    if old_image and old_image != story.hero_image.name:
        if story.hero_image.storage.exists(old_image):
            story.hero_image.name = old_image
        else:
            lost.append("The hero image of that revision was replaced and its file deleted.")


def _apply_participant(story: Story, participant_id, lost: list[str], by) -> None:
    if participant_id == story.participant_id:
        return
    participant = Participant.objects.filter(pk=participant_id).first() if participant_id else None
    if participant_id and participant is None:
        lost.append("The participant of that revision has been deleted; kept the current one.")
        return
    # The same rule as every other change of participant: a restore never puts a
    # hidden story live or takes a live one down behind an editor's back.
    if refusal := participant_change_refusal(by, story, participant):
        lost.append(f"Kept the current participant: {refusal}")
        return
    story.participant = participant


def apply_relations(story: Story, state: StoryState, lost: list[str]) -> None:
    themes = list(Theme.objects.filter(pk__in=state.theme_ids))
    for pk in set(state.theme_ids) - {theme.pk for theme in themes}:
        lost.append(f"Theme “{state.theme_names.get(pk, pk)}” has been deleted.")
    story.themes.set(themes)

    # Rows are updated in place where they can be, so an editor with the story
    # open keeps inline rows that still exist.
    living = set(
        Organisation.objects.filter(
            pk__in=[p["organisation_id"] for p in state.partners]
        ).values_list("pk", flat=True)
    )
    wanted = {}
    for partner in state.partners:
        if partner["organisation_id"] in living:
            wanted[partner["organisation_id"]] = partner
        else:
            lost.append(f"Partner “{partner['name']}” has been deleted.")
    story.partnerships.exclude(organisation_id__in=wanted).delete()
    for organisation_id, partner in wanted.items():
        StoryPartner.objects.update_or_create(
            story=story,
            organisation_id=organisation_id,
            defaults={"role": partner["role"], "order": partner["order"]},
        )

    restore_outcomes(story, state.outcomes, lost)

    # A tag is only a name: one deleted since is simply made again.
    story.tags.set([tag["name"] for tag in state.tags])
