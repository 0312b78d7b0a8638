"""The pages a participant's link can lead to pass axe at phone and desktop widths, fit a
320-pixel screen, and work in a real browser: the button signs in, the same link in
another browser is refused, and a new link can be asked for."""

import datetime as dt

import pytest
from django.utils import timezone

from editorial.invitations import create_invitation, invitation_path
from participants.models import Invitation
from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations, screenshot
from tests.factories import make_participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_link_pages_pass_axe_and_a_link_opens_once(browser):
    amara = make_participant(name="Amara Okafor", email="amara@example.org")
    _, token = create_invitation(participant=amara, by=None)
    expired, expired_token = create_invitation(participant=amara, by=None)
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    found, too_wide = {}, {}
    with browser() as open_page:
        for width, viewport in [("desktop", None), ("phone", PHONE)]:
            page = open_page(**({"viewport": viewport} if viewport else {}))
            for name, address, status in [
                ("enter", invitation_path(token), 200),
                ("expired", invitation_path(expired_token), 410),
                ("tampered", invitation_path(token[:-3]), 404),
                ("new link", "/my/new-link/", 200),
            ]:
                assert page.goto(address).status == status, address
                if violations := axe_violations(page):
                    found[f"{name} at {width}"] = violations
            page.get_by_label("Your email address").fill("not an address")
            page.get_by_role("button", name="Ask for a new link").click()
            assert page.get_by_role("alert").is_visible()
            if violations := axe_violations(page):
                found[f"new link error at {width}"] = violations
        narrow = open_page(viewport={"width": 320, "height": 640})
        narrow.goto(invitation_path(expired_token))
        if narrow.evaluate("document.documentElement.scrollWidth") > 320:
            too_wide["expired"] = True
        screenshot(narrow, "portal-link-expired")

        first = open_page(viewport=PHONE)
        first.goto(invitation_path(token))
        first.get_by_role("button", name="Continue to your page").click()
        assert first.get_by_role("heading", name="Hello, Amara Okafor").is_visible()
        screenshot(first, "portal-signed-in")
        second = open_page()
        assert second.goto(invitation_path(token)).status == 410
        assert second.get_by_role("heading", level=1).inner_text() == (
            "This link has already been used in another browser"
        )
        second.get_by_label("Your email address").fill("amara@example.org")
        second.get_by_role("button", name="Ask for a new link").click()
        assert second.get_by_role("heading", name="Check your email").is_visible()
        first.get_by_role("button", name="Sign out").click()
        assert first.get_by_role("heading", name="You are signed out").is_visible()
    assert found == {}
    assert too_wide == {}
