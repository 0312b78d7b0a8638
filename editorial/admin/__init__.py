"""The admin editors work in. Django's autodiscovery imports this package; each
module registers the admin of what it names."""

from editorial.admin import people, site_pages, stories  # noqa: F401  (registers the model admins)
