"""An admin page that writes renews the public pages once, however many rows it saves."""

from django.db import transaction

from pagecache.renewal import renewal


class OneRenewalPerWrite:
    """Saving a story in the admin writes the story, its themes, tags, partners and
    outcomes: the page cache's version is replaced once, when the page's work is
    done, rather than once a row (the signals' safety net joins the block)."""

    # In a transaction of its own around Django's: the renewal is written in it, so
    # other servers see it exactly when the change commits, not a moment after.

    def changeform_view(self, *args, **kwargs):
        with transaction.atomic(), renewal():
            return super().changeform_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):  # bulk actions and list edits
        with transaction.atomic(), renewal():
            return super().changelist_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with transaction.atomic(), renewal():
            return super().delete_view(*args, **kwargs)
