"""An admin page that writes renews the public pages once, however many rows it saves."""

from django.db import transaction

from pagecache.renewal import renewal


class OneRenewalPerWrite:
    """Saving a story in the admin writes the story, its themes, tags, partners and
    outcomes: the page cache's version is replaced once, when the page's work is
    done, rather than once a row (the signals' safety net joins the block)."""

    # A POST runs in a transaction of its own around Django's: the renewal is written in
    # it, so other servers see it exactly when the change commits, not a moment after.
    # A GET writes nothing and opens nothing more.

    def _one_write(self, view, request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with transaction.atomic(), renewal():
            return view(request, *args, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        return self._one_write(super().changeform_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):  # bulk actions and list edits
        return self._one_write(super().changelist_view, request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._one_write(super().delete_view, request, *args, **kwargs)
