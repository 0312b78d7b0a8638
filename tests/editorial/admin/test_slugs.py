"""An empty slug is made on the server, whatever the name's alphabet."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,slug_start",
    [("Siân Llŷr", "sian-llyr"), ("王小明", "participant-"), ("محمد الحسن", "participant-")],
)
def test_an_empty_slug_is_made_on_the_server_for_any_name(editor_client, name, slug_start):
    from participants.models import Participant

    response = editor_client.post(
        "/admin/participants/participant/add/",
        {
            "name": name,
            "slug": "",
            "consent_scope": "web_and_print",
            "stories-TOTAL_FORMS": "0",
            "stories-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Participant.objects.get(name=name).slug.startswith(slug_start)
