from django.contrib.sitemaps import Sitemap

from participants.models import Organisation, Participant
from stories.models import Story, Theme


class StorySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Story.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, story):
        return story.updated_at


class UpdatedAtSitemap(Sitemap):
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
