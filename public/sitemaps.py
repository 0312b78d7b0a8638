from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Exists, Max, OuterRef
from django.utils.functional import cached_property

from pagecache import dependencies
from pagecache.data import remember
from participants.models import Organisation, Participant
from sitepages.models import ALL_DEPENDENCY_KEYS, SitePage
from stories import tallies
from stories.models import Story, Theme
from stories.pagination import CountedPaginator


class SectionSitemap(Sitemap):
    # Pages of an index, each small enough to build quickly whatever the archive's size
    # (the protocol allows 50,000 URLs a file; one file would break it past that). A
    # thousand makes a section cost the same for an archive of a thousand or a million.
    limit = 1_000
    name = ""  # the section, naming what is remembered for it
    counted = None  # the count kept as stories change (stories.tallies), if there is one

    @cached_property
    def paginator(self):
        # The index counts every section: kept until the content changes.
        if self.counted:
            count = remember(f"sitemap:{self.name}:count", lambda: tallies.count(self.counted))
        else:
            count = remember(f"sitemap:{self.name}:count", lambda: self.items().order_by().count())
        return CountedPaginator(self._items(), self.limit, count=count)

    def get_latest_lastmod(self):
        # For the index: the newest first by its index, tested item by item until one is
        # public (the first, mostly), not a walk over every item (Django's default). Kept.
        return remember(
            f"sitemap:{self.name}:lastmod",
            lambda: (
                self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()
            ),
        )


class StorySitemap(SectionSitemap):
    name = "stories"
    counted = tallies.STORIES
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # Newest first, the order of the index that public stories are read through.
        return Story.objects.public().only("slug", "updated_at").latest_first()

    def lastmod(self, story):
        return story.updated_at

    def newest_first(self):
        # Every story by its last change, each tested (EXISTS): given the public rule
        # itself, SQLite walked the publication index and sorted them all (0.9 s at 100,000).
        public = Story.objects.public().filter(pk=OuterRef("pk"))
        return Story.objects.filter(Exists(public)).order_by("-updated_at")


class UpdatedAtSitemap(SectionSitemap):
    """Any public page whose object carries `updated_at`."""

    def lastmod(self, obj):
        return obj.updated_at


class ThemeSitemap(UpdatedAtSitemap):
    name = "themes"
    priority = 0.7

    def items(self):
        return Theme.objects.public().order_by("pk")


class ParticipantSitemap(UpdatedAtSitemap):
    name = "participants"
    counted = tallies.PARTICIPANTS
    priority = 0.5

    def items(self):
        return Participant.objects.public().only("slug", "updated_at").order_by("pk")


class OrganisationSitemap(UpdatedAtSitemap):
    name = "organisations"
    counted = tallies.ORGANISATIONS
    priority = 0.5

    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("pk")


class SitePageSitemap(UpdatedAtSitemap):
    """The accessibility statement, privacy notice and contact page: renewed as one is saved
    (their own dependency keys, not the stories' listing), counted and dated in one query."""

    name = "pages"
    priority = 0.3

    def items(self):
        dependencies.depends_on(*ALL_DEPENDENCY_KEYS)
        return SitePage.objects.only("slug", "updated_at").order_by("pk")

    def _summary(self) -> dict:
        return remember(
            "sitemap:pages",
            lambda: SitePage.objects.aggregate(count=Count("pk"), lastmod=Max("updated_at")),
            shows=ALL_DEPENDENCY_KEYS,
        )

    @cached_property
    def paginator(self):
        return CountedPaginator(self._items(), self.limit, count=self._summary()["count"])

    def get_latest_lastmod(self):
        return self._summary()["lastmod"]


SITEMAPS = {
    "stories": StorySitemap,
    "themes": ThemeSitemap,
    "participants": ParticipantSitemap,
    "organisations": OrganisationSitemap,
    "pages": SitePageSitemap,
}
