from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Impact CMS"
admin.site.site_title = "Impact CMS"
admin.site.index_title = "Stories, people and organisations"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("participants.urls")),
    path("", include("stories.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
