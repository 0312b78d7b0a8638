from django.urls import path

from portal.views.entry import enter
from portal.views.home import home

app_name = "portal"

urlpatterns = [
    path("", home, name="home"),
    path("enter/<str:token>/", enter, name="enter"),
]
