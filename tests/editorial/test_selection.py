"""Editors record a selection round in the admin: its panel, the stories read in each
theme, the one chosen and why. Broken rules are errors on the form (never a 500),
nothing is saved; view-only staff and contributors read rounds but change nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from editorial.selection import save_round
from pagecache.dependencies import LISTING, key
from pagecache.renewal import renewal
from stories.models import Consideration, PanelMember, SelectionRound
from tests.admin_posts import formset
from tests.factories import make_staff
from tests.markup import parse
from tests.selection_world import REASON, choose, make_world

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/stories/selectionround/add/"
LIST_URL = "/admin/stories/selectionround/"


def change_url(selection_round) -> str:
    return f"/admin/stories/selectionround/{selection_round.pk}/change/"


@pytest.fixture
def world():
    return make_world()


def row(story, theme, *, chosen=False, reason="", **more) -> dict:
    data = {"theme": str(theme.pk), "story": str(story.pk), "reason": reason} | more
    if chosen:
        data["chosen"] = "on"
    return data


def round_form(programme, *, panel=(), considerations=(), initial=(0, 0), **fields) -> dict:
    data = {
        "programme": str(programme.pk),
        "title": "Spring 2026 panel",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "decided_on": "",
        "notes": "",
    } | fields
    data |= formset("panel", list(panel), initial[0])
    data |= formset("considerations", list(considerations), initial[1])
    return data


def errors(response) -> str:
    """The text of every error the admin shows on the form."""
    page = parse(response.content.decode())
    return " ".join(node.text() for node in page.find_all(class_="errorlist"))


def test_an_editor_records_a_round_with_its_panel_and_choices(editor_client, world):
    data = round_form(
        world.programme,
        panel=[
            {"name": "Siôn Prys", "role": "Cadeirydd (chair)", "order": "0"},
            {"name": "نور الهدى", "role": "Funder's representative", "order": "1"},
        ],
        considerations=[
            row(world.ward, world.housing),
            row(world.clinic, world.housing, chosen=True, reason=REASON),
            row(world.clinic, world.health, chosen=True, reason="Patients were heard."),
        ],
    )
    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, errors(response)
    selection_round = SelectionRound.objects.get()
    assert [str(m) for m in selection_round.panel.all()] == [
        "Siôn Prys (Cadeirydd (chair))",
        "نور الهدى (Funder's representative)",
    ]
    chosen = selection_round.considerations.filter(chosen=True)
    assert {(c.story, c.theme) for c in chosen} == {
        (world.clinic, world.housing),
        (world.clinic, world.health),
    }
    # Undecided: nobody is told yet.
    assert mail.outbox == []

    listing = editor_client.get(LIST_URL).content.decode()
    assert "Leadership Essentials" in listing
    assert "1 Jan 2026 to 30 Jun 2026" in listing
    page = parse(listing)
    assert page.one("td", class_="field-chosen_count").text() == "2"


@pytest.mark.parametrize(
    "broken, expected",
    [
        ("other_programme", "is in no cohort of this round's programme"),
        ("theme_it_lacks", "does not have the theme Health"),
        ("two_chosen", "The panel chooses one story per theme"),
        ("no_reason", "Give the panel's reason for choosing it."),
        ("twice", "already considered in this theme"),
        ("period_backwards", "The period must end after it starts."),
    ],
)
def test_a_round_that_breaks_a_rule_is_a_form_error_and_nothing_is_saved(
    editor_client, world, broken, expected
):
    considerations = {
        "other_programme": [row(world.elsewhere, world.housing, chosen=True, reason=REASON)],
        "theme_it_lacks": [row(world.ward, world.health)],
        "two_chosen": [
            row(world.ward, world.housing, chosen=True, reason=REASON),
            row(world.clinic, world.housing, chosen=True, reason=REASON),
        ],
        "no_reason": [row(world.ward, world.housing, chosen=True, reason="   ")],
        "twice": [row(world.ward, world.housing), row(world.ward, world.housing)],
        "period_backwards": [row(world.ward, world.housing)],
    }[broken]
    fields = {"period_end": "2025-12-31"} if broken == "period_backwards" else {}
    response = editor_client.post(
        ADD_URL, round_form(world.programme, considerations=considerations, **fields)
    )

    assert response.status_code == 200
    assert expected in errors(response)
    assert not SelectionRound.objects.exists()
    assert not Consideration.objects.exists()


def test_moving_a_round_to_another_programme_checks_its_stories_again(editor_client, world):
    selection_round = choose(world.programme, (world.ward, world.housing), decided_on=None)
    consideration = selection_round.considerations.get()
    data = round_form(
        world.other_programme,
        considerations=[
            row(world.ward, world.housing, chosen=True, reason=REASON, id=str(consideration.pk))
        ],
        initial=(0, 1),
    )
    response = editor_client.post(change_url(selection_round), data)

    assert response.status_code == 200
    assert "is in no cohort of this round" in errors(response)
    selection_round.refresh_from_db()
    assert selection_round.programme == world.programme


@pytest.mark.parametrize(
    "tampered",
    [
        {"story": "999999"},
        {"story": "1 OR 1=1"},
        {"theme": "-1"},
        {"theme": "<script>alert(1)</script>"},
    ],
)
def test_a_tampered_story_or_theme_is_a_form_error(editor_client, world, tampered):
    data = round_form(world.programme, considerations=[row(world.ward, world.housing) | tampered])
    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Select a valid choice" in errors(response)
    assert not SelectionRound.objects.exists()


def test_another_rounds_consideration_cannot_be_taken_over(editor_client, world):
    theirs = choose(world.programme, (world.clinic, world.health), title="Theirs")
    ours = choose(world.programme, (world.ward, world.housing), title="Ours", decided_on=None)
    stolen = theirs.considerations.get()
    data = round_form(
        world.programme,
        considerations=[row(world.clinic, world.health, id=str(stolen.pk))],
        initial=(0, 1),
    )
    response = editor_client.post(change_url(ours), data)

    # Django's formset reads an id outside this round's rows as a new row, or refuses it.
    assert response.status_code in (200, 302, 400, 403, 404)
    stolen.refresh_from_db()
    assert stolen.selection_round == theirs and stolen.chosen


def test_a_script_in_a_reason_or_a_name_is_shown_as_text(editor_client, world):
    script = "<script>alert('panel')</script>"
    data = round_form(
        world.programme,
        title=f"Spring {script}",
        panel=[{"name": script, "role": script, "order": "0"}],
        considerations=[row(world.ward, world.housing, chosen=True, reason=script)],
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, errors(response)

    selection_round = SelectionRound.objects.get()
    for url in (LIST_URL, change_url(selection_round)):
        html = editor_client.get(url).content.decode()
        assert "<script>alert(" not in html
        assert "&lt;script&gt;alert(" in html


@pytest.mark.parametrize("group", ["Viewers", "Contributors"])
def test_view_only_staff_and_contributors_read_rounds_but_change_none(client, world, group):
    selection_round = choose(world.programme, (world.ward, world.housing), decided_on=None)
    client.force_login(make_staff(f"someone-{group.lower()}", group))

    assert client.get(LIST_URL).status_code == 200
    page = client.get(change_url(selection_round))
    assert page.status_code == 200
    assert REASON in page.content.decode()
    assert 'name="_save"' not in page.content.decode()

    assert client.get(ADD_URL).status_code == 403
    data = round_form(
        world.programme,
        title="Changed",
        considerations=[
            row(world.ward, world.housing, id=str(selection_round.considerations.get().pk))
        ],
        initial=(0, 1),
    )
    assert client.post(change_url(selection_round), data).status_code == 403
    assert client.post(ADD_URL, round_form(world.programme)).status_code == 403
    selection_round.refresh_from_db()
    assert selection_round.title == "Spring panel"
    assert selection_round.considerations.get().chosen
    assert SelectionRound.objects.count() == 1


def test_staff_without_a_group_see_no_rounds(client, world):
    choose(world.programme, (world.ward, world.housing), decided_on=None)
    client.force_login(make_staff("no-group"))
    assert client.get(LIST_URL).status_code == 403


def test_an_editor_moves_the_choice_to_another_story_in_one_save(editor_client, world):
    selection_round = choose(
        world.programme, (world.ward, world.housing), decided_on=dt.date(2030, 1, 1)
    )
    ward_row = selection_round.considerations.get()
    data = round_form(
        world.programme,
        decided_on="2030-01-01",
        considerations=[
            row(world.ward, world.housing, id=str(ward_row.pk)),
            row(world.clinic, world.housing, chosen=True, reason="Its patients were heard."),
        ],
        initial=(0, 1),
    )
    response = editor_client.post(change_url(selection_round), data)

    assert response.status_code == 302, errors(response)
    chosen = Consideration.objects.get(chosen=True)
    assert chosen.story == world.clinic
    assert not PanelMember.objects.exists()


# --- The service, as commands and imports call it.


def test_only_an_editor_may_save_a_round(world, contributor):
    with pytest.raises(PermissionDenied):
        choose_as(world, contributor)
    assert not SelectionRound.objects.exists()


def test_the_service_checks_the_rules_again(world, editor):
    with pytest.raises(ValidationError) as refused:
        choose_as(world, editor, story=world.elsewhere)
    assert "in no cohort of this round's programme" in str(refused.value)
    assert not SelectionRound.objects.exists()


def test_saving_a_round_renews_the_pages_of_its_chosen_stories_only(world):
    with renewal() as block:
        choose(world.programme, (world.ward, world.housing))
    assert not block.everything
    assert {key("story", world.ward.pk), key("theme", world.housing.pk), LISTING} <= block.keys
    assert key("participant", world.sian.pk) in block.keys
    assert key("story", world.clinic.pk) not in block.keys


def test_a_story_only_read_renews_nothing(world):
    selection_round = choose(world.programme, decided_on=None)
    with renewal() as block:
        save_round(
            selection_round=selection_round,
            considerations=[Consideration(story=world.ward, theme=world.housing)],
            by=None,
        )
    assert not block.everything
    assert block.keys == set()


def choose_as(world, user, *, story=None):
    selection_round = SelectionRound(
        programme=world.programme,
        title="Autumn panel",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
    )
    chosen = Consideration(
        story=story or world.ward, theme=world.housing, chosen=True, reason=REASON
    )
    return save_round(selection_round=selection_round, considerations=[chosen], by=user)
