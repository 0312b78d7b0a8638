"""The admin editors work in. Django's autodiscovery imports this package; each
module registers the admin of what it names."""

# Imported to register their model admins.
from editorial.admin import notifications, people, selection, site_pages, stories  # noqa: F401
