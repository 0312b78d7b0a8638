from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from impact.admin_coverage import theme_coverage_view
from impactcms.sitemaps import SITEMAPS
from impactcms.views import media_file, robots_txt
from pagecache.decorators import cached_public_page

admin.site.site_header = "Impact CMS"
admin.site.site_title = "Impact CMS"
admin.site.index_title = "Stories, people and organisations"

urlpatterns = [
    path("admin/theme-coverage/", theme_coverage_view, name="theme_coverage"),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cached_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("participants.urls")),
    path("", include("stories.urls")),
    path("", include("impact.urls")),
]

if settings.SERVE_MEDIA:
    # static() serves nothing with DEBUG off, so serve uploads through Django's view.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media_file)]

if settings.BENCH_REFERENCE_HTML:
    from impactcms.bench_views import bare_page_view

    urlpatterns += [path("bench/bare/", bare_page_view(settings.BENCH_REFERENCE_HTML))]
