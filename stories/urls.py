from django.urls import path

from pagecache.decorators import cached_public_page as cached
from stories import feeds, views, views_preview

app_name = "stories"

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("stories/", cached(views.story_list, reads=views.LISTING_READS), name="list"),
    path("stories/<slug:slug>/", cached(views.story_detail), name="detail"),
    # str, not slug: a signed token contains colons. Never cached: it is private.
    path("share/<str:token>/", views_preview.shared_story, name="shared"),
    path("search/", cached(views.search_page, reads=views.LISTING_READS), name="search"),
    path("themes/", cached(views.theme_list), name="themes"),
    path(
        "themes/<slug:slug>/",
        cached(views.theme_detail, reads=views.THEME_PAGE_READS),
        name="theme",
    ),
    # taggit slugs may be Unicode
    path("tags/<str:slug>/", cached(views.tag_detail, reads=views.TAG_PAGE_READS), name="tag"),
    path("feeds/stories/", cached(feeds.LatestStoriesFeed()), name="feed"),
    path("feeds/themes/<slug:slug>/", cached(feeds.ThemeStoriesFeed()), name="theme_feed"),
]
