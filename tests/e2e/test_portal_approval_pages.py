"""The participant's approval, consent and data pages pass axe and fit a 390 px phone."""

import pytest
from django.urls import reverse

from editorial.invitations import create_invitation, invitation_path
from participants.models import ConsentWording, Participant
from stories.models import SignOff
from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_pages_pass_axe_fit_a_phone_and_take_an_answer(browser):
    wording = ConsentWording.objects.create(version=900, text="I agree my story may be shared.")
    person = make_participant(
        name="Amara Okafor", email="amara@example.org", consent_wording=wording
    )
    story = make_story(
        participant=person,
        status="draft",
        published_at=None,
        title="Leisure centres and community health",
    )
    addresses = [
        reverse("portal:story", kwargs={"pk": story.pk}),
        reverse("portal:consent"),
        reverse("portal:consent_withdraw"),
        reverse("portal:data"),
    ]
    _, desktop_token = create_invitation(participant=person, by=None)
    _, phone_token = create_invitation(participant=person, by=None)
    found, too_wide = {}, {}
    with browser() as open_page:
        for width, page, token in [
            ("desktop", open_page(), desktop_token),
            ("phone", open_page(viewport=PHONE), phone_token),
        ]:
            page.goto(invitation_path(token))
            page.get_by_role("button", name="Continue to your page").click()
            for address in addresses:
                assert page.goto(address).status == 200, address
                if violations := axe_violations(page):
                    found[f"{address} at {width}"] = violations
                if width == "phone" and page.evaluate("document.documentElement.scrollWidth") > 390:
                    too_wide[address] = True
        page.goto(addresses[0])
        page.get_by_label("I would like changes").check()
        page.get_by_label("What would you like changed?").fill("Please use my full job title.")
        page.get_by_role("button", name="Send my answer").click()
        page.get_by_text("Your answer has been sent").wait_for()
        # An error is announced and linked to its field.
        page.get_by_label("I would like changes").check()
        page.get_by_role("button", name="Send my answer").click()
        page.get_by_role("link", name="Say what you would like changed.").wait_for()
        if violations := axe_violations(page):
            found["the answer form with an error"] = violations
    assert found == {}
    assert too_wide == {}
    assert SignOff.objects.get().comment == "Please use my full job title."
    assert Participant.objects.get(pk=person.pk).consent_withdrawn_at is None
