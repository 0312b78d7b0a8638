from django.urls import path

from editorial import views as editorial_views
from pagecache.decorators import cached_public_page as cached
from public import feeds
from public import story_views as views

app_name = "stories"

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("stories/", cached(views.story_list, reads=views.LISTING_READS), name="list"),
    path("stories/<slug:slug>/", cached(views.story_detail), name="detail"),
    # str, not slug: a signed token contains colons. Never cached: it is private.
    path("share/<str:token>/", editorial_views.shared_story, name="shared"),
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
