from django.urls import path

from notifications.views import unsubscribe

app_name = "notifications"

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
