"""A participant's draft becomes a story in review, once, told to the editors."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from reversion.models import Version

from editorial.participant_stories import (
    DraftConflict,
    DraftSubmitted,
    body_of,
    save_answers,
    submit_draft,
    summary_of,
)
from participants.models import Organisation
from stories.models import StatusChange, Story, StoryDraft
from tests.factories import make_participant, make_story
from tests.images.pictures import image_bytes


@pytest.fixture
def participant(db):
    return make_participant(name="Andrew Wilesmith", email="andrew@example.org")


@pytest.fixture
def draft(participant):
    return StoryDraft.objects.create(
        participant=participant,
        answers={
            "job_title": "Operations Manager",
            "organisation": "Ipswich Borough Council",
            "title": "A jigsaw",
            "challenge": "The challenge.",
            "what_i_did": "What I did.",
            "outcomes": [
                {"description": "Funding", "value": "1000", "unit": "", "evidence_url": ""}
            ],
            "partners": [{"name": "New Partner Ltd", "role": "Funder"}],
            "quote": "My words.",
        },
    )


@pytest.fixture
def editor_with_email(editor):
    editor.email = "erin@example.org"
    editor.save()
    return editor


def test_a_submitted_draft_is_a_story_in_review_with_its_history(
    draft, participant, editor_with_email, settings
):
    settings.SITE_URL = "https://stories.example.org"
    story = submit_draft(draft=draft, participant=participant)
    assert story.status == Story.Status.REVIEW and story.published_at is None
    change = StatusChange.objects.get(story=story)
    assert (change.from_status, change.to_status, change.by) == ("", "review", None)
    assert Version.objects.get_for_object(story).count() == 1
    draft.refresh_from_db()
    assert draft.story == story and draft.submitted_at is not None
    assert draft.answers["new_organisations"] == ["New Partner Ltd"]
    message = mail.outbox[0]
    assert message.to == ["erin@example.org"]
    link = f"https://stories.example.org/admin/stories/story/{story.pk}/change/"
    assert link in message.body
    assert link in message.alternatives[0][0]
    assert not Story.objects.public().exists()
    assert not Organisation.objects.public().exists()


def test_a_draft_loaded_twice_is_submitted_once(draft, participant):
    twin = StoryDraft.objects.get(pk=draft.pk)  # a second request that loaded it too
    submit_draft(draft=draft, participant=participant)
    with pytest.raises(DraftSubmitted):
        submit_draft(draft=twin, participant=participant)
    assert Story.objects.count() == 1


def test_only_its_own_participant_submits_a_draft(draft):
    with pytest.raises(StoryDraft.DoesNotExist):
        submit_draft(draft=draft, participant=make_participant())
    assert not Story.objects.exists()


def test_a_save_at_an_old_version_is_refused(draft):
    save_answers(draft=draft, step="quote", data={"quote": "Newer"}, version=0)
    with pytest.raises(DraftConflict):
        save_answers(draft=draft, step="quote", data={"quote": "Older"}, version=0)
    draft.refresh_from_db()
    assert draft.answers["quote"] == "Newer" and draft.version == 1


def test_the_same_title_gets_its_own_address(draft, participant):
    make_story(title="A jigsaw", slug="a-jigsaw")
    assert submit_draft(draft=draft, participant=participant).slug == "a-jigsaw-2"


def test_a_story_needs_its_essential_answers(participant):
    draft = StoryDraft.objects.create(participant=participant, answers={"title": "Only"})
    with pytest.raises(ValidationError):
        submit_draft(draft=draft, participant=participant)
    assert not Story.objects.exists()


def test_the_photo_goes_with_the_story_only_with_its_consent(draft, participant):
    draft.photo.save("p.jpg", ContentFile(image_bytes(size=(400, 300))), save=False)
    draft.photo_alt = "Me at work"
    draft.save()
    story = submit_draft(draft=draft, participant=participant)
    assert not story.hero_image and story.hero_image_alt == ""


def test_the_summary_is_cut_cleanly():
    first = "Sport and leisure sat apart from health partners, " * 3 + "until lockdown."
    assert summary_of(f"{first} " + "word " * 100) == first
    cut = summary_of("word " * 100)
    assert cut.endswith("…") and len(cut) <= 300 and "wor…" not in cut
    assert summary_of("One paragraph.\n\nAnother.") == "One paragraph."


def test_the_body_keeps_paragraphs_and_escapes_markup():
    body = body_of(
        {"challenge": "One <b>bold</b>\nline two\n\nPara two", "what_i_did": "Did it & more"}
    )
    assert body == (
        "<h2>The challenge</h2><p>One &lt;b&gt;bold&lt;/b&gt;<br>line two</p><p>Para two</p>"
        "<h2>What I did</h2><p>Did it &amp; more</p>"
    )


def test_editors_read_what_the_participant_told_on_the_story_admin(
    draft, participant, editor_client
):
    story = submit_draft(draft=draft, participant=participant)
    page = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    text = page.content.decode()
    assert "Told by the participant" in text
    assert "Ipswich Borough Council" in text and "New Partner Ltd" in text
    other = make_story()
    assert (
        "Told by the participant"
        not in editor_client.get(
            reverse("admin:stories_story_change", args=[other.pk])
        ).content.decode()
    )


def test_the_photo_moves_to_the_story_with_its_consent_and_description(
    draft, participant, django_capture_on_commit_callbacks
):
    draft.photo.save("p.jpg", ContentFile(image_bytes(size=(400, 300))), save=False)
    draft.photo_alt = "Me at work"
    draft.photo_consent = True
    draft.save()
    kept_at = draft.photo.name
    storage = draft.photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        story = submit_draft(draft=draft, participant=participant)
    assert story.hero_image and story.hero_image_alt == "Me at work"
    assert story.hero_image.name.startswith("stories/")
    assert story.renditions  # made as any uploaded picture's are
    draft.refresh_from_db()
    assert not draft.photo and not storage.exists(kept_at)  # not kept twice
