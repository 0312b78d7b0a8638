"""The site's own pages: accessibility statement, privacy notice, contact."""

from django.shortcuts import get_object_or_404, render

from pagecache import dependencies
from sitepages.models import SitePage, dependency_key


def site_page(request, slug: str):
    # Named before the read: the cached copy stands until this page's text is saved.
    dependencies.depends_on(dependency_key(slug))
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "sitepages/site_page.html", {"page": page})
