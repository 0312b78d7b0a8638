"""The Content-Security-Policy, with the one thing the admin needs beyond the public site."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; under /admin/, inline styles are allowed too.

    The admin's select2 pickers and the prose editor build their widgets from HTML
    strings that carry style attributes, which a strict style-src breaks. Only
    signed-in staff see those pages, and scripts stay 'self' (and a nonce) there
    as everywhere; the public site's styles stay 'self' alone.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX):
            parts.update = (parts.update or {}) | {"style-src": [UNSAFE_INLINE]}
        return parts
