"""A pathway step asked for in digits other than ASCII ones (`step=²`, which Python's
isdigit() takes but int() refuses) names no step: the usual empty result, not a 500."""

import pytest

from tests.factories import make_outcome, make_pathway_step, make_programme, make_story

pytestmark = pytest.mark.django_db

ADDRESSES = ["/impact/", "/impact/export.csv", "/api/outcomes/"]


@pytest.mark.parametrize("url", ADDRESSES)
@pytest.mark.parametrize("step", ["²", "\u0661", "¹²", "①"])
def test_a_step_in_other_digits_names_no_step(client, url, step):
    story = make_story()
    programme_step = make_pathway_step(make_programme())
    make_outcome(story, pathway_step=programme_step, description="Leisure centres kept open")
    response = client.get(url, {"step": step})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Leisure centres kept open" not in body.decode()
