"""What the filters offer: the themes, tags, programmes and cohorts found on public stories.

Each list is read once until the choices are renewed (pagecache.data.remember) and serves
both the filter bar's choices and the lookup of a slug a reader sent, so a
filter costs no query over the archive, whatever its size. (A listing looks the
themes it is sent up by their slugs instead, stories.filters.)
"""

from taggit.models import Tag

from pagecache.data import remember
from pagecache.dependencies import OPTIONS as CHOICES
from participants.models import Cohort, Programme
from stories import tallies


def public_themes() -> list:
    return remember("options:themes", lambda: list(tallies.public_themes()), shows=[CHOICES])


def public_tags() -> list:
    return remember("options:tags", _tags_counted, shows=[CHOICES])


def _tags_counted() -> list:
    """The tags on public stories, by name: those the kept counts give any."""
    return list(tallies.counted(Tag.objects.order_by("name"), "tag"))


def public_programmes() -> list:
    return remember(
        "options:programmes",
        lambda: list(tallies.counted(Programme.objects.all(), "programme")),
        shows=[CHOICES],
    )


def public_cohorts() -> list:
    return remember(
        "options:cohorts",
        lambda: list(tallies.counted(Cohort.objects.select_related("programme"), "cohort")),
        shows=[CHOICES],
    )


def with_slug(options: list, slug: str):
    """The option with this slug, or None."""
    return next((option for option in options if option.slug == slug), None)
