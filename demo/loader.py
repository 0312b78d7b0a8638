"""Load the demo content idempotently: running it twice leaves the same rows.

The content is in data/: themes, programmes, cohorts, organisations and
participants (each a JSON list), stories.json (the seed story first; each story
names its participant by slug and lists its partners and outcomes, graded and
evidenced) and each story's body in bodies/<slug>.html; the evaluation around the
outcomes (pathways.json, selection_rounds.json, evidence/) is loaded by
demo.evaluation. Prose is our own; words attributed to
participants are kept as quotes.

Every row is found by its slug (or its place in a story) and updated in place;
outcomes and partners a story no longer lists are removed.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from demo import evaluation, pictures
from editorial.revisions import save_revision
from editorial.services import save_edit
from pagecache.renewal import renewal
from participants.models import Cohort, ConsentWording, Organisation, Participant, Programme
from stories.models import Outcome, Story, StoryPartner, Theme

DATA = Path(__file__).parent / "data"
SCHEDULED = "scheduled"
# The data file names tags by slug; readers see their names ("Children and young people").
TAG_NAMES = {"covid-19": "COVID-19"}
LOADED_FIELDS = [
    "title",
    "participant_id",
    "summary",
    "pull_quote",
    "body",
    "featured",
    "status",
    "published_at",
]


@transaction.atomic
@renewal()
def load_demo(*, with_pictures: bool = True) -> dict[str, int]:
    load_taxonomy()
    for organisation in read("organisations"):
        Organisation.objects.update_or_create(
            slug=organisation["slug"], defaults=_without(organisation, "slug")
        )
    steps = evaluation.load_pathways(read("pathways"))
    participants = {row["slug"]: row for row in read("participants")}
    items = read("stories")
    stories = [_load_story(item, participants[item["participant"]], steps) for item in items]
    evaluation.load_selection_rounds(read("selection_rounds"))
    if with_pictures:
        _add_pictures(stories, lead_themes=[item["themes"][0] for item in items])
    _keep_first_revisions(stories)
    # Addresses only once the stories are published: the demo's own publishing is no
    # news to email anyone about.
    for slug, row in participants.items():
        if row.get("email"):
            Participant.objects.filter(slug=slug).update(email=row["email"])
    return {
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "participants": Participant.objects.count(),
        "stories": Story.objects.count(),
        "public stories": Story.objects.public().count(),
    }


def load_taxonomy() -> tuple[list[Theme], list[Cohort]]:
    """The demo themes, programmes and cohorts, created or brought up to date."""
    themes = [
        Theme.objects.update_or_create(slug=row["slug"], defaults=_without(row, "slug"))[0]
        for row in read("themes")
    ]
    programmes = {
        row["slug"]: Programme.objects.update_or_create(
            slug=row["slug"], defaults=_without(row, "slug")
        )[0]
        for row in read("programmes")
    }
    cohorts = [
        Cohort.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "programme": programmes[row["programme"]],
                "name": row["name"],
                "start_date": dt.date.fromisoformat(row["start_date"]),
            },
        )[0]
        for row in read("cohorts")
    ]
    return themes, cohorts


def read(name: str) -> list[dict]:
    """One of the demo's data files, data/NAME.json."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _body(slug: str) -> str:
    return (DATA / "bodies" / f"{slug}.html").read_text(encoding="utf-8").strip()


def _load_story(item: dict, participant: dict, steps: dict) -> Story:
    """The story as the data file gives it, saved through the editors' service (the
    same rules, history and side effects as an edit); unchanged, it is left alone."""
    story = Story.objects.filter(slug=item["slug"]).first() or Story(slug=item["slug"])
    stored = [getattr(story, name) for name in LOADED_FIELDS] if story.pk else None
    from_status = story.status if story.pk else None
    story.title = item["title"]
    story.participant = _load_participant(participant)
    story.summary = item["summary"]
    story.pull_quote = item["pull_quote"]
    story.body = _body(item["slug"])
    story.featured = item.get("featured", False)
    if item["status"] == SCHEDULED:
        story.status = Story.Status.PUBLISHED
        # Keep the date first given, so a second run changes nothing.
        if story.published_at is None:
            story.published_at = timezone.now() + dt.timedelta(days=item["publish_in_days"])
    else:
        story.status = item["status"]
        story.published_at = _morning_of(item.get("published_at"))
    if stored != [getattr(story, name) for name in LOADED_FIELDS]:
        save_edit(story=story, from_status=from_status, by=None)
    story.themes.set(Theme.objects.filter(slug__in=item["themes"]))
    story.tags.set(_tags(item["tags"]))
    _load_partners(story, item["partners"])
    _load_outcomes(story, item["outcomes"], steps)
    return story


def _tags(slugs: list[str]) -> list[Tag]:
    """The tags of these slugs, each named as a reader reads it (renamed if it was not)."""
    tags = []
    for slug in slugs:
        name = TAG_NAMES.get(slug, slug.replace("-", " ").capitalize())
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if tag.name != name:
            tag.name = name
            tag.save(update_fields=["name"])
        tags.append(tag)
    return tags


def _morning_of(iso_date: str | None) -> dt.datetime | None:
    if not iso_date:
        return None
    day = dt.date.fromisoformat(iso_date)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def seed_participant() -> Participant | None:
    """The seed story's participant, as loaded: the one whose side the demo shows."""
    slug = read("stories")[0]["participant"]
    return Participant.objects.filter(slug=slug).first()


def _load_participant(item: dict) -> Participant:
    participant, _ = Participant.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "name": item["name"],
            "job_title": item["job_title"],
            "organisation": Organisation.objects.get(slug=item["organisation"]),
            "bio": item.get("bio", ""),
            "consent_given": True,
            "consent_given_at": dt.date(2021, 1, 1),
            "consent_scope": Participant.ConsentScope.WEB_AND_PRINT,
            "consent_withdrawn_at": None,
            # The wording every demo participant agreed to: the first version.
            "consent_wording": ConsentWording.objects.order_by("version").first(),
        },
    )
    participant.cohorts.set(Cohort.objects.filter(slug__in=item["cohorts"]))
    return participant


def _load_partners(story: Story, partners: list[dict]) -> None:
    slugs = [partner["organisation"] for partner in partners]
    organisations = Organisation.objects.in_bulk(slugs, field_name="slug")
    kept = []
    for order, item in enumerate(partners):
        partner, _ = StoryPartner.objects.update_or_create(
            story=story,
            organisation=organisations[item["organisation"]],
            defaults={"role": item["role"], "order": order},
        )
        kept.append(partner.pk)
    story.partnerships.exclude(pk__in=kept).delete()


def _load_outcomes(story: Story, outcomes: list[dict], steps: dict) -> None:
    """The story's outcomes, graded, on their pathway steps, with their evidence."""
    for order, outcome in enumerate(outcomes):
        value = outcome.get("value")
        row, _ = Outcome.objects.update_or_create(
            story=story,
            order=order,
            defaults={
                "kind": outcome.get("kind", Outcome.Kind.OTHER),
                "description": outcome["description"],
                "value": Decimal(value) if value is not None else None,
                "unit": outcome.get("unit", ""),
                "achieved_on": _date(outcome.get("achieved_on")),
                "evidence_url": outcome.get("evidence_url", ""),
                "verified_by": outcome.get("verified_by", ""),
                "verified_on": _date(outcome.get("verified_on")),
            }
            | evaluation.outcome_grades(outcome, steps),
        )
        evaluation.load_evidence(row, outcome.get("evidence", []), DATA / "evidence")
    story.outcomes.filter(order__gte=len(outcomes)).delete()


def _add_pictures(stories: list[Story], lead_themes: list[str]) -> None:
    """Drawn pictures for whatever has none yet; pictures already there are kept.

    A story's cover is its leading theme's (the first its data lists). Participants get
    no picture: the site shows its placeholder rather than a face we made up for them.
    """
    themes = Theme.objects.in_bulk(lead_themes, field_name="slug")
    people = {story.participant for story in stories}
    organisations = {person.organisation for person in people if person.organisation}
    organisations |= {p.organisation for s in stories for p in s.partnerships.all()}
    for story, theme in zip(stories, (themes[slug] for slug in lead_themes), strict=True):
        if not story.hero_image:
            drawn = pictures.cover(seed=story.slug, theme_slug=theme.slug, theme_name=theme.name)
            _attach(story, "hero_image", "hero_image_alt", *drawn, "jpg")
    for organisation in organisations:
        if not organisation.logo:
            drawn = pictures.logo(organisation.name, organisation.kind)
            _attach(organisation, "logo", "logo_alt", *drawn, "png")


def _keep_first_revisions(stories: list[Story]) -> None:
    """Give each demo story a first revision, so its history starts at the demo."""
    kept = set(
        Version.objects.get_for_model(Story)
        .filter(object_id__in=[str(story.pk) for story in stories])
        .values_list("object_id", flat=True)
    )
    for story in stories:
        if str(story.pk) not in kept:
            save_revision(story, by=None, comment="Demo content loaded")


def _attach(owner, field: str, alt_field: str, content: bytes, alt: str, extension: str) -> None:
    setattr(owner, alt_field, alt)
    getattr(owner, field).save(f"{owner.slug}.{extension}", ContentFile(content), save=False)
    owner.save()


def _without(row: dict, *keys: str) -> dict:
    return {key: value for key, value in row.items() if key not in keys}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
