from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from editorial.admin.coverage import theme_coverage_view
from editorial.admin.shortcut import view_on_site
from pagecache import queries
from pagecache.decorators import cached_public_page
from public.evidence_views import evidence_file
from public.site_views import original, picture, robots_txt
from public.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/theme-coverage/", theme_coverage_view, name="theme_coverage"),
    # Original uploads, for staff only: MEDIA_URL, so that an image field's url() is this.
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", original, name="original"),
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        view_on_site,
        name="view_on_site_checked",
    ),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cached_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        # `p` as sent: Django's view answers anything but a page of the section with a 404.
        cached_public_page(sitemap_views.sitemap, reads=queries.as_sent("p")),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    # The participant's own pages, opened by an invitation link.
    path("my/", include("portal.urls")),
    # One-click unsubscribe from optional emails (a signed link in each of them).
    path("notifications/", include("notifications.urls")),
    # Every picture a page shows: renditions, while what they show is public.
    path("pictures/<path:name>", picture, name="picture"),
    # Uploaded evidence files, while marked public and their story is public.
    path("evidence/<int:pk>/<str:name>", evidence_file, name="evidence_file"),
    path("", include("public.people_urls")),
    path("", include("public.page_urls")),
    path("", include("public.story_urls")),
    path("", include("impact.urls")),
]

if settings.BENCH_REFERENCE_HTML:
    from bench.views import bare_page_view

    urlpatterns += [path("bench/bare/", bare_page_view(settings.BENCH_REFERENCE_HTML))]
