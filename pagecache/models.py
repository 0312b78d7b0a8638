from django.db import models


class ContentVersion(models.Model):
    """One row that changes whenever anything a public page shows changes.

    Cached pages are stored under its token, so a change makes every cached
    page unreachable at once. It lives in the database, not the cache, so it
    changes in the same transaction as the edit (no page is cached from data
    that was rolled back) and every app server sees it, whatever its cache.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()
    # The next moment the public site changes by itself (a schedule or an end
    # of consent reached); the first request after it makes a new token.
    next_change_at = models.DateTimeField(null=True, blank=True)
    # False just after an edit, until a request has worked out next_change_at.
    schedule_known = models.BooleanField(default=False)

    def __str__(self):
        return f"Public content version {self.token}"
