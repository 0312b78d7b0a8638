"""What the filters offer: the themes, tags, programmes and cohorts found on public stories.

Each list is read once until the choices are renewed (pagecache.data.remember) and serves
both the filter bar's choices and the lookup of a slug a reader sent, so a
filter costs no query over the archive, whatever its size. (A listing looks the
themes it is sent up by their slugs instead, stories.filters.)
"""

from pagecache.data import remember
from pagecache.dependencies import OPTIONS as CHOICES
from participants.models import Cohort, Programme
from stories.models import Story, Theme


def public_themes() -> list:
    return remember("options:themes", lambda: list(Theme.objects.public()), shows=[CHOICES])


def public_tags() -> list:
    return remember(
        "options:tags", lambda: list(Story.objects.public().tags_used()), shows=[CHOICES]
    )


def public_programmes() -> list:
    return remember("options:programmes", lambda: list(Programme.objects.public()), shows=[CHOICES])


def public_cohorts() -> list:
    return remember(
        "options:cohorts",
        lambda: list(Cohort.objects.public().select_related("programme")),
        shows=[CHOICES],
    )


def with_slug(options: list, slug: str):
    """The option with this slug, or None."""
    return next((option for option in options if option.slug == slug), None)
