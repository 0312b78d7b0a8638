from django.conf import settings


def site(request):
    """The site's name, for titles and Open Graph tags on every page."""
    return {"site_name": settings.SITE_NAME}
