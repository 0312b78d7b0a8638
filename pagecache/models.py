from django.db import models


class ContentVersion(models.Model):
    """One row that says when public pages must be made again.

    `token` changes when anything at all may have changed (a write outside the
    services, a schedule or an end of consent reached): every cached page is left
    behind at once. `serial` counts the narrower renewals (`Dependency`), so a
    page knows whether something it shows was renewed while it was being made.
    It lives in the database, not the cache, so it changes in the same
    transaction as the edit (no page is cached from data that was rolled back)
    and every app server sees it, whatever its cache.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()
    # The next moment the public site changes by itself (a schedule or an end
    # of consent reached); the first request after it makes a new token.
    next_change_at = models.DateTimeField(null=True, blank=True)
    # False just after an edit, until a request has worked out next_change_at.
    schedule_known = models.BooleanField(default=False)
    serial = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Public content version {self.token}"


class Dependency(models.Model):
    """Something public pages show, renewed on its own: `theme:7`, `story:12`, `listing`.

    A cached page (and each kept figure) records the token of every dependency
    it read; it is served again only while they all stand. A save renews the
    dependencies it changes, so an edit of one story leaves the pages that do not
    show it cached (editorial.renewal decides which).
    """

    key = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=32)
    # ContentVersion.serial when it was renewed, in the same transaction.
    serial = models.BigIntegerField()

    def __str__(self):
        return f"{self.key} at {self.token}"
