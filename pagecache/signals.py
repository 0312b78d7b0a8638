"""The safety net: a write a public page could show replaces the content version,
even one made with the ORM outside the services (the shell, a data migration, a
bulk tool). Each content app names its models at startup (its AppConfig.ready),
so the page cache imports none; inside a service or an admin view the write's
planner decides what it renews (pagecache.renewal).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.renewal import changed

# A relation's change is reported before and after; the version follows what is stored.
M2M_DONE = frozenset({"post_add", "post_remove", "post_clear"})


def content_changed(sender, raw=False, **kwargs):
    if not raw:
        changed(sender)


def relation_changed(sender, action, **kwargs):
    if action in M2M_DONE:
        changed(sender)


def watch(*models) -> None:
    """Renew public pages whenever a row of one of `models` is saved or deleted."""
    for model in models:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)


def watch_relations(*throughs) -> None:
    """Renew public pages whenever a many-to-many relation (its through model) changes."""
    for through in throughs:
        m2m_changed.connect(
            relation_changed, sender=through, dispatch_uid=f"pagecache-{through._meta.label}"
        )
