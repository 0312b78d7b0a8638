from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("participants/<slug:slug>/", views.participant_detail, name="participant"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
