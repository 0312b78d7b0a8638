"""The accessibility statement, privacy notice and contact page travel with the site:
restored over the defaults migrate makes, and never written over by another site's."""

import pytest

from editorial.site_page_services import save_site_page
from sitepages import defaults
from sitepages.models import SitePage
from tests.archive.site import run, wipe_site

pytestmark = pytest.mark.django_db

OURS = "<p>Our statement, tested by our own panel of readers.</p>"


def _edit_statement(body: str) -> None:
    page = SitePage.objects.get(slug="accessibility")
    page.body = body
    save_site_page(page=page, by=None)


def _statement() -> str:
    return SitePage.objects.get(slug="accessibility").body


@pytest.fixture
def edited_archive(site, tmp_path):
    _edit_statement(OURS)
    path = tmp_path / "site.zip"
    run("export_site", path)
    return path


def test_a_fresh_database_gets_the_edited_pages_back(edited_archive, client):
    wipe_site()
    defaults.add_missing(SitePage)  # as migrate leaves a fresh database
    assert _statement() != OURS

    run("import_site", edited_archive)

    assert _statement() == OURS
    assert SitePage.objects.count() == len(SitePage.Slug.values)
    assert "tested by our own panel" in client.get("/accessibility/").content.decode()


def test_merging_another_sites_archive_keeps_this_sites_pages(edited_archive):
    _edit_statement("<p>This site's own statement.</p>")

    run("import_site", edited_archive, "--merge")

    assert _statement() == "<p>This site's own statement.</p>"
    assert SitePage.objects.count() == len(SitePage.Slug.values)
