from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("participants/", views.participant_list, name="participants"),
    path("participants/<slug:slug>/", views.participant_detail, name="participant"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
