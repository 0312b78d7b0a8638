"""Writing the site's own pages (accessibility statement, privacy notice, contact).

Only editors change them: what they say is the programme's public word on
accessibility and personal data. Each save renews that page alone in the page
cache (its dependency key, `sitepage:<slug>`), and the site pages' sitemap;
every other cached page stays as it is.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from pagecache.renewal import Block, current_block, explain, renewal
from sitepages.models import SitePage, dependency_key

CHANGE_PERMISSION = "sitepages.change_sitepage"
REFUSAL = "Only an editor can change the site's pages."
NOTED = "sitepage"


@transaction.atomic
@renewal()
def save_site_page(*, page: SitePage, by) -> SitePage:
    """Save a site page's text, refusing anyone who may not change it.

    Side effects: the text is sanitised as it is saved (the body field), and the
    page's cached copy and the sitemap are renewed once, as the save commits.
    `by=None` is a command run by the site's operator.
    """
    if by is not None and not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(REFUSAL)
    page.save()
    return page


def _written(sender, instance, raw=False, **kwargs):
    if not raw and (block := current_block()) is not None:
        block.notes.setdefault(NOTED, set()).add(instance.slug)


def plan(block: Block) -> set[str]:
    """The cached pages a block's writes to site pages changed: each page's own."""
    return {dependency_key(slug) for slug in block.notes.get(NOTED, ())}


def connect() -> None:
    """Account for site pages' writes inside a block (EditorialConfig.ready)."""
    post_save.connect(_written, sender=SitePage, dispatch_uid="renewal-sitepage")
    post_delete.connect(_written, sender=SitePage, dispatch_uid="renewal-sitepage")
    explain(SitePage, planner=plan)
