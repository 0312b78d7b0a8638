"""Every portal page and form, given hostile or broken input, answers without a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial import participant_stories
from tests.factories import make_story, make_theme

pytestmark = pytest.mark.django_db

PAYLOADS = [
    {},
    {"version": "x"},
    {"version": "-1"},
    {"version": "²"},
    {"version": "9" * 5000},
    {"version": ["0", "1"]},
    {"version": "0", "then": "more"},
    {"version": "0", "then": "later"},
    {"version": "0", "job_title": "x" * 100000},
    {"version": "0", "themes": ["abc", "999999", "-1", "9" * 5000]},
    {"version": "0", "outcomes-TOTAL_FORMS": "9" * 5000, "outcomes-INITIAL_FORMS": "0"},
    {
        "version": "0",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-description": "a",
        "outcomes-0-value": "1e400",
        "outcomes-0-unit": "x",
        "outcomes-0-evidence_url": "javascript:alert(1)",
    },
    {
        "version": "0",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-description": "a",
        "outcomes-0-value": "NaN",
    },
    {
        "version": "0",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-description": "a",
        "outcomes-0-value": "£1,2,3.00",
    },
    {
        "version": "0",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-description": "a",
        "outcomes-0-value": "1_000",
    },
    {
        "version": "0",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-description": "a",
        "outcomes-0-value": "٣",
    },
    {
        "version": "0",
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-0-name": "\x00bad",
        "partners-0-role": "r",
    },
    {"version": "0", "challenge": "\x00null"},
    {"version": "0", "decision": "approved", "comment": "\x00"},
    {"decision": "nonsense", "version": "0"},
    {"consent_scope": "everything", "consent_name": "on"},
    {"consent_scope": ["public", "internal"]},
    {"email": "a@b.c\r\nBcc: x@y.z"},
    {"email": "x" * 100000},
    {"email": "\x00@example.org"},
    {"photo": "notafile", "version": "0"},
]


def urls(draft, story):
    return [
        reverse("portal:home"),
        reverse("portal:story_new"),
        reverse("portal:drafts"),
        reverse("portal:draft_carry_on", args=[draft.pk]),
        reverse("portal:draft_check", args=[draft.pk]),
        reverse("portal:draft_delete", args=[draft.pk]) + "?x",
        *[
            reverse("portal:draft_step", args=[draft.pk, s])
            for s in [
                "about",
                "challenge",
                "what-you-did",
                "what-changed",
                "partners",
                "quote",
                "themes",
                "photo",
                "nope",
            ]
        ],
        reverse("portal:story", args=[story.pk]),
        reverse("portal:consent"),
        reverse("portal:consent_withdraw") + "?x",
        reverse("portal:data"),
        reverse("portal:new_link"),
    ]


def test_no_portal_page_gives_a_500_for_bad_input(participant_client, participant):
    make_theme(name="Health")
    story = make_story(status="review", published_at=None, participant=participant)
    draft = participant_stories.start_draft(participant=participant)
    bad = []
    for url in urls(draft, story):
        if "delete" in url or "withdraw" in url:
            continue
        for payload in PAYLOADS:
            r = participant_client.post(url, payload)
            if r.status_code >= 500:
                bad.append((url, payload, r.status_code))
        r = participant_client.get(url + "?rows=" + "9" * 5000)
        if r.status_code >= 500:
            bad.append((url, "GET rows", r.status_code))
        r = participant_client.post(
            url,
            b"version=%ff%fe&job_title=%c3%28&email=%ff@x.org",
            content_type="application/x-www-form-urlencoded",
        )
        if r.status_code >= 500:
            bad.append((url, "non-utf8", r.status_code))
        for f in [
            SimpleUploadedFile(
                "x.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                "image/svg+xml",
            ),
            SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0broken"),
            SimpleUploadedFile("x.jpg", b""),
            SimpleUploadedFile("x.php.jpg", b"GIF89a<?php echo 1; ?>"),
        ]:
            r = participant_client.post(
                url, {"version": "0", "photo": f, "photo_alt": "a", "photo_consent": "on"}
            )
            if r.status_code >= 500:
                bad.append((url, "upload " + f.name, r.status_code))
    assert not bad, bad
