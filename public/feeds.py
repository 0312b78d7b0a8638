from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from pagecache.dependencies import depends_on, key
from stories.models import Story, Theme

FEED_LENGTH = 20


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "The latest stories of impact from programme participants."

    def title(self):
        return f"{settings.SITE_NAME}: latest stories"

    def link(self):
        return reverse("stories:list")

    def items(self):
        return Story.objects.public().with_cards().latest_first()[:FEED_LENGTH]

    # Feed readers show titles and descriptions as HTML: an editor's plain text is
    # escaped once more, to read as typed (Django's default item title does the same).
    def item_title(self, story):
        return escape(story.title)

    def item_description(self, story):
        return escape(story.summary)

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.updated_at

    def item_author_name(self, story):
        return story.participant.name

    def item_categories(self, story):
        return [theme.name for theme in story.themes.all()]


class ThemeStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        # As the theme's page: a theme only drafts have has no feed.
        theme = get_object_or_404(Theme.objects.public(), slug=slug)
        depends_on(key("theme", theme.pk))
        return theme

    def title(self, theme):
        return escape(f"{settings.SITE_NAME}: {theme.name}")

    def link(self, theme):
        return theme.get_absolute_url()

    def description(self, theme):
        return escape(theme.summary or f"Stories on the theme {theme.name}.")

    def items(self, theme):
        return Story.objects.public().for_theme(theme).with_cards().latest_first()[:FEED_LENGTH]
