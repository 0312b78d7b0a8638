"""A participant's own data: what the download holds, and the download."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_the_page_says_what_the_download_holds(participant_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = participant_client.get(reverse("portal:data"))
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "your consent, with its history" in page
    assert reverse("portal:data_download") in page


def test_the_download_is_their_export_private_and_never_cached(participant_client, participant):
    make_story(participant=participant, title="Mine", status="draft", published_at=None)
    make_story(title="Someone else's")
    response = participant_client.get(reverse("portal:data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert "person.json" in names and "README.txt" in names
        assert "amara@example.org" in archive.read("person.json").decode()
        assert not any("someone-else" in name for name in names)


def test_signed_out_there_is_no_download(client, db):
    response = client.get(reverse("portal:data_download"))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("role", ["editor_client", "contributor_client"])
def test_staff_are_not_participants_on_these_pages(request, role, participant):
    """A member of staff, whatever their role, reaches no participant's page or data."""
    story = make_story(participant=participant, status="draft", published_at=None)
    staff = request.getfixturevalue(role)
    for address in [
        reverse("portal:story", kwargs={"pk": story.pk}),
        reverse("portal:consent"),
        reverse("portal:consent_withdraw"),
        reverse("portal:data"),
        reverse("portal:data_download"),
    ]:
        assert staff.get(address).status_code == 403, address
    assert staff.post(reverse("portal:consent_withdraw")).status_code == 403
    participant.refresh_from_db()
    assert participant.consent_withdrawn_at is None


def test_their_answers_from_their_page_are_in_the_download(participant_client, participant):
    story = make_story(participant=participant, status="draft", published_at=None)
    participant_client.post(
        reverse("portal:story", kwargs={"pk": story.pk}),
        {"decision": "changes", "comment": "Use my full title", "version": story.edit_version},
    )
    response = participant_client.get(reverse("portal:data_download"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        held = "".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".json")
        )
    assert "Use my full title" in held
