"""The participant's "Tell your story" pages pass axe at desktop and phone widths, errors
included, and fit a 390-pixel phone without sideways scrolling."""

import pytest
from django.urls import reverse

from editorial.invitations import create_invitation, invitation_path
from stories.models import StoryDraft
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import axe_violations
from tests.factories import make_participant, make_theme

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LONG = "Gesundheitsförderungszusammenarbeitsvereinbarung https://example.org/a/very/long/path/x"


def test_the_story_form_passes_axe_and_fits_a_phone(browser):
    make_theme(name="Health inequalities")
    participant = make_participant(name="Amara Okafor", email="amara@example.org")
    draft = StoryDraft.objects.create(
        participant=participant,
        answers={
            "title": "A jigsaw",
            "challenge": LONG,
            "what_i_did": "Talked.",
            "outcomes": [
                {
                    "description": LONG,
                    "value": "250000",
                    "unit": "pounds",
                    "evidence_url": "https://example.org/" + "x" * 80,
                }
            ],
            "partners": [{"name": "Suffolk Mind", "role": "Ran sessions"}],
        },
    )
    steps = [
        "about",
        "challenge",
        "what-you-did",
        "what-changed",
        "partners",
        "quote",
        "themes",
        "photo",
    ]
    addresses = [reverse("portal:draft_step", args=[draft.pk, step]) for step in steps] + [
        reverse("portal:draft_check", args=[draft.pk]),
        reverse("portal:draft_delete", args=[draft.pk]),
        reverse("portal:drafts"),
        reverse("portal:story_new"),
    ]
    tokens = {width: create_invitation(participant=participant, by=None)[1] for width in "dp"}
    found, too_wide = {}, {}
    with browser() as open_page:
        for key, viewport in [("d", DESKTOP), ("p", PHONE)]:
            page = open_page(viewport=viewport)
            page.goto(invitation_path(tokens[key]))
            page.get_by_role("button", name="Continue to your page").click()
            page.wait_for_url("**/my/")
            for address in addresses:
                page.goto(address)
                _check(page, f"{address} at {viewport['width']}", found, too_wide)
            # A step with errors: the summary and the fields it links to.
            page.goto(addresses[3])
            page.locator("#id_outcomes-1-value").fill("a lot")
            page.get_by_role("button", name="Save and continue").click()
            assert page.get_by_role("alert").is_visible()
            _check(page, f"errors at {viewport['width']}", found, too_wide)
    assert found == {}
    assert too_wide == {}


def _check(page, name, found, too_wide):
    if violations := axe_violations(page):
        found[name] = violations
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport:
        too_wide[name] = width
