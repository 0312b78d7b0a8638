"""What `make load` asks of its database, through the ORM: before the run, the pages
readers walk, the editors and the stories each works on; after it, whether every
edit the editors were told was saved is there, and nothing else changed.

Django is set up in bench.load's own process (`setup`), on the database
gunicorn serves; these are read before gunicorn starts and after it stops.
"""

import hashlib
import math
import os
import random
import secrets

COMMON_WORD = "community"  # in most generated stories' text
EDITOR_PREFIX = "load-editor-"


def setup(env: dict) -> None:
    os.environ.update(env, DJANGO_SETTINGS_MODULE="impactcms.settings")
    import django

    django.setup()


def close_connections() -> None:
    from django.db import connections

    connections.close_all()


# --- Before: the readers' pages -----------------------------------------------------


def reader_pages(*, avoid: set[int], stories: int = 8) -> list[tuple[str, int, str]]:
    """(name, expected status, path) for every kind of public page, from what is stored.

    `avoid`: stories the editors will change, kept out of the deliberate 404s.
    """
    from django.db.models import Count

    from participants.models import Cohort, Organisation, Participant, Programme
    from public.sitemaps import SITEMAPS
    from stories.models import Story, Theme
    from stories.pagination import STORIES_PER_PAGE

    rng = random.Random(1)
    public = Story.objects.public()
    themes = list(Theme.objects.with_public_story_counts().order_by("-story_count", "pk"))
    tags = list(
        public.tags_used().annotate(uses=Count("stories_taggedstory_items")).order_by("-uses")[:3]
    )
    pages = math.ceil(public.count() / STORIES_PER_PAGE)
    with_pictures = list(public.exclude(hero_image="").values_list("slug", flat=True)[:3])
    picked = rng.sample(list(public.values_list("slug", flat=True)), stories)
    people = rng.sample(list(Participant.objects.public().values_list("slug", flat=True)), 4)
    organisations = list(Organisation.objects.public().values_list("slug", flat=True)[:3])
    programme = Programme.objects.public().first()
    cohort = Cohort.objects.public().first()
    draft = Story.objects.exclude(pk__in=avoid).filter(status=Story.Status.DRAFT).first()
    name = Participant.objects.public().first().name
    found = [
        ("home", "/"),
        ("stories", "/stories/"),
        ("stories, page 2", "/stories/?page=2"),
        ("stories, deep page", f"/stories/?page={pages // 2}"),
        ("stories, theme", f"/stories/?theme={themes[0].slug}"),
        (
            "stories, two themes and a tag",
            f"/stories/?theme={themes[0].slug}&theme={themes[1].slug}&tag={tags[0].slug}",
        ),
        ("stories, organisation", f"/stories/?organisation={organisations[0]}"),
        ("stories, programme", f"/stories/?programme={programme.slug}"),
        ("stories, cohort and page 2", f"/stories/?cohort={cohort.slug}&page=2"),
        ("stories, words", f"/stories/?q={COMMON_WORD}"),
        ("stories, unknown theme", "/stories/?theme=no-such-theme"),
        ("themes", "/themes/"),
        *((f"theme {theme.slug}", f"/themes/{theme.slug}/") for theme in themes),
        ("theme, page 2", f"/themes/{themes[0].slug}/?page=2"),
        *((f"story {slug}", f"/stories/{slug}/") for slug in [*with_pictures, *picked]),
        ("people", "/participants/"),
        ("people, page 2", "/participants/?page=2"),
        *((f"person {slug}", f"/participants/{slug}/") for slug in people),
        ("organisations", "/organisations/"),
        *((f"organisation {slug}", f"/organisations/{slug}/") for slug in organisations),
        *((f"tag {tag.slug}", f"/tags/{tag.slug}/") for tag in tags),
        ("search, common word", f"/search/?q={COMMON_WORD}"),
        ("search, a name", "/search/?q=" + name.replace(" ", "+")),
        ("search, no results", "/search/?q=zebra+crossing+xylophone"),
        ("search, empty", "/search/"),
        ("feed", "/feeds/stories/"),
        ("theme feed", f"/feeds/themes/{themes[0].slug}/"),
        ("sitemap", "/sitemap.xml"),
        *((f"sitemap {section}", f"/sitemap-{section}.xml") for section in SITEMAPS),
        ("robots.txt", "/robots.txt"),
    ]
    not_found = [
        ("404: no such story", "/stories/no-such-story/"),
        ("404: a draft", f"/stories/{draft.slug}/"),
        ("404: no such person", "/participants/no-such-person/"),
        ("404: no such image", "/media/stories/no-such-image.jpg"),
        ("404: no such page", "/no/such/page/"),
    ]
    return [(name, 200, path) for name, path in found] + [
        (name, 404, path) for name, path in not_found
    ]


# --- Before: the editors and their stories -----------------------------------------------


def make_editors(count: int) -> dict[str, str]:
    """Staff accounts in the Editors group (migration 0002), with random passwords."""
    from django.contrib.auth.models import Group, User

    editors = Group.objects.get(name="Editors")
    accounts = {}
    for n in range(1, count + 1):
        username, password = f"{EDITOR_PREFIX}{n}", secrets.token_urlsafe(16)
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.add(editors)
        accounts[username] = password
    return accounts


def stories_for(editors: list[str], *, drafts: int, published: int) -> dict[str, list[int]]:
    """Stories of each editor's own: drafts that may be published, and public stories.

    The first editor also gets a story with a hero image, whose image must survive a save.
    """
    from editorial.workflow import publication_problem
    from stories.models import Story

    rng = random.Random(2)
    candidates = Story.objects.filter(status=Story.Status.DRAFT).select_related("participant")
    publishable = [story.pk for story in candidates if publication_problem(story) is None]
    public = list(Story.objects.public().filter(hero_image="").values_list("pk", flat=True))
    pictured = list(Story.objects.public().exclude(hero_image="").values_list("pk", flat=True))
    chosen_drafts = rng.sample(publishable, drafts * len(editors))
    chosen_public = rng.sample(public, published * len(editors))
    shares = {
        editor: chosen_drafts[n * drafts : (n + 1) * drafts]
        + chosen_public[n * published : (n + 1) * published]
        for n, editor in enumerate(editors)
    }
    if pictured and editors:
        shares[editors[0]].append(pictured[0])
    return shares


# --- Before and after: what must not change ----------------------------------------------


def snapshot(edited: set[int]) -> dict:
    """What the editors must not change: table sizes, every other story, and, of their
    stories, everything but the title, summary, body and status."""
    from django.contrib.auth.models import User

    from participants.models import Organisation, Participant
    from stories.models import Outcome, Story, StoryPartner, TaggedStory, Theme

    totals = {
        model.__name__: model.objects.count()
        for model in (Story, StoryPartner, Outcome, TaggedStory, Participant, Organisation, Theme)
    }
    totals["story themes"] = Story.themes.through.objects.count()
    totals["users"] = User.objects.count()
    others = hashlib.sha256()
    for row in (
        Story.objects.exclude(pk__in=edited)
        .order_by("pk")
        .values_list("pk", "slug", "title", "summary", "body", "status", "published_at")
        .iterator(chunk_size=2000)
    ):
        others.update(repr(row).encode())
    kept, statuses = {}, {}
    for story in (
        Story.objects.filter(pk__in=edited)
        .prefetch_related("themes", "tags", "partnerships", "outcomes")
        .order_by("pk")
    ):
        statuses[str(story.pk)] = story.status
        kept[str(story.pk)] = {
            "slug": story.slug,
            "participant": story.participant_id,
            "pull_quote": story.pull_quote,
            "hero_image": story.hero_image.name,
            "hero_image_alt": story.hero_image_alt,
            "featured": story.featured,
            "expires_at": str(story.expires_at),
            "themes": sorted(theme.pk for theme in story.themes.all()),
            "tags": sorted(tag.name for tag in story.tags.all()),
            "partners": sorted(
                (p.organisation_id, p.role, p.order) for p in story.partnerships.all()
            ),
            "outcomes": sorted(
                (o.description, str(o.value), o.unit, o.order) for o in story.outcomes.all()
            ),
        }
    # JSON round trip: tuples become lists, so a snapshot compares equal to its saved copy.
    return {
        "totals": totals,
        "other stories": others.hexdigest(),
        "edited stories": kept,
        "statuses": statuses,
    }


# --- After: every edit is there ------------------------------------------------------------


def verify(edits: list, before: dict) -> dict:
    """Check each recorded edit against the stored story and its revisions."""
    import json

    from django.contrib.auth.models import User
    from reversion.models import Version

    from stories.models import StatusChange, Story

    problems = []
    last = {}
    for edit in edits:
        last[edit.story] = edit
    stories = Story.objects.in_bulk(list(last))
    for pk, edit in last.items():
        story = stories[pk]
        for field in ("title", "summary", "body", "status"):
            if getattr(story, field) != getattr(edit, field):
                problems.append(f"story {pk}: {field} is not {edit.editor}'s last save")
    saved = {}
    for version in Version.objects.get_for_model(Story).filter(
        object_id__in=[str(pk) for pk in last]
    ):
        fields = version.field_dict
        saved.setdefault(int(version.object_id), set()).add((fields["title"], fields["body"]))
    verified = 0
    for edit in edits:
        if (edit.title, edit.body) in saved.get(edit.story, set()):
            verified += 1
        else:
            problems.append(
                f"story {edit.story}: {edit.editor}'s save “{edit.title}” has no revision"
            )
    editors = dict(
        User.objects.filter(username__in={e.editor for e in edits}).values_list("username", "pk")
    )
    published = {e.story: e.editor for e in edits if e.status == Story.Status.PUBLISHED}
    for pk, editor in published.items():
        was_draft = StatusChange.objects.filter(story_id=pk, from_status=Story.Status.DRAFT)
        if (
            before["statuses"].get(str(pk)) == Story.Status.DRAFT
            and not was_draft.filter(
                to_status=Story.Status.PUBLISHED, by_id=editors[editor]
            ).exists()
        ):
            problems.append(f"story {pk}: published by {editor} with no status change recorded")
    after = json.loads(json.dumps(snapshot({int(pk) for pk in before["edited stories"]})))
    for key in ("totals", "other stories"):
        if after[key] != before[key]:
            problems.append(f"{key} changed: {before[key]} -> {after[key]}")
    for pk, kept in before["edited stories"].items():
        for field, value in kept.items():
            if after["edited stories"][pk][field] != value:
                problems.append(f"story {pk}: {field} changed by a save that left it alone")
    return {
        "edits": len(edits),
        "verified": verified,
        "stories": len(last),
        "published": sum(before["statuses"].get(str(pk)) == "draft" for pk in published),
        "problems": problems,
    }
