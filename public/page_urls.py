from django.urls import path

from pagecache.decorators import cached_public_page as cached
from public.page_views import site_page
from sitepages.models import SitePage

app_name = "pages"

# One address a page, named by its slug: `pages:accessibility` (SitePage.get_absolute_url).
urlpatterns = [
    path(f"{slug}/", cached(site_page), {"slug": slug}, name=slug) for slug in SitePage.Slug.values
]
