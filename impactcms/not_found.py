"""The site's own "Page not found", with its search box, under DEBUG too.

With DEBUG on (what `make run` serves) Django answers an unknown address with its
technical 404 page, which lists every URL pattern of the site: not what a person
trying the site should see, nor what the browser tests should check. This
middleware answers as the live site does instead, with templates/404.html and
status 404. With DEBUG off it does nothing: Django's own handler renders that
page already.
"""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404
from django.views.defaults import page_not_found


class SiteNotFoundPageMiddleware:
    """Placed after CommonMiddleware, which then still turns a 404 for an address
    missing its final slash into a redirect (APPEND_SLASH)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No view matched the address: what Django answered is its technical page.
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Resolver404({"path": request.path_info}))
        return response

    def process_exception(self, request, exception):
        # A view said there is no such thing (Http404): answered before Django's
        # technical page is made.
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
