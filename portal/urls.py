from django.urls import path

from portal.views import approval, consent, data
from portal.views.entry import enter
from portal.views.home import home

app_name = "portal"

urlpatterns = [
    path("", home, name="home"),
    path("enter/<str:token>/", enter, name="enter"),
    path("stories/<int:pk>/", approval.story, name="story"),
    path("consent/", consent.consent, name="consent"),
    path("consent/withdraw/", consent.withdraw, name="consent_withdraw"),
    path("data/", data.data, name="data"),
    path("data/download/", data.download, name="data_download"),
]
