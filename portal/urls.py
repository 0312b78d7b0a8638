from django.urls import path

from portal.views import approval, consent, data
from portal.views.entry import enter, leave, new_link
from portal.views.home import home
from portal.views.story_form import (
    carry_on,
    draft_check,
    draft_delete,
    draft_step,
    drafts,
    new_story,
)

app_name = "portal"

urlpatterns = [
    path("", home, name="home"),
    path("enter/<str:token>/", enter, name="enter"),
    path("new-link/", new_link, name="new_link"),
    path("sign-out/", leave, name="sign_out"),
    path("stories/new/", new_story, name="story_new"),
    path("drafts/", drafts, name="drafts"),
    path("drafts/<int:pk>/", carry_on, name="draft_carry_on"),
    path("drafts/<int:pk>/check/", draft_check, name="draft_check"),
    path("drafts/<int:pk>/delete/", draft_delete, name="draft_delete"),
    path("drafts/<int:pk>/<slug:step>/", draft_step, name="draft_step"),
    path("stories/<int:pk>/", approval.story, name="story"),
    path("consent/", consent.consent, name="consent"),
    path("consent/withdraw/", consent.withdraw, name="consent_withdraw"),
    path("data/", data.data, name="data"),
    path("data/download/", data.download, name="data_download"),
]
