"""The participant's side in a real browser, the whole loop: an editor invites a
participant; they tell their story over two visits and submit it; the editors are
told; an editor edits it and asks for approval; the participant approves; the editor
publishes; the participant is sent the public link; the participant withdraws
consent, and the story and its picture leave every public address at once.

Every participant page on the way passes axe, and is photographed for the note.
"""

import io
import re
import zipfile
from urllib.parse import quote

import pytest
from django.core import mail
from PIL import Image

from editorial.sharing import create_share_link, share_url
from participants.models import ConsentScope, ConsentWording, Participant
from stories.models import SignOff, Story, StoryDraft
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import axe_violations, loaded_image, log_in, screenshot
from tests.e2e.site import THEME, load_site
from tests.factories import make_participant, make_staff, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME = "Siân Ó Briain"
EMAIL = "sian@example.org"
EDITOR_EMAIL = "erin@example.org"
# A word found in no demo story, to search for.
TITLE = "Caernarfon’s old library becomes a warm space"  # noqa: RUF001
SEARCH_WORD = "Caernarfon"
SUMMARY = "A closed library in Caernarfon opened again as a warm space for the winter."
QUOTE = "Nobody had asked the people in the queue what they needed."
PHOTO_ALT = "Neighbours reading by a radiator in the old library"
LINK = re.compile(r"https?://\S+/my/enter/\S+")


def photo_jpeg() -> bytes:
    picture = Image.new("RGB", (1200, 800), (40, 110, 90))
    picture.paste((230, 190, 70), (300, 200, 900, 600))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def emails(to: str, subject: str) -> list:
    """The emails sent so far to `to` whose subject holds `subject`."""
    return [m for m in mail.outbox if m.to == [to] and subject in m.subject]


def link_in(message) -> str:
    found = LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


def test_invited_participant_tells_approves_and_withdraws(browser, live_server, settings):
    # Links in emails are absolute: make them lead to the site under test.
    settings.SITE_URL = live_server.url
    load_site()
    editor = make_staff("erin-editor", "Editors")
    editor.first_name, editor.last_name, editor.email = "Erin", "Evans", EDITOR_EMAIL
    editor.save()
    wording = ConsentWording.objects.create(
        version=901, text="I agree that my story may be published on the programme's website."
    )
    sian = make_participant(
        name=NAME,
        slug="sian-o-briain",
        email=EMAIL,
        job_title="Librarian",
        consent_scope=ConsentScope.WEB,
        consent_given_at="2026-11-02",
        consent_wording=wording,
    )
    found = {}  # axe's violations, by page

    def check(page, name):
        if violations := axe_violations(page):
            found[name] = violations

    shots = {}  # screenshot file: the width it was taken at

    def shoot(page, name, viewport=DESKTOP):
        if viewport is not DESKTOP:
            page.set_viewport_size(viewport)
            check(page, f"{name} at {viewport['width']}")
        shots[screenshot(page, name)] = viewport["width"]
        if viewport is not DESKTOP:
            page.set_viewport_size(DESKTOP)

    with browser() as open_page:
        # 1. An editor invites the participant from their admin page.
        erin = open_page()
        log_in(erin, "erin-editor")
        erin.goto(f"/admin/participants/participant/?q={quote('Siân')}")
        erin.get_by_role("link", name=NAME).click()
        erin.get_by_role("button", name="Invite to their page").click()
        erin.get_by_text(f"Invitation emailed to {EMAIL}").wait_for()

        # 2. The invitation is in the outbox, with a link to their page.
        [invitation] = emails(EMAIL, "invites you to your page")
        assert invitation.subject.startswith("Erin Evans invites you")
        link = link_in(invitation)

        # 3. The participant's first visit: they start a story and stop after step 1.
        sian_page = open_page()
        sian_page.goto(link)
        assert sian_page.get_by_role("heading", level=1).inner_text() == f"Welcome, {NAME}"
        check(sian_page, "enter")
        sian_page.get_by_role("button", name="Continue to your page").click()
        sian_page.get_by_role("heading", name=f"Hello, {NAME}").wait_for()
        check(sian_page, "home")
        shoot(sian_page, "portal-home", PHONE)
        sian_page.get_by_role("button", name="Start a new story").click()
        sian_page.get_by_role("heading", name="About you and your work").wait_for()
        sian_page.get_by_label("Your job title").fill("Librarian")
        sian_page.get_by_label("The organisation you work for").fill("Cyngor Gwynedd")
        sian_page.get_by_label("A working title for your story").fill(TITLE)
        check(sian_page, "step about")
        shoot(sian_page, "portal-story-step-about")
        sian_page.get_by_role("button", name="Save and come back later").click()
        sian_page.get_by_text("Saved. Carry on from your page whenever you like.").wait_for()
        check(sian_page, "drafts")

        # The second visit: the same link, in the same browser, goes straight in.
        sian_page.goto("about:blank")
        sian_page.goto(link)
        sian_page.get_by_role("heading", name=f"Hello, {NAME}").wait_for()
        sian_page.get_by_role("link", name=f"Carry on with “{TITLE}”").click()
        sian_page.get_by_role("heading", name="The challenge").wait_for()
        check(sian_page, "step challenge")
        sian_page.get_by_label("What was the challenge?").fill(
            "The library shut in 2023.\n\nPeople queued at the food bank in the cold."
        )
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="What you did").wait_for()
        check(sian_page, "step what you did")
        sian_page.get_by_label("What did you do?").fill(
            "We asked the council for the keys and opened three afternoons a week."
        )
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="What changed").wait_for()
        sian_page.get_by_label("What changed, in your words (optional)").fill(
            "The warm space became a place people meet, not only a place to keep warm."
        )
        outcome = sian_page.get_by_role("group", name="Outcome 1")
        outcome.get_by_label("What changed", exact=True).fill("Visits in the first winter")
        outcome.get_by_label("Figure").fill("1,250")
        outcome.get_by_label("Unit").fill("visits")
        outcome.get_by_label("Link to evidence (optional)").fill(
            "https://example.org/warm-space-report"
        )
        check(sian_page, "step what changed")
        shoot(sian_page, "portal-story-step-what-changed")
        # Pressed from the keyboard: a click straight after a whole-page screenshot of a
        # page taller than the window was lost by headless Chromium here.
        sian_page.get_by_role("button", name="Save and continue").press("Enter")
        sian_page.get_by_role("heading", name="Who you worked with").wait_for()
        partner = sian_page.get_by_role("group", name="Organisation 1")
        partner.get_by_label("Organisation", exact=True).fill("Menter Môn")
        partner.get_by_label("What they did").fill("Lent the heaters")
        check(sian_page, "step partners")
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="In your own words").wait_for()
        check(sian_page, "step quote")
        sian_page.get_by_label("In your own words").fill(QUOTE)
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="Themes that fit").wait_for()
        check(sian_page, "step themes")
        sian_page.get_by_label("Health inequalities").check()
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="A photo").wait_for()
        check(sian_page, "step photo")
        sian_page.get_by_label("A photo", exact=True).set_input_files(
            {"name": "warm-space.jpg", "mimeType": "image/jpeg", "buffer": photo_jpeg()}
        )
        sian_page.get_by_label("Describe the photo for people who cannot see it").fill(PHOTO_ALT)
        sian_page.get_by_label("I took this photo or have permission to use it").check()
        sian_page.get_by_role("button", name="Save and continue").click()
        sian_page.get_by_role("heading", name="Check your story").wait_for()
        main = sian_page.get_by_role("main").inner_text()
        for words in [TITLE, "1250 visits", "Menter Môn: Lent the heaters", QUOTE, PHOTO_ALT]:
            assert words in main, words
        check(sian_page, "check")
        shoot(sian_page, "portal-story-check")
        sian_page.get_by_role("button", name="Submit my story").click()
        sian_page.get_by_text("Thank you: your story is with the programme team now.").wait_for()
        assert sian_page.get_by_role("heading", level=1).inner_text() == TITLE
        check(sian_page, "submitted")
        shoot(sian_page, "portal-story-submitted")

        # 4. The editors are told.
        [submitted] = emails(EDITOR_EMAIL, "submitted a story")
        assert submitted.subject == f"{NAME} submitted a story: “{TITLE}”"

        # 5. The editor edits the story and asks the participant to approve it.
        erin.goto("/admin/stories/story/?status__exact=review")
        erin.get_by_role("link", name=TITLE).click()
        erin.get_by_label("Summary").fill(SUMMARY)
        erin.get_by_role("button", name="Save and continue editing").click()
        erin.get_by_text("was changed successfully").wait_for()
        erin.get_by_role("button", name=f"Ask {NAME} to approve").click()
        erin.get_by_text(f"{NAME} has been emailed a link").wait_for()
        [asked] = emails(EMAIL, "Please read and approve your story")
        assert TITLE in asked.subject

        sian_page.goto(link_in(asked))
        sian_page.get_by_role("button", name="Continue to your page").click()
        sian_page.get_by_role("heading", name=f"Your story: {TITLE}").wait_for()
        # They read the version the editor will publish: the editor's summary.
        assert SUMMARY in sian_page.get_by_role("article").inner_text()
        check(sian_page, "approval")
        shoot(sian_page, "portal-approval", PHONE)
        sian_page.get_by_label("I approve this story").check()
        sian_page.get_by_role("button", name="Send my answer").click()
        sian_page.get_by_text("Thank you. Your answer has been sent to the editors.").wait_for()
        check(sian_page, "approval answered")

        # 6. The editor who asked is told, and publishes.
        [answered] = emails(EDITOR_EMAIL, "approved")
        assert answered.subject == f"{NAME} approved “{TITLE}”"
        erin.reload()
        assert "They approved the story as it is now." in erin.get_by_role("main").inner_text()
        erin.get_by_label("Status").select_option(label="Published")
        erin.get_by_role("button", name="Save", exact=True).click()
        erin.get_by_text("was changed successfully").wait_for()

        # 7. The participant is sent the public link; anyone can read the story.
        [published] = emails(EMAIL, "Your story is published")
        story_url = re.search(r"https?://\S+/stories/\S+/", published.body).group(0)
        reader = open_page()
        assert reader.goto(story_url).status == 200
        assert reader.get_by_role("heading", level=1).inner_text() == TITLE
        hero = reader.get_by_role("img", name=PHOTO_ALT)
        assert loaded_image(hero)
        picture_path = hero.get_attribute("src")
        assert picture_path.startswith("/pictures/"), picture_path
        assert reader.request.get(picture_path).status == 200
        elsewhere = ["/stories/", f"/themes/{THEME}/", f"/search/?q={SEARCH_WORD}"]
        for address in elsewhere:
            assert reader.goto(address).status == 200
            assert reader.get_by_role("link", name=TITLE).count() == 1, address

        # Their page says so; their data is theirs to download.
        sian_page.get_by_role("link", name="Your page").click()
        sian_page.get_by_text("Published on").wait_for()
        sian_page.get_by_role("link", name="Your data").click()
        sian_page.get_by_role("heading", name="Your data").wait_for()
        check(sian_page, "data")
        shoot(sian_page, "portal-data")
        with sian_page.expect_download() as download:
            sian_page.get_by_role("link", name="Download my data (zip)").click()
        with zipfile.ZipFile(download.value.path()) as export:
            assert any("README" in name for name in export.namelist())

        # 8. The participant withdraws consent.
        sian_page.get_by_role("link", name="Your consent").click()
        sian_page.get_by_role("heading", name="Your consent", level=1).wait_for()
        assert wording.text in sian_page.get_by_role("main").inner_text()
        check(sian_page, "consent")
        shoot(sian_page, "portal-consent")
        sian_page.get_by_role("link", name="Withdraw my consent").click()
        sian_page.get_by_role("heading", name="Withdraw your consent").wait_for()
        check(sian_page, "consent withdraw")
        shoot(sian_page, "portal-consent-withdraw")
        sian_page.get_by_role("button", name="Yes, withdraw my consent").click()
        sian_page.get_by_text("Your consent is withdrawn.").wait_for()
        check(sian_page, "consent withdrawn")

        # 9. The story and its picture are gone from every public address, at once.
        assert reader.goto(story_url).status == 404
        assert reader.request.get(picture_path).status == 404
        for address in elsewhere:
            reader.goto(address)
            assert reader.get_by_role("link", name=TITLE).count() == 0, address
        [withdrawn] = emails(EDITOR_EMAIL, "withdrew their consent")
        assert withdrawn.subject == f"{NAME} withdrew their consent"

    assert found == {}
    story = Story.objects.get(title=TITLE)
    assert story.status == Story.Status.PUBLISHED
    assert story.summary == SUMMARY
    assert story.hero_image_alt == PHOTO_ALT
    assert [p.organisation.name for p in story.partnerships.all()] == ["Menter Môn"]
    assert not Story.objects.public().filter(pk=story.pk).exists()
    assert StoryDraft.objects.get(participant=sian).story == story
    assert SignOff.objects.get(story=story).decision == SignOff.Decision.APPROVED
    assert Participant.objects.get(pk=sian.pk).consent_withdrawn_at is not None
    assert sorted(width for width in shots.values()) == [390, 390, *[1280] * 7]
    for path, width in shots.items():
        with Image.open(settings.BASE_DIR / path) as shot:
            assert shot.size[0] == width, path


def test_share_link_sign_off_form_submits(browser):
    """The share link's page takes an answer in a real browser: its CSRF check passes
    (a "no-referrer" policy made browsers send `Origin: null`, which it refused)."""
    story = make_story(
        participant=make_participant(name=NAME),
        status=Story.Status.DRAFT,
        published_at=None,
        title=TITLE,
    )
    link = create_share_link(story=story, by=None, label="For Siân, to approve")
    with browser() as open_page:
        page = open_page()
        page.goto(share_url(link))
        page.get_by_label("I approve this story").check()
        page.get_by_role("button", name="Send my answer").click()
        page.get_by_text("Thank you. Your answer has been sent to the editors.").wait_for()
    sign_off = SignOff.objects.get(story=story)
    assert sign_off.share_link == link
    assert sign_off.decision == SignOff.Decision.APPROVED
