"""What a fresh site starts with: the three pages, each at its own address."""

import pytest

from sitepages import defaults
from sitepages.models import SitePage

pytestmark = pytest.mark.django_db


def test_migrate_makes_every_page_at_its_address():
    pages = {page.slug: page.get_absolute_url() for page in SitePage.objects.all()}
    assert pages == {
        "accessibility": "/accessibility/",
        "privacy": "/privacy/",
        "contact": "/contact/",
    }


def test_making_the_defaults_again_leaves_an_edited_page_as_it_is():
    SitePage.objects.filter(slug="privacy").update(title="Our privacy promise")
    SitePage.objects.filter(slug="contact").delete()

    defaults.add_missing(SitePage)

    assert SitePage.objects.get(slug="privacy").title == "Our privacy promise"
    assert SitePage.objects.get(slug="contact").title == "Contact us"
