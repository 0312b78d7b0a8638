"""The story form meets a second tab, a double click, too much, hostile markup, a broken
picture and someone else's draft: clear words, and nothing saved is lost."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from stories.models import Story, StoryDraft
from tests.factories import make_participant
from tests.images.pictures import upload
from tests.portal.story_steps import ABOUT, CHALLENGE, WHAT_I_DID, rows, save_step, step_url


def ready_draft(participant, **fields) -> StoryDraft:
    answers = {**ABOUT, **CHALLENGE, **WHAT_I_DID}
    return StoryDraft.objects.create(participant=participant, answers=answers, **fields)


def test_a_save_from_an_older_tab_is_refused_and_shown_back(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    opened_at = draft.version
    save_step(participant_client, draft, "challenge", {"challenge": "Newer words from tab two."})

    response = save_step(
        participant_client,
        draft,
        "challenge",
        {"challenge": "Older words from tab one."},
        version=opened_at,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved from another tab or window" in page
    assert "Older words from tab one." in page  # what they typed, shown back
    assert "Newer words from tab two." in page  # and what is saved now
    draft.refresh_from_db()
    assert draft.answers["challenge"] == "Newer words from tab two."
    # Saving again from the page that told them is their choice, and works.
    assert f'name="version" value="{draft.version}"' in page


def test_a_double_submit_makes_one_story(participant_client, participant, editor):
    editor.email = "erin@example.org"
    editor.save()
    draft = ready_draft(participant)
    url = reverse("portal:draft_check", args=[draft.pk])
    first = participant_client.post(url, {"version": draft.version})
    second = participant_client.post(url, {"version": draft.version})
    assert first.status_code == 302
    assert second.status_code == 200
    assert "the programme team has it now" in second.content.decode()
    assert Story.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_submitted_draft_form_says_so_and_changes_nothing(participant_client, participant):
    draft = ready_draft(participant)
    participant_client.post(reverse("portal:draft_check", args=[draft.pk]), {"version": 0})
    page = participant_client.get(step_url(draft, "challenge")).content.decode()
    assert "Submitted on" in page and "the programme team has it now" in page
    response = save_step(participant_client, draft, "challenge", {"challenge": "Changed after"})
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.answers["challenge"] == CHALLENGE["challenge"]
    delete = participant_client.post(reverse("portal:draft_delete", args=[draft.pk]))
    assert delete.status_code == 409
    assert StoryDraft.objects.filter(pk=draft.pk).exists()


def test_submitting_after_a_change_in_another_tab_asks_to_check_again(
    participant_client, participant
):
    draft = ready_draft(participant)
    checked_at = draft.version
    save_step(participant_client, draft, "quote", {"quote": "Added in another tab."})
    response = participant_client.post(
        reverse("portal:draft_check", args=[draft.pk]), {"version": checked_at}
    )
    assert response.status_code == 409
    assert "Check it again below" in response.content.decode()
    assert "Added in another tab." in response.content.decode()
    assert not Story.objects.exists()


def test_a_story_without_its_essentials_is_not_submitted(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant, answers={"title": "Only a title"})
    response = participant_client.post(
        reverse("portal:draft_check", args=[draft.pk]), {"version": 0}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what the challenge was." in page
    assert f'href="{step_url(draft, "challenge")}"' in page
    assert not Story.objects.exists()


def test_another_participants_draft_is_not_found(participant_client):
    theirs = StoryDraft.objects.create(participant=make_participant())
    for url in [
        step_url(theirs, "about"),
        reverse("portal:draft_check", args=[theirs.pk]),
        reverse("portal:draft_delete", args=[theirs.pk]),
    ]:
        assert participant_client.get(url).status_code == 404
        assert participant_client.post(url, {"version": 0}).status_code == 404
    assert participant_client.get(f"/my/drafts/{theirs.pk}/no-such-step/").status_code == 404
    assert StoryDraft.objects.filter(pk=theirs.pk).exists()


def test_without_a_session_the_form_is_closed(client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    assert client.get(step_url(draft, "about")).status_code == 403
    assert client.post(reverse("portal:story_new")).status_code == 403
    assert not StoryDraft.objects.exclude(pk=draft.pk).exists()


def test_too_long_an_answer_is_explained_and_nothing_is_saved(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant, answers={"challenge": "Kept."})
    response = save_step(participant_client, draft, "challenge", {"challenge": "x" * 5001})
    page = response.content.decode()
    assert "Keep this to 5,000 characters or fewer (it has 5001)" in page
    draft.refresh_from_db()
    assert draft.answers["challenge"] == "Kept."


def test_at_most_twenty_outcomes_and_partners(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    many = [{"description": f"Outcome {n}"} for n in range(21)]
    response = save_step(participant_client, draft, "what-changed", rows("outcomes", many))
    assert response.status_code == 200
    assert "at most 20" in response.content.decode()
    partners = [{"name": f"Partner {n}"} for n in range(21)]
    response = save_step(participant_client, draft, "partners", rows("partners", partners))
    assert "at most 20" in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 0
    twenty = rows("partners", partners[:20])
    assert save_step(participant_client, draft, "partners", twenty).status_code == 302
    page = participant_client.get(step_url(draft, "partners")).content.decode()
    assert "Add another organisation" not in page


def test_tampered_row_counts_get_a_form_error_not_a_crash(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    data = {"outcomes-TOTAL_FORMS": "banana", "outcomes-INITIAL_FORMS": "0"}
    assert save_step(participant_client, draft, "what-changed", data).status_code == 200
    data = {"outcomes-TOTAL_FORMS": "100000000", "outcomes-INITIAL_FORMS": "0"}
    assert save_step(participant_client, draft, "what-changed", data).status_code == 200
    assert save_step(participant_client, draft, "themes", {"themes": ["9999"]}).status_code == 200
    assert participant_client.post(step_url(draft, "about"), {"title": "x"}).status_code == 200
    draft.refresh_from_db()
    assert draft.version == 0


def test_hostile_markup_stays_text_on_every_page_and_in_the_story(participant_client, participant):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    draft = StoryDraft.objects.create(participant=participant)
    save_step(participant_client, draft, "about", {**ABOUT, "title": hostile})
    save_step(participant_client, draft, "challenge", {"challenge": hostile})
    save_step(participant_client, draft, "what-you-did", {"what_i_did": hostile})
    save_step(participant_client, draft, "partners", rows("partners", [{"name": hostile}]))
    for url in [step_url(draft, "about"), reverse("portal:draft_check", args=[draft.pk])]:
        page = participant_client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    draft.refresh_from_db()
    participant_client.post(
        reverse("portal:draft_check", args=[draft.pk]), {"version": draft.version}
    )
    story = Story.objects.get()
    assert "<script" not in story.body and "<img" not in story.body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story.body
    assert story.title == hostile  # plain text, escaped wherever it is shown


def test_a_broken_picture_is_refused_and_what_was_saved_stays(participant_client, participant):
    draft = ready_draft(participant)
    response = participant_client.post(
        step_url(draft, "photo"),
        {
            "version": draft.version,
            "photo": upload(name="photo.jpg", content=b"\xff\xd8\xff not really a jpeg"),
            "photo_alt": "Me",
            "photo_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.photo and draft.answers["title"] == ABOUT["title"]


def test_a_photo_needs_a_description_and_the_permission_tick(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant)
    response = participant_client.post(
        step_url(draft, "photo"), {"version": 0, "photo": upload(size=(400, 300))}
    )
    page = response.content.decode()
    assert "Describe the photo for people who cannot see it." in page
    assert "Tick this to say you may share the photo" in page
    draft.refresh_from_db()
    assert not draft.photo


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_huge_body_gets_a_clear_page(participant_client, participant):
    draft = StoryDraft.objects.create(participant=participant, answers={"challenge": "Kept."})
    response = save_step(participant_client, draft, "challenge", {"challenge": "x" * 5000})
    assert response.status_code == 400
    assert "could not accept what was sent" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers["challenge"] == "Kept."
