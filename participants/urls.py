from django.urls import path

from pagecache.decorators import cached_public_page as cached
from participants import views

app_name = "participants"

urlpatterns = [
    path("participants/", cached(views.participant_list), name="participants"),
    path("participants/<slug:slug>/", cached(views.participant_detail), name="participant"),
    path("organisations/", cached(views.organisation_list), name="organisations"),
    path("organisations/<slug:slug>/", cached(views.organisation_detail), name="organisation"),
]
