from django.urls import path

from portal.views.entry import enter, leave, new_link
from portal.views.home import home

app_name = "portal"

urlpatterns = [
    path("", home, name="home"),
    path("enter/<str:token>/", enter, name="enter"),
    path("new-link/", new_link, name="new_link"),
    path("sign-out/", leave, name="sign_out"),
]
