"""Drafts are seen before publication only by staff, and by whoever holds a live share link."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.test import Client
from django.utils import timezone

from editorial.sharing import (
    TOKEN_SALT,
    create_share_link,
    resolve_share_token,
    revoke_share_link,
    share_token,
    share_url,
)
from stories.models import ShareLink
from tests.admin_posts import change_url, story_form
from tests.factories import make_participant, make_staff, make_story, make_theme

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Night shelter draft nobody should see yet"


@pytest.fixture
def draft():
    story = make_story(
        title=DRAFT_TITLE,
        status="draft",
        published_at=None,
        participant=make_participant(name="Andrew Wilesmith"),
    )
    theme = make_theme()
    story.themes.add(theme)
    make_story(title="A public story on the same theme").themes.add(theme)
    return story


@pytest.fixture
def link(draft, editor):
    return create_share_link(story=draft, by=editor, label="Andrew, to approve")


def preview_url(story) -> str:
    return f"/admin/stories/story/{story.pk}/preview/"


def create_url(story) -> str:
    return f"/admin/stories/story/{story.pk}/share-links/"


def revoke_url(link) -> str:
    return f"/admin/stories/story/{link.story_id}/share-links/{link.pk}/revoke/"


def assert_not_found_and_hidden(response):
    assert response.status_code == 404
    assert DRAFT_TITLE not in response.content.decode()


def assert_kept_private(response):
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


# Share links: the public side


def test_anyone_with_a_live_link_reads_the_draft_with_a_banner(client, link):
    response = client.get(share_url(link))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{DRAFT_TITLE}</h1>" in page
    assert "Draft preview — not public yet" in page
    assert "Shared privately with Andrew, to approve." in page
    expires = timezone.localtime(link.expires_at)
    assert f"It stops working on {expires:%-d %B %Y} at {expires:%H:%M}." in page
    assert "I approve this story" in page and "I&#x27;d like changes" in page


def test_share_page_is_kept_out_of_search_caches_and_referers(client, link):
    response = client.get(share_url(link))
    assert_kept_private(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_share_page_shows_no_related_stories(client, link):
    page = client.get(share_url(link)).content.decode()
    assert "Related stories" not in page
    assert "A public story on the same theme" not in page


def test_the_draft_is_still_not_on_the_public_site(client, draft, link):
    assert_not_found_and_hidden(client.get(draft.get_absolute_url()))


def test_share_url_is_absolute_when_a_request_names_the_host(rf, link):
    url = share_url(link, rf.get("/"))
    assert url.startswith("http://testserver/share/")
    assert url.endswith(f"/{share_token(link)}/")


def test_a_token_with_a_changed_signature_finds_nothing(client, link):
    token = share_token(link)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert_not_found_and_hidden(client.get(f"/share/{forged}/"))


def test_a_token_with_an_altered_payload_finds_nothing(client, link):
    other = create_share_link(story=make_story(), by=None)
    payload, _, signature = share_token(link).partition(":")
    other_payload = share_token(other).partition(":")[0]
    assert_not_found_and_hidden(client.get(f"/share/{other_payload}:{signature}/"))
    assert payload != other_payload


def test_a_key_signed_for_another_story_finds_nothing(client, link):
    other = make_story(status="draft", published_at=None)
    token = signing.Signer(salt=TOKEN_SALT).sign_object({"s": other.pk, "k": link.key})
    response = client.get(f"/share/{token}/")
    assert response.status_code == 404
    assert other.title not in response.content.decode()


def test_another_storys_key_signed_for_this_story_finds_nothing(client, draft):
    other_link = create_share_link(story=make_story(status="draft", published_at=None), by=None)
    token = signing.Signer(salt=TOKEN_SALT).sign_object({"s": draft.pk, "k": other_link.key})
    assert_not_found_and_hidden(client.get(f"/share/{token}/"))


def test_an_unknown_key_finds_nothing(client, draft, link):
    token = signing.Signer(salt=TOKEN_SALT).sign_object({"s": draft.pk, "k": "x" * 43})
    assert_not_found_and_hidden(client.get(f"/share/{token}/"))


def test_a_token_signed_with_another_salt_finds_nothing(client, draft, link):
    token = signing.Signer(salt="something.else").sign_object({"s": draft.pk, "k": link.key})
    assert_not_found_and_hidden(client.get(f"/share/{token}/"))


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 5000, "ünïcödé:签名", "::::", ":", "%00", "eyJzIjoxfQ:abc:def"],
    ids=["word", "very-long", "non-ascii", "colons", "one-colon", "percent", "fake-parts"],
)
def test_garbage_tokens_are_a_plain_404(client, link, token):
    assert_not_found_and_hidden(client.get(f"/share/{token}/"))


@pytest.mark.parametrize(
    "token",
    [None, 42, "", "\ud800:\udfff", "a:\ud800", signing.Signer(salt=TOKEN_SALT).sign("x")],
    ids=["none", "int", "empty", "surrogates", "surrogate-signature", "unsigned-timestamp"],
)
def test_resolving_garbage_returns_none_without_raising(token):
    assert resolve_share_token(token) is None


def test_signed_payloads_of_the_wrong_shape_are_a_plain_404(client, draft, link):
    for payload in [
        [draft.pk, link.key],
        {"s": str(draft.pk), "k": link.key},
        {"s": True, "k": link.key},
        {"s": draft.pk, "k": None},
        {"k": link.key},
    ]:
        token = signing.Signer(salt=TOKEN_SALT).sign_object(payload)
        assert_not_found_and_hidden(client.get(f"/share/{token}/"))


def test_an_expired_link_finds_nothing(client, link):
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    assert_not_found_and_hidden(client.get(share_url(link)))


def test_a_link_works_until_the_second_it_expires(client, link, monkeypatch):
    # Time stands still at chosen instants: the expiry second itself is already too late.
    expiry = timezone.make_aware(dt.datetime(2026, 11, 3, 9, 30))
    ShareLink.objects.filter(pk=link.pk).update(expires_at=expiry)

    monkeypatch.setattr(timezone, "now", lambda: expiry - dt.timedelta(seconds=1))
    assert client.get(share_url(link)).status_code == 200

    monkeypatch.setattr(timezone, "now", lambda: expiry)
    assert_not_found_and_hidden(client.get(share_url(link)))


def test_a_revoked_link_finds_nothing(client, link, editor):
    revoke_share_link(link=link, by=editor)
    assert_not_found_and_hidden(client.get(share_url(link)))


def test_a_link_to_a_deleted_story_finds_nothing(client, draft, link):
    url = share_url(link)
    draft.delete()
    assert client.get(url).status_code == 404


def test_only_get_and_post_are_answered(client, link):
    assert client.put(share_url(link)).status_code == 405


def test_a_published_story_shared_by_link_says_it_is_public(client, editor):
    story = make_story(title="Already out")
    page = client.get(share_url(create_share_link(story=story, by=editor))).content.decode()
    assert "Draft preview</strong>" in page
    assert "not public" not in page


def test_a_draft_without_participant_or_date_can_be_previewed(client, editor):
    story = make_story(title="Early draft", status="draft", published_at=None, participant=None)
    response = client.get(share_url(create_share_link(story=story, by=editor)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "No participant chosen yet." in page
    assert "Not published yet" in page
    assert "application/ld+json" not in page


# Staff preview


def test_staff_preview_shows_the_draft_with_a_banner(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{DRAFT_TITLE}</h1>" in page
    assert "Preview — not public (status: Draft)" in page
    assert "A public story on the same theme" not in page
    assert_kept_private(response)


def test_contributors_may_preview_too(contributor_client, draft):
    assert contributor_client.get(preview_url(draft)).status_code == 200


def test_staff_preview_of_a_live_story_says_it_is_public(editor_client):
    page = editor_client.get(preview_url(make_story())).content.decode()
    assert "Preview — this story is public (status: Live)" in page


def test_staff_preview_sends_anonymous_visitors_to_the_admin_login(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_story_permissions_are_refused_a_preview(client, draft):
    client.force_login(make_staff("no-roles"))
    response = client.get(preview_url(draft))
    assert response.status_code == 403
    assert DRAFT_TITLE not in response.content.decode()


def test_staff_preview_of_an_unknown_story_is_404(editor_client, draft):
    assert editor_client.get(f"/admin/stories/story/{draft.pk + 1000}/preview/").status_code == 404
    assert editor_client.get("/admin/stories/story/not-a-number/preview/").status_code == 404


def test_change_page_offers_preview_and_share_link_buttons_beside_history(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()
    assert f'href="{preview_url(draft)}"' in page
    assert f'action="{create_url(draft)}"' in page
    assert 'value="Create share link"' in page
    assert "History</a>" in page


# Creating and revoking links in the admin


def test_editor_creates_a_link_and_is_shown_the_url_that_works(editor_client, editor, draft):
    response = editor_client.post(create_url(draft), {"label": "Andrew, to approve"}, follow=True)
    link = ShareLink.objects.get(story=draft)
    assert response.redirect_chain == [(change_url(draft), 302)]
    assert link.label == "Andrew, to approve"
    assert link.created_by == editor
    assert link.expires_at - timezone.now() > dt.timedelta(days=13, hours=23)
    page = response.content.decode()
    url = share_url(link, response.wsgi_request)
    assert "Share link created for Andrew, to approve." in page
    assert url in page  # in the message and in the list of links
    assert page.count(url) == 2

    visitor = Client()
    assert DRAFT_TITLE in visitor.get(url).content.decode()


def test_creating_a_link_needs_a_post(editor_client, draft):
    assert editor_client.get(create_url(draft)).status_code == 405
    assert not ShareLink.objects.exists()


def test_creating_a_link_needs_the_csrf_token(editor, draft):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(create_url(draft), {"label": "Someone"}).status_code == 403
    assert not ShareLink.objects.exists()


def test_anonymous_visitors_cannot_create_links(client, draft):
    response = client.post(create_url(draft))
    assert response["Location"].startswith("/admin/login/")
    assert not ShareLink.objects.exists()


def test_staff_who_may_only_view_stories_cannot_create_links(client, draft):
    viewer = make_staff("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_story"))
    client.force_login(viewer)
    assert client.post(create_url(draft)).status_code == 403
    assert not ShareLink.objects.exists()


def test_an_overlong_label_creates_no_link_and_says_why(editor_client, draft):
    response = editor_client.post(create_url(draft), {"label": "x" * 121}, follow=True)
    assert "No link created" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_editor_revokes_a_link_and_it_stops_working(editor_client, client, link):
    response = editor_client.post(revoke_url(link), follow=True)
    page = response.content.decode()
    assert "Share link for Andrew, to approve revoked: it no longer works." in page
    assert "Revoked " in page
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(share_url(link)).status_code == 404


def test_revoking_needs_a_post(editor_client, link):
    assert editor_client.get(revoke_url(link)).status_code == 405
    link.refresh_from_db()
    assert link.is_active


def test_a_link_cannot_be_revoked_through_another_storys_address(editor_client, link):
    other = make_story()
    url = f"/admin/stories/story/{other.pk}/share-links/{link.pk}/revoke/"
    assert editor_client.post(url).status_code == 404
    link.refresh_from_db()
    assert link.is_active


def test_links_list_shows_state_and_offers_no_add_or_delete(editor_client, draft, editor):
    active = create_share_link(story=draft, by=editor, label="Active one")
    revoked = create_share_link(story=draft, by=editor, label="Revoked one")
    revoke_share_link(link=revoked, by=editor)
    expired = create_share_link(story=draft, by=editor, label="Expired one")
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    page = editor_client.get(change_url(draft)).content.decode()
    assert "Active one" in page and "Revoked one" in page and "Expired one" in page
    assert f'formaction="{revoke_url(active)}"' in page
    assert f'formaction="{revoke_url(revoked)}"' not in page
    assert f'formaction="{revoke_url(expired)}"' not in page
    # Nothing to type in, tick or add: the admin's script adds rows only below MAX_NUM.
    assert 'name="share_links-0-label"' not in page
    assert 'name="share_links-0-DELETE"' not in page
    assert 'name="share_links-MAX_NUM_FORMS" value="0"' in page


def test_saving_the_story_leaves_its_links_alone(editor_client, draft, link):
    data = story_form(title="New title", slug=draft.slug, participant=draft.participant.pk)
    assert editor_client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    link.refresh_from_db()
    assert draft.title == "New title"
    assert link.is_active and link.label == "Andrew, to approve"


def test_a_dead_link_is_kept_out_of_search_engines_and_caches_too(client, link, editor):
    revoke_share_link(link=link, by=editor)
    response = client.get(share_url(link))
    assert_not_found_and_hidden(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_the_share_page_does_not_repeat_its_address_in_its_metadata(client, link):
    page = client.get(share_url(link)).content.decode()
    assert 'rel="canonical"' not in page and "og:url" not in page
    assert page.count(share_url(link).split("/")[-2]) <= 1  # at most the form's own action


def test_staff_who_may_only_view_see_links_without_a_revoke_button(client, link, editor_client):
    assert ">Revoke</button>" in editor_client.get(change_url(link.story)).content.decode()
    viewer = make_staff("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_story"))
    client.force_login(viewer)
    page = client.get(change_url(link.story)).content.decode()
    assert "Active" in page and ">Revoke</button>" not in page


def test_the_forged_tokens_above_differ_from_a_good_one_only_where_they_say(draft, link):
    # The control for the forgery tests: signed the same way, the right pair works.
    token = signing.Signer(salt=TOKEN_SALT).sign_object({"s": draft.pk, "k": link.key})
    assert resolve_share_token(token) == link
    assert share_url(link) == share_url(link)  # one link, one address
