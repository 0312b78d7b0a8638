from django.urls import path

from stories import feeds, views, views_preview

app_name = "stories"

urlpatterns = [
    path("", views.home, name="home"),
    path("stories/", views.story_list, name="list"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    # str, not slug: a signed token contains colons.
    path("share/<str:token>/", views_preview.shared_story, name="shared"),
    path("search/", views.search_page, name="search"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),  # taggit slugs may be Unicode
    path("feeds/stories/", feeds.LatestStoriesFeed(), name="feed"),
    path("feeds/themes/<slug:slug>/", feeds.ThemeStoriesFeed(), name="theme_feed"),
]
