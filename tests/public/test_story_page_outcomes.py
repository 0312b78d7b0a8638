"""A story page shows each outcome as evaluators grade it: its Kirkpatrick level, who
changed and how, whether it was a surprise, what the programme contributed and why it
matters, how far it was checked and by whom, and the evidence marked public, in a
fixed number of queries however many outcomes and evidence items it has."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from pagecache import dependencies
from pagecache.versions import current_token
from tests.factories import make_evidence, make_outcome, make_story
from tests.markup import parse
from tests.stories.evidence_uploads import PDF

pytestmark = pytest.mark.django_db

# The story page read afresh: its token, the story, its cards' and details' prefetches (with
# the outcomes' public evidence in one), the related stories.
PAGE_QUERIES = 9
HOSTILE = "<script>alert('x')</script>"


def outcomes_on(client, story) -> list:
    page = parse(client.get(story.get_absolute_url()).content.decode())
    return [item for item in page.one("ul", class_="outcomes").children if item.tag == "li"]


def graded(story, **fields):
    defaults = {
        "description": "Section 75 pooled budget agreed",
        "value": 250000,
        "unit": "GBP",
        "level": "results",
        "who_changed": "system",
        "change_kind": "policy",
        "intended": "yes",
        "contribution": "The cohort brought the commissioners and leisure trust together.",
        "significance": "Health money now flows to prevention in leisure centres.",
        "verification": "corroborated",
        "verified_by": "Siân Llewelyn",
        "verifier_organisation": "Ipswich and East Suffolk CCG",
        "verifier_relationship": "commissioner",
        "verified_on": dt.date(2023, 6, 1),
    }
    return make_outcome(story, **defaults | fields)


def test_a_graded_outcome_shows_its_level_change_and_checker(client):
    story = make_story()
    graded(story)
    (outcome,) = outcomes_on(client, story)
    text = outcome.text()
    for shown in [
        "£250,000",
        "Section 75 pooled budget agreed",
        "Kirkpatrick level: Results",
        "Who changed: A partnership or system",
        "Kind of change: Policy",
        "What the programme contributed: The cohort brought the commissioners and leisure "
        "trust together.",
        "Why it matters: Health money now flows to prevention in leisure centres.",
        "Corroborated by Siân Llewelyn, Ipswich and East Suffolk CCG (commissioner), 1 June 2023",
    ]:
        assert shown in text, shown
    assert "Unexpected" not in text


def test_an_unassessed_self_reported_outcome_says_so_and_nothing_more(client):
    story = make_story()
    make_outcome(story, description="I now chair the partnership board")
    (outcome,) = outcomes_on(client, story)
    text = outcome.text()
    assert "Self-reported by the participant" in text
    for absent in ["Kirkpatrick", "Who changed", "Kind of change", "Unexpected", "contributed"]:
        assert absent not in text
    assert outcome.find_all("ul") == []


def test_an_unexpected_independently_verified_outcome(client):
    story = make_story()
    graded(
        story,
        intended="no",
        verification="independent",
        verified_by="Dr Wei Zhang",
        verifier_organisation="Institute for Evaluation",
        verifier_relationship="external evaluator",
        verified_on=None,
    )
    (outcome,) = outcomes_on(client, story)
    text = outcome.text()
    assert outcome.one("strong", class_="outcome-unexpected").text() == "Unexpected"
    assert (
        "Independently verified by Dr Wei Zhang, Institute for Evaluation (external evaluator)"
        in text
    )


def test_public_evidence_is_listed_with_its_kind_and_address_and_the_rest_never(client):
    story = make_story()
    outcome = graded(story)
    make_evidence(outcome, kind="document", description="Board minutes", order=1)
    upload = SimpleUploadedFile("decision.pdf", PDF)
    filed = make_evidence(outcome, kind="data", description="Decision letter", url="", file=upload)
    make_evidence(outcome, description="Internal finance memo", public=False)
    (shown,) = outcomes_on(client, story)
    items = shown.one("ul", class_="outcome-evidence").find_all("li")
    assert [item.text() for item in items] == [
        "Data Decision letter (download)",
        "Document Board minutes",
    ]
    links = [item.one("a") for item in items]
    assert (
        links[0].attrs["href"]
        == filed.public_address
        == f"/evidence/{filed.pk}/" + (filed.file.name.rsplit("/", 1)[1])
    )
    assert "download" in links[0].attrs
    assert links[1].attrs["href"] == "https://example.org/board-paper.pdf"
    assert links[1].attrs["rel"] == "nofollow noopener"
    assert client.get(links[0].attrs["href"]).status_code == 200
    assert "Internal finance memo" not in client.get(story.get_absolute_url()).content.decode()


def test_every_text_field_is_escaped(client):
    story = make_story()
    outcome = graded(
        story,
        description=HOSTILE,
        contribution=HOSTILE,
        significance=HOSTILE,
        verified_by=HOSTILE,
        verifier_organisation=HOSTILE,
        verifier_relationship=HOSTILE,
    )
    make_evidence(outcome, description=HOSTILE)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 7


def test_welsh_arabic_and_chinese_words_come_through(client):
    story = make_story()
    outcome = graded(
        story,
        verified_by="محمد الفاسي",
        verifier_organisation="Cyngor Sir Ynys Môn",
        verifier_relationship="合作伙伴",
    )
    make_evidence(outcome, description="Adroddiad blynyddol — 年度报告")
    text = outcomes_on(client, story)[0].text()
    assert "Corroborated by محمد الفاسي, Cyngor Sir Ynys Môn (合作伙伴)" in text
    assert "Adroddiad blynyddol — 年度报告" in text


def test_the_page_runs_the_same_queries_for_one_outcome_or_many(client, django_assert_num_queries):
    story = make_story()
    counts = []
    for outcomes, items in [(1, 0), (1, 1), (6, 4)]:
        for _ in range(outcomes):
            outcome = graded(story)
            for n in range(items):
                make_evidence(outcome, description=f"Item {n}", public=n % 2 == 0)
        current_token()
        current_token()
        cache.clear()
        dependencies.forget()
        with django_assert_num_queries(PAGE_QUERIES) as captured:
            assert client.get(story.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts == [PAGE_QUERIES] * 3
