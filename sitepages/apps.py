from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    """The pages every public-sector site needs (accessibility statement, privacy
    notice, contact): their editable text. A content app of its own, as stories
    and people are: the readers' side shows them, the editors' side writes them."""

    name = "sitepages"
    verbose_name = "Site pages"

    def ready(self):
        # Models may be imported only once every app is loaded: here, as Django asks.
        from pagecache import signals as pagecache
        from sitepages.models import SitePage

        # The safety net: an edit made outside the services still renews the pages.
        pagecache.watch(SitePage)
