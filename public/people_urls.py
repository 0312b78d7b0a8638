from django.urls import path

from pagecache import queries
from pagecache.decorators import cached_public_page as cached
from public import people_views as views

app_name = "participants"
PAGE = queries.page_number()

urlpatterns = [
    path("participants/", cached(views.participant_list, reads=PAGE), name="participants"),
    path("participants/<slug:slug>/", cached(views.participant_detail), name="participant"),
    path("organisations/", cached(views.organisation_list, reads=PAGE), name="organisations"),
    path("organisations/<slug:slug>/", cached(views.organisation_detail), name="organisation"),
]
