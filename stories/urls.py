from django.urls import path

from pagecache.decorators import cached_public_page as cached
from stories import feeds, views, views_preview

app_name = "stories"

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("stories/", cached(views.story_list), name="list"),
    path("stories/<slug:slug>/", cached(views.story_detail), name="detail"),
    # str, not slug: a signed token contains colons. Never cached: it is private.
    path("share/<str:token>/", views_preview.shared_story, name="shared"),
    path("search/", cached(views.search_page), name="search"),
    path("themes/", cached(views.theme_list), name="themes"),
    path("themes/<slug:slug>/", cached(views.theme_detail), name="theme"),
    path("tags/<str:slug>/", cached(views.tag_detail), name="tag"),  # taggit slugs may be Unicode
    path("feeds/stories/", cached(feeds.LatestStoriesFeed()), name="feed"),
    path("feeds/themes/<slug:slug>/", cached(feeds.ThemeStoriesFeed()), name="theme_feed"),
]
