"""An evidence item is written through its story, as its outcome is: adding, changing,
unticking or deleting it renews its own story's pages at once and leaves the others
kept; written outside a service, the safety net renews everything; a pathway step,
shown on every programme's figures, renews everything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from editorial import people_services
from pagecache import dependencies
from pagecache.models import ContentVersion
from pagecache.renewal import renewal
from stories.models import Evidence, Outcome
from tests.editorial.test_renewal import from_the_cache, warm
from tests.factories import make_outcome, make_pathway_step, make_programme
from tests.stories.evidence_uploads import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_outcome(site) -> Outcome:
    return make_outcome(site["ward"], description="Tenants' panel set up")


def written(work):
    """As a service writes: in a transaction, inside a renewal block."""
    with transaction.atomic(), renewal():
        return work()


@pytest.fixture
def renewals(monkeypatch):
    seen = []
    real = dependencies.renew
    monkeypatch.setattr(
        dependencies, "renew", lambda keys, **kw: seen.append(set(keys)) or real(keys, **kw)
    )
    return seen


def test_public_evidence_added_shows_on_its_story_at_once_and_nowhere_else_is_renewed(
    site, ward_outcome, renewals
):
    reader = Client()
    warm(reader)
    token = ContentVersion.objects.get().token
    written(
        lambda: Evidence.objects.create(
            outcome=ward_outcome, description="Tenants' panel minutes", url="https://x.org/m"
        )
    )
    written(
        lambda: Evidence.objects.create(
            outcome=ward_outcome, description="Panel terms", url="https://x.org/t", public=True
        )
    )
    page = reader.get("/stories/ward/").content.decode()
    assert "Panel terms" in page and "Tenants&#x27; panel minutes" not in page
    assert ContentVersion.objects.get().token == token  # not everything
    assert all(f"story:{site['ward'].pk}" in keys for keys in renewals)
    assert not any(f"story:{site['clinic'].pk}" in keys for keys in renewals)
    # (The clinic's own page lists the ward as related, so it is renewed with the listings.)
    for url in ["/themes/health/", "/participants/bea/", "/organisations/trust/"]:
        assert from_the_cache(reader, url), url


def test_changed_unticked_and_deleted_evidence_never_stays_on_a_kept_page(site, ward_outcome):
    reader = Client()
    evidence = written(
        lambda: Evidence.objects.create(
            outcome=ward_outcome, description="Board paper", url="https://x.org/b", public=True
        )
    )
    warm(reader)
    assert "Board paper" in reader.get("/stories/ward/").content.decode()

    evidence.description = "Board paper, signed"
    written(evidence.save)
    assert "Board paper, signed" in reader.get("/stories/ward/").content.decode()

    evidence.public = False
    written(evidence.save)
    assert "Board paper" not in reader.get("/stories/ward/").content.decode()

    evidence.public = True
    written(evidence.save)
    assert "Board paper, signed" in reader.get("/stories/ward/").content.decode()
    written(Evidence.objects.get(pk=evidence.pk).delete)  # its outcome not in hand
    assert "Board paper" not in reader.get("/stories/ward/").content.decode()


def test_deleting_an_outcome_takes_its_evidence_off_the_page(site, ward_outcome):
    reader = Client()
    written(
        lambda: Evidence.objects.create(
            outcome=ward_outcome, description="Board paper", url="https://x.org/b", public=True
        )
    )
    warm(reader)
    written(Outcome.objects.get(pk=ward_outcome.pk).delete)
    page = reader.get("/stories/ward/").content.decode()
    assert "Board paper" not in page and "Tenants&#x27; panel set up" not in page
    assert not Evidence.objects.exists()


def test_evidence_written_outside_the_services_renews_everything(site, ward_outcome):
    reader = Client()
    warm(reader)
    token = ContentVersion.objects.get().token
    Evidence.objects.create(
        outcome=ward_outcome, description="Shell-made item", url="https://x.org/s", public=True
    )
    assert ContentVersion.objects.get().token != token
    assert "Shell-made item" in reader.get("/stories/ward/").content.decode()
    assert not from_the_cache(reader, "/stories/clinic/")


def test_a_withdrawal_takes_the_evidence_and_its_file_away_from_a_kept_page(
    site, ward_outcome, editor
):
    reader = Client()
    upload = SimpleUploadedFile("minutes.pdf", PDF)
    evidence = written(
        lambda: Evidence.objects.create(
            outcome=ward_outcome, description="Minutes", file=upload, public=True
        )
    )
    warm(reader)
    assert evidence.public_address in reader.get("/stories/ward/").content.decode()
    assert reader.get(evidence.public_address).status_code == 200
    amara = site["amara"]
    amara.consent_withdrawn_at = timezone.now()
    people_services.save_participant(participant=amara, by=editor, note="Asked by phone")
    assert reader.get("/stories/ward/").status_code == 404
    assert reader.get(evidence.public_address).status_code == 404


@pytest.mark.parametrize("in_a_block", [True, False], ids=["service", "shell"])
def test_a_pathway_step_renews_everything(site, in_a_block):
    programme = make_programme()
    reader = Client()
    warm(reader)
    token = ContentVersion.objects.get().token
    step = make_pathway_step(programme)
    step.title = "Leaders act as one system"
    (written if in_a_block else lambda work: work())(step.save)
    assert ContentVersion.objects.get().token != token
    assert not from_the_cache(reader, "/stories/ward/")
