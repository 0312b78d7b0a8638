"""What `make bench` asks of a database: the pages to load, and each one's queries and size."""

import json
import math

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from pagecache.versions import current_token
from stories.models import Story, Theme
from stories.pagination import STORIES_PER_PAGE

COMMON_WORD = "community"  # in most generated stories' text


def bench_pages() -> dict[str, str]:
    """One address per kind of public page, chosen from what this database holds."""
    public = Story.objects.public()
    themes = list(Theme.objects.with_public_story_counts().order_by("-story_count", "pk")[:2])
    tag = (
        public.tags_used()
        .annotate(uses=Count("stories_taggedstory_items"))
        .order_by("-uses", "pk")
        .first()
    )
    story = public.select_related("participant").latest_first()[public.count() // 2]
    pages = math.ceil(public.count() / STORIES_PER_PAGE)
    first, second = themes[0].slug, themes[-1].slug
    return {
        "home": "/",
        "stories": "/stories/",
        "theme": f"/themes/{first}/",
        "filtered": f"/stories/?theme={first}&theme={second}&tag={tag.slug}",
        "deep page": f"/stories/?page={min(1000, pages)}",
        "story": story.get_absolute_url(),
        "participant": story.participant.get_absolute_url(),
        "search, common word": f"/search/?q={COMMON_WORD}",
        "search, rare name": f"/search/?q={story.participant.name.replace(' ', '+')}",
        "feed": "/feeds/stories/",
        "sitemap index": "/sitemap.xml",
        "sitemap, stories": "/sitemap-stories.xml",
        "impact": "/impact/",
    }


class Command(BaseCommand):
    help = (
        "Print, as JSON, the pages `make bench` loads, with each one's status, queries and bytes."
    )

    def handle(self, *args, **options):
        pages = bench_pages()
        current_token()  # as on a live site: the schedule is known before the first page
        client = Client()
        stats = {}
        with override_settings(ALLOWED_HOSTS=["testserver"], PAGE_CACHE_SECONDS=0):
            for name, url in pages.items():
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                stats[name] = {
                    "url": url,
                    "status": response.status_code,
                    "queries": len(queries),
                    "bytes": len(response.content),
                }
        self.stdout.write(json.dumps(stats))
