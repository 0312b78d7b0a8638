from django.db import models
from django.urls import reverse

from pagecache.dependencies import key
from stories.fields import SanitizedBodyField


def dependency_key(slug: str) -> str:
    """What a cached page showing this site page depends on: renewed when it is saved."""
    return key("sitepage", slug)


class SitePage(models.Model):
    """One of a fixed set of pages (accessibility, privacy, contact), its text edited in
    the admin. Made by a data migration, so a fresh site has them; never added or
    deleted in the admin, so the footer's links always lead somewhere."""

    class Slug(models.TextChoices):
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        PRIVACY = "privacy", "Privacy notice"
        CONTACT = "contact", "Contact"

    slug = models.CharField(max_length=40, unique=True, choices=Slug.choices, editable=False)
    title = models.CharField(max_length=120)
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences: shown under the title and to search engines.",
    )
    # Sanitised on every save, whatever the path, as a story's body is.
    body = SanitizedBodyField(blank=True)
    last_reviewed_on = models.DateField(
        help_text="When someone last checked that this page is still true (shown on the page)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "site page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")


# Every site page's key: what the site pages' sitemap depends on.
ALL_DEPENDENCY_KEYS = tuple(dependency_key(slug) for slug in SitePage.Slug.values)
