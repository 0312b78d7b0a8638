"""Revisions: every save kept, compared field by field, restored, and deleted stories recovered."""

import json

import pytest
from reversion.models import Version
from taggit.models import Tag

from editorial import revisions, services
from stories.models import Story
from tests.admin_posts import ADD_URL, change_url, story_form, with_evidence_management
from tests.factories import (
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_story,
    make_theme,
)
from tests.stories.tally_checks import made_afresh

pytestmark = pytest.mark.django_db


def history_url(story):
    return f"/admin/stories/story/{story.pk}/history/"


@pytest.fixture
def edited_story(editor_client):
    """A story saved twice through the admin: first with one set of relations, then another."""
    housing, health = make_theme(name="Housing"), make_theme(name="Health")
    funder, charity = make_organisation(name="Funder Trust"), make_organisation(name="Kind Charity")
    person = make_participant(name="Siân Ó Briain")
    editor_client.post(
        ADD_URL,
        story_form(
            title="First title",
            slug="kept-story",
            participant=person.pk,
            themes=[housing.pk],
            tags="allotments, 社区",
            partners=[{"organisation": funder.pk, "role": "Funder", "order": "0"}],
            outcomes=[{"description": "Homes built", "value": "12", "unit": "homes", "order": "0"}],
        ),
    )
    story = Story.objects.get(slug="kept-story")
    form = story_form(
        title="Second title",
        slug="kept-story",
        participant=person.pk,
        body="<p>Rewritten.</p>",
        themes=[health.pk],
        tags="allotments",
        opened_version=story.edit_version,
    )
    # As the browser sends it: the old partner and outcome ticked for deletion, a new partner.
    old_partner, old_outcome = story.partnerships.get(), story.outcomes.get()
    form |= {
        "partnerships-TOTAL_FORMS": "2",
        "partnerships-INITIAL_FORMS": "1",
        "partnerships-0-id": old_partner.pk,
        "partnerships-0-story": story.pk,
        "partnerships-0-organisation": funder.pk,
        "partnerships-0-role": "Funder",
        "partnerships-0-order": "0",
        "partnerships-0-DELETE": "on",
        "partnerships-1-organisation": charity.pk,
        "partnerships-1-role": "Delivery",
        "partnerships-1-order": "0",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "1",
        "outcomes-0-id": old_outcome.pk,
        "outcomes-0-story": story.pk,
        "outcomes-0-kind": "other",
        "outcomes-0-description": "Homes built",
        "outcomes-0-value": "12",
        "outcomes-0-unit": "homes",
        "outcomes-0-order": "0",
        "outcomes-0-DELETE": "on",
    }
    response = editor_client.post(change_url(story), with_evidence_management(form))
    assert response.status_code == 302
    story.refresh_from_db()
    return story, {"housing": housing, "health": health, "funder": funder, "charity": charity}


def test_each_admin_save_keeps_a_revision_with_its_relations(edited_story):
    story, _ = edited_story
    newest, first = revisions.versions_of(story.pk)
    state = revisions.state_of(first)
    assert state.fields["title"] == "First title"
    assert [state.theme_names[pk] for pk in state.theme_ids] == ["Housing"]
    assert sorted(tag["name"] for tag in state.tags) == ["allotments", "社区"]
    assert [(p["name"], p["role"]) for p in state.partners] == [("Funder Trust", "Funder")]
    assert [o["description"] for o in state.outcomes] == ["Homes built"]
    assert revisions.state_of(newest).fields["title"] == "Second title"
    assert newest.revision.user.username == "erin-editor"


def test_the_history_page_lists_revisions_newest_first(editor_client, edited_story):
    story, _ = edited_story
    page = editor_client.get(history_url(story)).content.decode()
    table = page.split('id="revision-list"')[1]
    assert table.index("Changed") < table.index("Created")
    assert "erin-editor" in table


def test_compare_shows_each_changed_field_side_by_side(editor_client, edited_story):
    story, _ = edited_story
    newest, first = revisions.versions_of(story.pk)
    response = editor_client.get(f"{history_url(story)}compare/", {"a": first.pk, "b": newest.pk})
    rows = {row.label: row for row in response.context["rows"]}
    assert (rows["Title"].before, rows["Title"].after) == ("First title", "Second title")
    assert (rows["Themes"].before, rows["Themes"].after) == ("Housing", "Health")
    assert rows["Partners"].after == "Kind Charity (Delivery)"
    assert (
        rows["Outcomes"].before == "[Other] 12 homes: Homes built" and rows["Outcomes"].after == ""
    )
    assert rows["Tags"].before == "allotments, 社区"
    assert not rows["Participant"].changed
    assert "Siân Ó Briain" in response.content.decode()


@pytest.mark.parametrize("query", [{}, {"a": "x", "b": "1"}, {"a": "1"}])
def test_compare_without_two_revisions_explains_instead_of_failing(
    editor_client, edited_story, query
):
    story, _ = edited_story
    response = editor_client.get(f"{history_url(story)}compare/", query, follow=True)
    assert response.status_code == 200
    assert "Choose two revisions to compare." in response.content.decode()


def test_a_revision_of_another_story_is_not_found(editor_client, edited_story):
    story, _ = edited_story
    other = make_story()
    revisions.save_revision(other, by=None, comment="x")
    theirs = revisions.versions_of(other.pk)[0]
    mine = revisions.versions_of(story.pk)[0]
    response = editor_client.get(f"{history_url(story)}compare/", {"a": theirs.pk, "b": mine.pk})
    assert response.status_code == 404
    assert editor_client.get(f"{history_url(story)}{theirs.pk}/restore/").status_code == 404


def test_restore_brings_the_content_back_and_keeps_the_status(editor_client, edited_story, editor):
    story, things = edited_story
    services.publish_story(story=story, by=editor)
    first = revisions.versions_of(story.pk)[-1]
    preview = editor_client.get(f"{history_url(story)}{first.pk}/restore/")
    assert "First title" in preview.content.decode()
    response = editor_client.post(f"{history_url(story)}{first.pk}/restore/", follow=True)
    assert "Restored the revision." in response.content.decode()
    story.refresh_from_db()
    assert story.title == "First title"
    assert story.status == "published"  # the workflow is not rolled back
    assert list(story.themes.all()) == [things["housing"]]
    assert sorted(story.tags.names()) == ["allotments", "社区"]
    assert [(p.organisation, p.role) for p in story.partnerships.all()] == [
        (things["funder"], "Funder")
    ]
    assert [o.description for o in story.outcomes.all()] == ["Homes built"]
    assert revisions.versions_of(story.pk)[0].revision.comment.startswith("Restored")


def test_restoring_a_draft_revision_never_unpublishes(editor_client, edited_story, editor):
    story, _ = edited_story  # both revisions are drafts
    services.publish_story(story=story, by=editor)
    draft_revision = revisions.versions_of(story.pk)[1]
    editor_client.post(f"{history_url(story)}{draft_revision.pk}/restore/")
    assert Story.objects.get(pk=story.pk).status == "published"


def test_restore_says_what_it_could_not_bring_back_and_keeps_the_rest(editor_client, edited_story):
    story, things = edited_story
    first = revisions.versions_of(story.pk)[-1]
    things["housing"].delete()
    story.partnerships.all().delete()
    things["funder"].delete()
    Tag.objects.filter(name="社区").delete()
    response = editor_client.post(f"{history_url(story)}{first.pk}/restore/", follow=True)
    page = response.content.decode()
    assert "Could not bring back" in page
    assert "Theme “Housing” has been deleted." in page
    assert "Partner “Funder Trust” has been deleted." in page
    story.refresh_from_db()
    assert story.title == "First title"
    assert list(story.themes.all()) == []
    assert not story.partnerships.exists()
    assert [o.description for o in story.outcomes.all()] == ["Homes built"]
    assert sorted(story.tags.names()) == ["allotments", "社区"]  # a tag is made again


def test_a_deleted_story_is_recovered_as_a_draft_with_its_relations(editor_client, edited_story):
    story, things = edited_story
    pk = story.pk
    response = editor_client.post(f"/admin/stories/story/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=pk).exists()
    listing = editor_client.get("/admin/stories/story/recover/")
    assert "Second title" in listing.content.decode()
    deleted = listing.context["deleted"][0]
    response = editor_client.post(f"/admin/stories/story/recover/{deleted.pk}/", follow=True)
    assert "Recovered “Second title” as a draft." in response.content.decode()
    story = Story.objects.get(pk=pk)
    assert story.status == "draft"
    assert list(story.themes.all()) == [things["health"]]
    assert [p.organisation for p in story.partnerships.all()] == [things["charity"]]
    assert story.tags.names()[0] == "allotments"
    assert "Second title" not in editor_client.get("/admin/stories/story/recover/").content.decode()


def test_stories_deleted_in_bulk_can_be_recovered(editor_client):
    stories = [make_story(title=f"Bulk {n}") for n in range(2)]
    editor_client.post(
        "/admin/stories/story/",
        {"action": "delete_selected", "_selected_action": [s.pk for s in stories], "post": "yes"},
    )
    assert not Story.objects.exists()
    listing = editor_client.get("/admin/stories/story/recover/").content.decode()
    assert "Bulk 0" in listing and "Bulk 1" in listing


def test_recovering_takes_another_address_when_its_own_is_taken(editor_client):
    story = make_story(slug="taken-slug")
    editor_client.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    make_story(slug="taken-slug", title="The newcomer")
    deleted = revisions.deleted_stories()[0]
    editor_client.post(f"/admin/stories/story/recover/{deleted.pk}/")
    assert Story.objects.get(pk=story.pk).slug == f"taken-slug-recovered-{story.pk}"


def test_recover_is_post_only_and_unknown_revisions_are_not_found(editor_client):
    assert editor_client.get("/admin/stories/story/recover/999/").status_code == 405
    assert editor_client.post("/admin/stories/story/recover/999/").status_code == 404


def test_the_public_cannot_reach_history_pages(client, edited_story):
    story, _ = edited_story
    client.logout()
    for url in [history_url(story), "/admin/stories/story/recover/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_history_address_that_is_not_a_number_is_not_found(editor_client):
    assert editor_client.get("/admin/stories/story/abc/history/").status_code == 404


def test_restore_keeps_a_published_story_on_a_participant_whose_consent_stands(
    editor_client, editor
):
    lapsed, current = make_participant(name="Lapsed Person"), make_participant(name="Current")
    story = make_story(participant=lapsed)
    revisions.save_revision(story, by=editor, comment="With Lapsed Person")
    old = revisions.versions_of(story.pk)[0]
    story.participant, story.title = current, "Now about Current"
    services.record_edit(story)
    revisions.save_revision(story, by=editor, comment="With Current")
    lapsed.consent_given = False
    lapsed.save()
    response = editor_client.post(f"{history_url(story)}{old.pk}/restore/", follow=True)
    assert "Kept the current participant: Lapsed Person has no consent recorded." in (
        response.content.decode()
    )
    story.refresh_from_db()
    assert story.participant == current
    assert Story.objects.public().filter(pk=story.pk).exists()


def test_a_recovered_story_with_a_long_address_still_fits(editor_client):
    long_slug = "a" * 200
    story = make_story(slug=long_slug)
    editor_client.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    make_story(slug=long_slug)
    editor_client.post(f"/admin/stories/story/recover/{revisions.deleted_stories()[0].pk}/")
    recovered = Story.objects.get(pk=story.pk)
    assert len(recovered.slug) == 200 and recovered.slug.endswith(f"-recovered-{story.pk}")
    recovered.full_clean()


def test_restore_keeps_partner_and_outcome_rows_an_open_form_points_at(editor_client, editor):
    story = make_story()
    partner = make_partner(story, role="Funder")
    outcome = make_outcome(story, description="Funding secured")
    revisions.save_revision(story, by=editor, comment="First")
    old = revisions.versions_of(story.pk)[0]
    partner.role, outcome.description = "Delivery partner", "Funding doubled"
    partner.save()
    outcome.save()
    revisions.save_revision(story, by=editor, comment="Second")
    editor_client.post(f"{history_url(story)}{old.pk}/restore/")
    assert list(story.partnerships.values_list("pk", "role")) == [(partner.pk, "Funder")]
    assert list(story.outcomes.values_list("pk", "description")) == [
        (outcome.pk, "Funding secured")
    ]


def test_the_restore_page_lists_only_what_a_restore_changes(editor_client, edited_story, editor):
    story, _ = edited_story
    services.publish_story(story=story, by=editor)
    first = revisions.versions_of(story.pk)[-1]
    labels = [
        row.label
        for row in editor_client.get(f"{history_url(story)}{first.pk}/restore/").context["rows"]
    ]
    assert "Title" in labels
    assert not {"Status", "Publish at", "Featured"} & set(labels)


def test_a_save_with_no_edit_records_no_change_to_text_with_line_breaks(editor_client, editor):
    story = make_story(status="draft", published_at=None, summary="One line.\nAnother.")
    revisions.save_revision(story, by=editor, comment="Before")
    editor_client.post(
        change_url(story),
        story_form(
            title=story.title,
            slug=story.slug,
            participant=story.participant.pk,
            summary="One line.\r\nAnother.",  # as the browser sends it
            body=story.body,
            opened_version=story.edit_version,
        ),
    )
    newest, before = revisions.versions_of(story.pk)[:2]
    assert newest.revision.comment == "Changed"
    assert "Summary" not in [change.label for change in revisions.changes_between(before, newest)]


def test_a_revision_from_before_outcome_types_reads_pounds_as_funding(editor):
    """Revisions kept before outcomes had a type: restoring one must not demote the
    money it counted to "Other", out of the funding total."""
    story = make_story()
    make_outcome(story, description="Section 75 award", value=250000, unit="GBP", order=0)
    make_outcome(story, description="Posts created", value=3, unit="posts", order=1)
    revisions.save_revision(story, by=editor, comment="Before outcome types")
    for saved in Version.objects.filter(content_type__model="outcome"):
        rows = json.loads(saved.serialized_data)
        del rows[0]["fields"]["kind"]  # as a revision of that time holds it
        saved.serialized_data = json.dumps(rows)
        saved.save()
    state = revisions.state_of(revisions.versions_of(story.pk)[0])
    assert [(o["description"], o["kind"]) for o in state.outcomes] == [
        ("Section 75 award", "funding"),
        ("Posts created", "other"),
    ]


def test_restoring_unpublishing_deleting_and_recovering_keep_the_public_counts(
    editor_client, edited_story, editor
):
    story, _ = edited_story
    services.publish_story(story=story, by=editor)
    made_afresh()
    first = revisions.versions_of(story.pk)[-1]
    editor_client.post(f"{history_url(story)}{first.pk}/restore/")
    assert made_afresh()["stories"] == 1
    others = [make_story() for _ in range(2)]
    for o in others:
        o.tags.add("bulk")
    editor_client.post(
        "/admin/stories/story/",
        {"action": "unpublish", "_selected_action": [o.pk for o in others]},
    )
    made_afresh()
    editor_client.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    assert made_afresh().get("stories", 0) == 0
    deleted = revisions.deleted_stories()[0]
    editor_client.post(f"/admin/stories/story/recover/{deleted.pk}/")
    made_afresh()
