"""Every response carries the security headers, and the policy refuses inline script."""

import pytest
from django.contrib.staticfiles import finders

from images.access import picture_url
from tests.factories import make_story, make_theme
from tests.images.test_renditions import story_with_hero

pytestmark = pytest.mark.django_db

EXPECTED = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def addresses():
    theme = make_theme(name="Health inequalities")
    story = make_story(title="A garden in Ipswich")
    story.themes.add(theme)
    return [
        "/",
        "/stories/",
        story.get_absolute_url(),
        theme.get_absolute_url(),
        "/search/?q=garden",
        "/feeds/stories/",
        "/sitemap.xml",
        "/robots.txt",
        "/stories/no-such-story/",
        "/admin/login/",
    ]


def test_every_kind_of_response_carries_the_headers(client, addresses):
    for address in addresses:
        # Twice: the second answer comes from the page cache and must carry them too.
        for _ in range(2):
            response = client.get(address, secure=True)
            assert response.status_code in {200, 404}, address
            for header, value in EXPECTED.items():
                assert response.get(header) == value, (address, header)
            assert "Content-Security-Policy" in response, address


def test_static_files_carry_the_headers_too(client, settings):
    # Served from the finders, as in development (production serves collected files).
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    assert finders.find("favicon.svg")
    response = client.get("/static/favicon.svg", secure=True)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_policy_allows_scripts_only_from_the_site_itself(client):
    directives = policy(client.get("/", secure=True))
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    for name in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in directives[name]
        assert "'unsafe-eval'" not in directives[name]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


def test_pages_hold_no_inline_script_the_policy_would_refuse(client):
    """Only data blocks (JSON-LD) are inline; every script is a file the policy allows."""
    story = make_story(title="A garden in Ipswich")
    for address in ["/", story.get_absolute_url(), "/admin/login/"]:
        html = client.get(address).content.decode()
        for chunk in html.split("<script")[1:]:
            opening = chunk.split(">", 1)[0]
            assert "src=" in opening or 'type="application/ld+json"' in opening, (
                address,
                opening,
            )
        assert " onclick=" not in html and " onload=" not in html


def test_plain_http_gets_no_hsts_header(client):
    """HSTS over http would be ignored by browsers, and Django rightly leaves it out."""
    assert "Strict-Transport-Security" not in client.get("/")


def test_pictures_served_by_the_app_carry_the_headers_too(client, settings):
    story = story_with_hero()
    response = client.get(
        picture_url(story.renditions["hero_image"]["card"][0]["jpeg"]), secure=True
    )
    assert response.status_code == 200
    for header, value in EXPECTED.items():
        assert response[header] == value
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert client.get("/pictures/../settings.py").status_code in {400, 404}
    # Nothing in MEDIA_ROOT is served by its path, not even a file named like a picture.
    (settings.MEDIA_ROOT / "stories").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "stories" / "hall.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much")
    assert client.get("/media/stories/hall.jpg", secure=True).status_code == 404
