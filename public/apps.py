from django.apps import AppConfig


class PublicConfig(AppConfig):
    """What readers see: the public pages, feeds, sitemaps, SEO and the public
    template tags. It stands above the content apps; none of them imports it."""

    name = "public"
    verbose_name = "Public site"
