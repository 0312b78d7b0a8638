"""The admin's form media, allowed by the Content-Security-Policy.

The prose editor needs an inline <script type="importmap"> (a browser will not take an
import map from a file). The policy allows no inline script, so the import map carries
this response's nonce, which django-csp then names in the header. Public pages never
ask for a nonce, so their policy stays 'self' alone.
"""

from js_asset import Media


class NoncedMediaAdmin:
    """A ModelAdmin mixin: the change form's media carry the request's CSP nonce."""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)
