from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from participants.models import Organisation, Participant
from stories.models import Story, Theme


class SectionSitemap(Sitemap):
    # Pages of an index, each small enough to build quickly whatever the archive's size
    # (the protocol allows 50,000 URLs a file; one file would break it past that).
    limit = 5_000

    def get_latest_lastmod(self):
        # For the index: one aggregate, not a walk over every item (Django's default).
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class StorySitemap(SectionSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Story.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, story):
        return story.updated_at


class UpdatedAtSitemap(SectionSitemap):
    """Any public page whose object carries `updated_at`."""

    def lastmod(self, obj):
        return obj.updated_at


class ThemeSitemap(UpdatedAtSitemap):
    priority = 0.7

    def items(self):
        return Theme.objects.order_by("pk")


class ParticipantSitemap(UpdatedAtSitemap):
    priority = 0.5

    def items(self):
        return Participant.objects.public().only("slug", "updated_at").order_by("pk")


class OrganisationSitemap(UpdatedAtSitemap):
    priority = 0.5

    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("pk")


SITEMAPS = {
    "stories": StorySitemap,
    "themes": ThemeSitemap,
    "participants": ParticipantSitemap,
    "organisations": OrganisationSitemap,
}
