"""The admin's theme coverage page: themes by cohorts, as live, hidden, review and draft."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.utils import timezone

from editorial.admin.coverage import theme_coverage
from stories.models import Story
from tests.factories import (
    make_cohort,
    make_participant,
    make_programme,
    make_staff,
    make_story,
    make_theme,
)
from tests.markup import parse

pytestmark = pytest.mark.django_db

PAGE = "/admin/theme-coverage/"


class CoverageTable:
    """The coverage table as a reader sees it: {(row heading, column heading): cell text}.

    Text inside .visually-hidden is left out of `cells` (it is for screen readers)
    but kept in each link's `name`, the name a screen reader gives the link.
    """

    def __init__(self, html: str):
        table = parse(html).one("table", class_="coverage")
        self.caption = table.one("caption").text(seen=True)
        self.programmes, self.columns = [
            [cell.text(seen=True) for cell in row.children if cell.tag == "th"]
            for row in table.one("thead").find_all("tr")
        ]
        self.rows, self.cells, self.links = [], {}, {}
        for row in table.find_all("tr"):
            if row.parent.tag not in ("tbody", "tfoot"):
                continue
            heading, *cells = [cell for cell in row.children if cell.tag in ("th", "td")]
            name = heading.text(seen=True)
            self.rows.append((name, [cell.text(seen=True) for cell in cells]))
            for column, cell in zip([*self.columns, "Total"], cells, strict=True):
                self.cells[name, column] = cell.text(seen=True)
                self.links[name, column] = [
                    {"href": a.attrs["href"], "text": a.text(seen=True), "name": a.text()}
                    for a in cell.find_all("a")
                ]


def story(theme, participant, **fields) -> Story:
    made = make_story(participant=participant, **fields)
    made.themes.add(theme)
    return made


@pytest.fixture
def coverage():
    """Two programmes, three cohorts, three themes; every count below is by hand.

    Health in Leading Change, March 2021: 3 live, 2 hidden (one scheduled, one whose
    participant withdrew consent), 1 in review, 2 drafts and an archived story.
    Health in Second Programme, Spring 2022: 1 draft. Housing in September 2020: 1 live.
    Jobs has none anywhere.
    """
    leading = make_programme(name="Leading Change", slug="leading-change")
    second = make_programme(name="Second Programme", slug="second-programme")
    march = make_cohort(programme=leading, name="March 2021", start_date=dt.date(2021, 3, 1))
    september = make_cohort(
        programme=leading, name="September 2020", start_date=dt.date(2020, 9, 1)
    )
    spring = make_cohort(programme=second, name="Spring 2022", start_date=dt.date(2022, 4, 1))
    health = make_theme(name="Health", order=1)
    housing = make_theme(name="Housing", order=2)
    jobs = make_theme(name="Jobs", order=3)

    in_march, in_september, in_spring = make_participant(), make_participant(), make_participant()
    withdrawn = make_participant(consent_withdrawn_at=timezone.now() - dt.timedelta(days=2))
    in_march.cohorts.add(march)
    withdrawn.cohorts.add(march)
    in_september.cohorts.add(september)
    in_spring.cohorts.add(spring)

    for _ in range(3):
        story(health, in_march)
    story(health, in_march, published_at=timezone.now() + dt.timedelta(days=3))  # scheduled
    story(health, withdrawn)  # published, but consent was withdrawn
    story(health, in_march, title="Health under review", status=Story.Status.REVIEW)
    drafts = [
        story(health, in_march, title=f"Health draft {n}", status=Story.Status.DRAFT)
        for n in (1, 2)
    ]
    story(health, in_march, status=Story.Status.ARCHIVED)
    story(health, in_spring, title="Spring health draft", status=Story.Status.DRAFT)
    story(housing, in_september)
    return SimpleNamespace(
        leading=leading, march=march, spring=spring, health=health, jobs=jobs, drafts=drafts
    )


def table(client, query="") -> CoverageTable:
    response = client.get(PAGE + query)
    assert response.status_code == 200
    return CoverageTable(response.content.decode())


def test_a_cell_counts_live_hidden_review_and_draft_stories(editor_client, coverage):
    grid = table(editor_client)
    assert grid.cells["Health", "March 2021"] == "3 live · 2 hidden · 1 review · 2 draft"
    assert grid.cells["Health", "Spring 2022"] == "1 draft"
    assert grid.cells["Housing", "September 2020"] == "1 live"


def test_scheduled_and_consent_withdrawn_stories_count_as_hidden_not_live(editor_client, coverage):
    page = editor_client.get(PAGE).content.decode()
    grid = CoverageTable(page)
    assert "2 hidden" in grid.cells["Health", "March 2021"]
    assert "3 live" in grid.cells["Health", "March 2021"]
    assert "scheduled for later" in page  # the key says what "hidden" means


def test_a_theme_with_no_story_in_a_cohort_is_marked_as_a_gap(editor_client, coverage):
    grid = table(editor_client)
    assert grid.cells["Health", "September 2020"] == "none yet"
    assert grid.cells["Jobs", "March 2021"] == "none yet"
    assert grid.cells["Jobs", "Total"] == "none yet"
    assert grid.cells["Housing", "Total"] == "1 live"


def test_the_page_says_how_many_pairs_are_gaps(editor_client, coverage):
    page = editor_client.get(PAGE).content.decode()
    assert "6 of 9 theme and cohort pairs have no story yet." in page


def test_rows_and_columns_have_totals(editor_client, coverage):
    grid = table(editor_client)
    assert grid.cells["Health", "Total"] == "3 live · 2 hidden · 1 review · 3 draft"
    assert grid.cells["Total", "March 2021"] == "3 live · 2 hidden · 1 review · 2 draft"
    assert grid.cells["Total", "Spring 2022"] == "1 draft"
    assert grid.cells["Total", "Total"] == "4 live · 2 hidden · 1 review · 3 draft"


def test_themes_are_rows_and_cohorts_are_columns_under_their_programme(editor_client, coverage):
    grid = table(editor_client)
    assert [heading for heading, _ in grid.rows] == ["Health", "Housing", "Jobs", "Total"]
    # Newest cohort first within a programme, as the cohorts are ordered everywhere.
    assert grid.columns == ["March 2021", "September 2020", "Spring 2022"]
    assert grid.programmes == ["Theme", "Leading Change", "Second Programme", "Total"]
    assert grid.caption == "Stories by theme and cohort, all programmes"


def test_the_table_has_headers_a_screen_reader_can_follow(editor_client, coverage):
    page = editor_client.get(PAGE).content.decode()
    assert '<th scope="colgroup" colspan="2">Leading Change</th>' in page
    assert '<th scope="col">March 2021</th>' in page
    assert '<th scope="row">Health</th>' in page
    assert '<caption id="coverage-caption">' in page


def test_review_and_draft_counts_link_to_exactly_those_stories(editor_client, coverage):
    grid = table(editor_client)
    links = {link["text"]: link for link in grid.links["Health", "March 2021"]}
    assert set(links) == {"1 review", "2 draft"}  # the story list cannot filter "live"
    assert links["2 draft"]["name"] == ("2 draft, Health in Leading Change, March 2021")
    listed = editor_client.get(links["2 draft"]["href"]).content.decode()
    assert "2 stories" in listed
    for title in ["Health draft 1", "Health draft 2"]:
        assert title in listed
    assert "Spring health draft" not in listed
    assert "Health under review" not in listed

    listed = editor_client.get(links["1 review"]["href"]).content.decode()
    assert "1 story" in listed
    assert "Health under review" in listed


def test_totals_and_live_counts_are_not_links(editor_client, coverage):
    grid = table(editor_client)
    assert grid.links["Health", "Total"] == []
    assert grid.links["Total", "March 2021"] == []
    assert grid.links["Housing", "September 2020"] == []


def test_the_programme_filter_shows_only_that_programmes_cohorts(editor_client, coverage):
    grid = table(editor_client, "?programme=leading-change")
    assert grid.columns == ["March 2021", "September 2020"]
    assert grid.caption == "Stories by theme and cohort, Leading Change"
    assert grid.cells["Health", "Total"] == "3 live · 2 hidden · 1 review · 2 draft"
    assert grid.cells["Total", "Total"] == "4 live · 2 hidden · 1 review · 2 draft"


def test_an_unknown_programme_shows_every_programme_with_a_message(editor_client, coverage):
    response = editor_client.get(PAGE, {"programme": "no-such-programme"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No programme with cohorts has the address “no-such-programme”" in page
    assert CoverageTable(page).columns == ["March 2021", "September 2020", "Spring 2022"]


def test_signed_out_visitors_are_sent_to_the_admin_sign_in(client, coverage):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={PAGE}"


def test_staff_without_permission_to_view_stories_are_refused(client, coverage):
    client.force_login(make_staff("no-role"))
    assert client.get(PAGE).status_code == 403


def test_contributors_and_editors_see_the_page(contributor_client, editor, coverage):
    assert contributor_client.get(PAGE).status_code == 200
    contributor_client.force_login(editor)
    assert contributor_client.get(PAGE).status_code == 200


def test_the_admin_header_links_to_the_page_for_those_who_may_see_it(client, editor, coverage):
    client.force_login(editor)
    assert f'<a href="{PAGE}">Theme coverage</a>' in client.get("/admin/").content.decode()
    client.force_login(make_staff("no-role"))
    assert "Theme coverage" not in client.get("/admin/").content.decode()


def add_stories(count, cohort):
    theme = make_theme()
    participant = make_participant()
    participant.cohorts.add(cohort)
    for n in range(count):
        status = [Story.Status.PUBLISHED, Story.Status.REVIEW, Story.Status.DRAFT][n % 3]
        story(theme, participant, status=status)


def test_the_page_runs_a_fixed_number_of_queries_for_2_stories_and_for_30(
    editor_client, django_assert_num_queries
):
    cohort = make_cohort()
    add_stories(2, cohort)
    # Session, user, the user's permissions (2), themes, cohorts, one per state (4).
    with django_assert_num_queries(10):
        assert editor_client.get(PAGE).status_code == 200
    add_stories(28, make_cohort(programme=cohort.programme))
    with django_assert_num_queries(10):
        assert editor_client.get(PAGE).status_code == 200


def test_the_template_runs_no_queries(editor, coverage, django_assert_num_queries):
    request = RequestFactory().get(PAGE)
    request.user = editor
    response = theme_coverage(request)
    with django_assert_num_queries(0):
        response.render()
    assert "3 live" in response.content.decode()


def test_names_with_markup_are_shown_as_text(editor_client):
    programme = make_programme(name="<script>alert('programme')</script>")
    cohort = make_cohort(programme=programme, name="<img src=x onerror=alert(1)>")
    participant = make_participant()
    participant.cohorts.add(cohort)
    story(make_theme(name="<script>alert('theme')</script>"), participant)
    page = editor_client.get(PAGE, {"programme": "<script>alert('slug')</script>"}).content.decode()
    for name in ["programme", "theme", "slug"]:
        assert f"<script>alert('{name}')</script>" not in page
        assert f"&lt;script&gt;alert(&#x27;{name}&#x27;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
