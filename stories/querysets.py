from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from participants.querysets import consent_stands


class StoryQuerySet(models.QuerySet):
    def public(self):
        """The one definition of a story the public may see.

        Published, with a publication time that has come, and a participant
        whose consent stands. Every public view, feed, sitemap and search
        starts here.
        """
        return self.filter(
            consent_stands("participant__"),
            status=self.model.Status.PUBLISHED,
            published_at__lte=timezone.now(),
        )

    def for_theme(self, theme):
        return self.filter(themes=theme)

    def latest_first(self):
        # id breaks ties so pagination never repeats or skips a story.
        return self.order_by("-published_at", "-id")

    def with_cards(self):
        """What a story card shows, fetched in a fixed number of queries."""
        from stories.models import Theme

        return self.select_related("participant", "participant__organisation").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            "tags",
        )


class ThemeQuerySet(models.QuerySet):
    def with_public_story_counts(self):
        from stories.models import Story

        public_ids = Story.objects.public().values("id")
        return self.annotate(
            story_count=Count("stories", filter=Q(stories__in=public_ids), distinct=True)
        )
