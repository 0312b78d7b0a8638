"""What a story's page shows, for the public page and for previews and share links
alike, with its structured data for search engines and link previews."""

from django.conf import settings

from images.renditions import largest
from pagecache import dependencies
from pagecache.data import remember
from stories.models import Consideration, Story
from stories.querysets import RELATED_AT_LEAST


def article_data(story, request) -> dict:
    """schema.org Article for a story page, built only from public fields."""
    participant = story.participant
    author = {"@type": "Person", "name": participant.name}
    if participant.job_title:
        author["jobTitle"] = participant.job_title
    if participant.organisation:
        author["worksFor"] = {"@type": "Organization", "name": participant.organisation.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:110],
        "description": story.summary,
        "datePublished": story.published_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "mainEntityOfPage": request.build_absolute_uri(story.get_absolute_url()),
        "about": [theme.name for theme in story.themes.all()],
        "keywords": [tag.name for tag in story.tags.all()],
    }
    if image := largest(story, "hero_image", "og"):
        data["image"] = request.build_absolute_uri(image["url"])
    return data


def story_page_context(request, story: Story, *, with_related: bool = True) -> dict:
    """What the story template shows, for the public page and for previews alike.

    `story` comes from `with_details()`. A draft may lack the participant or date
    structured data needs; it then has none, as search engines never see a draft.
    """
    return {
        "story": story,
        "related": _related(story) if with_related else [],
        "panel_choices": panel_choices(story),
        "article": article_data(story, request)
        if story.participant_id and story.published_at
        else None,
    }


def panel_choices(story: Story) -> list[Consideration]:
    """The decided rounds that chose this public story, with their reasons: a query only
    for a story its card marks as chosen (`with_cards`)."""
    if not getattr(story, "chosen_by_panel", False):
        return []
    return list(Consideration.objects.public_choices().filter(story=story).with_round())


def _related(story: Story) -> list[Story]:
    """Ranking every public story by shared themes costs the archive's size: kept,
    until a story of one of its themes is renewed; when too few share a theme and
    the newest of any fill in (or there are too few), until any public story is."""
    own = dependencies.key("story", story.pk)
    themes = [dependencies.key("theme", theme.pk) for theme in story.themes.all()]
    ranked: list[list[Story]] = []

    def rank() -> list[Story]:
        ranked.append(Story.objects.related_to(story))
        return ranked[-1]

    related = remember(f"related:{story.pk}", rank, shows=[own, *themes])
    if any(not other.shared for other in related) or len(related) < RELATED_AT_LEAST:
        # Kept under the listings too; ranked once a request, whichever key missed.
        related = remember(
            f"related-filled:{story.pk}",
            lambda: ranked[-1] if ranked else rank(),
            shows=[own, *themes, dependencies.LISTING],
        )
    return related
