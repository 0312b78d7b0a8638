"""The unsubscribe pages and the admin's Email notifications page, in a real browser:
no axe violation at desktop and phone widths, nothing wider than a phone, and the
buttons do what they say without JavaScript being needed."""

import pytest
from django.urls import reverse

from notifications.models import TurnedOff
from notifications.unsubscribe import make_token
from tests.e2e.conftest import PHONE
from tests.e2e.pages import axe_violations, log_in
from tests.e2e.test_valid_html import nu_check
from tests.factories import make_participant, make_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_unsubscribing_by_the_page_passes_axe_and_works(browser):
    amara = make_participant(name="Amara Okafor", email="amara@example.org")
    address = reverse(
        "notifications:unsubscribe",
        kwargs={"token": make_token("approval_reminder", participant=amara)},
    )
    found, widths = {}, {}
    with browser() as open_page:
        for name, page in [("desktop", open_page()), ("phone", open_page(viewport=PHONE))]:
            page.goto(address)
            found[f"ask at {name}"] = axe_violations(page)
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
        page.get_by_role("button", name="Stop these emails").click()
        stopped = page.get_by_role("heading", level=1).inner_text()
        found["stopped"] = axe_violations(page)
        page.goto("/notifications/unsubscribe/not-a-token/")
        found["bad link"] = axe_violations(page)
    assert stopped == "You will no longer get these emails"
    assert {where: lines for where, lines in found.items() if lines} == {}
    assert widths["phone"] <= PHONE["width"]
    assert TurnedOff.objects.filter(participant=amara, event="approval_reminder").exists()


def test_the_email_notifications_page_passes_axe_and_saves(browser):
    editor = make_staff("erin-editor", "Editors")
    with browser() as open_page:
        page = open_page()
        log_in(page, "erin-editor")
        page.get_by_role("link", name="Email notifications").click()
        before = axe_violations(page)
        page.get_by_label("A story was sent for review").uncheck()
        page.get_by_role("button", name="Save").click()
        saved = page.get_by_text("Your email choices are saved.").is_visible()
        after = axe_violations(page)
    assert before == [] and after == []
    assert saved
    assert list(TurnedOff.objects.filter(user=editor).values_list("event", flat=True)) == [
        "sent_for_review"
    ]


def test_the_unsubscribe_pages_are_valid_html(client, tmp_path):
    amara = make_participant(name="Amara Okafor", email="amara@example.org")
    address = reverse(
        "notifications:unsubscribe",
        kwargs={"token": make_token("consent_ending", participant=amara)},
    )
    pages = {
        "ask": client.get(address),
        "stopped": client.post(address),
        "turned back on": client.post(address, {"turn-back-on": "1"}),
        "bad link": client.get("/notifications/unsubscribe/not-a-token/"),
    }
    files = []
    for name, response in pages.items():
        files.append(tmp_path / f"{name.replace(' ', '-')}.html")
        files[-1].write_bytes(response.content)
    assert [message["message"] for message in nu_check(files)] == []
