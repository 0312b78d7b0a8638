"""The layout every event's email shares: the HTML frame, a button, the text footer."""

from django.template import Context, Template

from notifications.send import render_text

SITE = {"site_name": "Stories of Impact", "site_url": "https://stories.example.org"}


def html(context: dict) -> str:
    return Template(
        '{% extends "notifications/base_email.html" %}{% block content %}'
        '<p>Your story is ready.</p>{% include "notifications/button.html" with '
        'href="https://stories.example.org/my/" label="Open your page" %}{% endblock %}'
    ).render(Context(context))


def test_the_html_email_has_the_content_a_button_and_the_sites_link():
    page = html(SITE)
    assert page.startswith("<!DOCTYPE html>")
    assert "<p>Your story is ready.</p>" in page
    assert '<a href="https://stories.example.org/my/"' in page and "Open your page</a>" in page
    assert '<a href="https://stories.example.org/"' in page
    assert "Stop these emails" not in page


def test_the_html_email_links_its_unsubscribe_when_there_is_one():
    page = html({**SITE, "unsubscribe_url": "https://stories.example.org/u/x/"})
    assert '<a href="https://stories.example.org/u/x/"' in page
    assert "Stop these emails</a>" in page


def test_the_text_footer_names_the_site_and_the_unsubscribe_when_there_is_one():
    plain = render_text("notifications/footer.txt", SITE)
    assert "Stories of Impact: https://stories.example.org/" in plain
    assert "Stop these emails" not in plain

    url = "https://stories.example.org/u/?who=x&what=y"
    plain = render_text("notifications/footer.txt", {**SITE, "unsubscribe_url": url})
    assert plain.rstrip().endswith(f"Stop these emails: {url}")
    assert "{#" not in plain and "&amp;" not in plain
