"""README's "Who may do what", walked: every admin address and action, as every role.

TABLE below is the README's table as data: each row is something a person does
(an address read, a form saved, a bulk action, a share link answered) and the
roles allowed to do it. Each row runs once as each role. Allowed: the page
answers 200, the change is made. Refused: the anonymous get the admin login,
staff a 403 (or a read-only form, or an action that is not offered), and a
refused POST leaves every row it could touch exactly as it was.

The data is built once for the module inside a transaction that is rolled back
at its end; each test runs in a savepoint of its own, so no test sees another's
changes.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from editorial.invitations import create_invitation
from editorial.revisions import save_revision, versions_of
from editorial.sharing import create_share_link, share_url
from participants.models import (
    CONSENT_FIELDS,
    Cohort,
    ConsentChange,
    ConsentWording,
    Erasure,
    Invitation,
    Organisation,
    Participant,
    Programme,
)
from sitepages.models import SitePage
from stories.models import (
    ApprovalRequest,
    Evidence,
    PathwayStep,
    ShareLink,
    SignOff,
    StatusChange,
    Story,
    Theme,
)
from tests.factories import (
    make_cohort,
    make_organisation,
    make_participant,
    make_partner,
    make_programme,
    make_staff,
    make_story,
    make_theme,
)
from tests.security.roles import (
    ANONYMOUS,
    CONTRIBUTOR,
    EDITOR,
    GROUPS,
    PROTECTED,
    ROLES,
    SAVE_BUTTON,
    STAFF,
    SUPERUSER,
    VIEWER,
    AdminIndex,
    Page,
    Post,
    Row,
    Save,
    World,
)

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(ROLES)
LINK_HOLDER = frozenset({ANONYMOUS})
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
STAFF_WITH_A_GROUP = SIGNED_IN - {STAFF}
READERS = frozenset({VIEWER, CONTRIBUTOR, EDITOR, SUPERUSER})
CONTRIBUTORS = frozenset({CONTRIBUTOR, EDITOR, SUPERUSER})
EDITORS = frozenset({EDITOR, SUPERUSER})
SUPERUSERS = frozenset({SUPERUSER})
NOBODY = frozenset()
# The README's table does not say who reads the consent wordings.
WORDING_READERS_UNSTATED = frozenset({VIEWER, CONTRIBUTOR})

STORY = "/admin/stories/story/"
THEME = "/admin/stories/theme/"
PERSON = "/admin/participants/participant/"
ORGANISATION = "/admin/participants/organisation/"
PROGRAMME = "/admin/participants/programme/"
COHORT = "/admin/participants/cohort/"
WORDING = "/admin/participants/consentwording/"
ERASURE = "/admin/participants/erasure/"
USER = "/admin/auth/user/"
GROUP = "/admin/auth/group/"
ATTEMPT = "/admin/axes/accessattempt/"
TAG = "/admin/taggit/tag/"
AUTOCOMPLETE = "/admin/autocomplete/?term=&"
SITE_PAGE = "/admin/sitepages/sitepage/"

# Rounded to the second: the admin's date and time inputs have no finer grain.
NOW = timezone.now().replace(microsecond=0)
YESTERDAY = NOW - dt.timedelta(days=1)


# --- What a row's change looks like once made ---------------------------------------


class Ref(str):
    """A value that is one of the world's primary keys, by name."""


def _resolved(world, fields):
    return {k: world.pk(v) if isinstance(v, Ref) else v for k, v in fields.items()}


def has(model, key, /, **fields):
    """The object named `key` now has these field values."""
    return lambda w, user, response: model.objects.filter(
        pk=w.pk(key), **_resolved(w, fields)
    ).exists()


def created(model, **fields):
    return lambda w, user, response: model.objects.filter(**fields).exists()


def gone(model, name):
    return lambda w, user, response: not model.objects.filter(pk=w.pk(name)).exists()


def protected(model, name):
    """Deletion is allowed but the object is kept: a story depends on it."""
    return lambda w, user, response: (
        response.status_code == 200
        and PROTECTED in response.content.decode()
        and model.objects.filter(pk=w.pk(name)).exists()
    )


def moved(name, to):
    """The story moved to `to`, with one status change and one revision by the user."""

    def done(w, user, response):
        pk = w.pk(name)
        revisions = Version.objects.get_for_object_reference(Story, pk)
        return (
            Story.objects.filter(pk=pk, status=to).exists()
            and StatusChange.objects.filter(story_id=pk, to_status=to, by=user).count() == 1
            and revisions.filter(revision__user=user).count() == 1
        )

    return done


def consent_changed(name, *, withdrawal=False, **fields):
    """The consent fields changed and exactly one new history row names the user."""

    def done(w, user, response):
        new = ConsentChange.objects.filter(participant_id=w.pk(name)).exclude(
            pk=w.pk("consent_change")
        )
        return (
            Participant.objects.filter(pk=w.pk(name), **_resolved(w, fields)).exists()
            and new.count() == 1
            and new.get().by == user
            and new.get().withdrawal == withdrawal
        )

    return done


def signed_off(w, user, response):
    answers = SignOff.objects.filter(story_id=w.pk("draft"))
    return (
        answers.count() == 1
        and answers.get().sent_to == "andrew@example.org"
        and answers.get().client_hash != ""
        and answers.get().decision == "approved"
    )


def erase_asked(w, user, response):
    return response.status_code == 200 and "Erase this person?" in response.content.decode()


def recovered(w, user, response):
    return Story.objects.filter(pk=w.pk("deleted"), status="draft").exists()


def approval_asked(name):
    return lambda w, user, response: (
        ApprovalRequest.objects.filter(story_id=w.pk(name), asked_by=user).count() == 1
    )


def share_link_made(name):
    return lambda w, user, response: (
        ShareLink.objects.filter(story_id=w.pk(name), created_by=user).count() == 1
    )


def downloaded(w, user, response):
    disposition = response.get("Content-Disposition", "")
    return response.status_code == 200 and "attachment" in disposition


def invited(w, user, response):
    return Invitation.objects.filter(participant_id=w.pk("p_live"), created_by=user).count() == 1


def links_shut(w, user, response):
    return not Invitation.objects.filter(
        participant_id=w.pk("p_live"), revoked_at__isnull=True
    ).exists()


def invitations():
    return list(Invitation.objects.order_by("pk").values())


def erased(w, user, response):
    return (
        not Participant.objects.filter(pk=w.pk("p_free"), name="Free Person").exists()
        and Erasure.objects.filter(participant_id=w.pk("p_free"), by=user).count() == 1
    )


# What a refusal must leave alone when the role may save the object but not the field.


def story_fields(name, *fields):
    return lambda w: list(Story.objects.filter(pk=w.pk(name)).values(*fields))


def consent_of(name):
    return lambda w: (
        list(Participant.objects.filter(pk=w.pk(name)).values(*CONSENT_FIELDS)),
        list(ConsentChange.objects.values()),
    )


def consent_records(w):
    return (
        list(Participant.objects.filter(consent_given=True).values_list("pk", flat=True)),
        list(ConsentChange.objects.values()),
    )


# --- The table ---------------------------------------------------------------------


def object_rows(label, url, model, name, *, read, change, delete, edit, kept=False, **extra):
    """The six rows every admin object has: read, edit form, save, delete page, delete, history."""
    deleted = protected(model, name) if kept else gone(model, name)
    return [
        Row(f"{label}: change form", read, Page(url + "change/"), **extra),
        Row(
            f"{label}: form is editable", change, Page(url + "change/", offers=SAVE_BUTTON), **extra
        ),
        Row(
            f"{label}: save a change",
            change,
            Save(url + "change/", edit, has(model, name, **edit)),
            **extra,
        ),
        Row(f"{label}: delete page", delete, Page(url + "delete/"), **extra),
        Row(f"{label}: delete", delete, Post(url + "delete/", {"post": "yes"}, deleted), **extra),
        Row(f"{label}: history", read, Page(url + "history/"), **extra),
    ]


# A new outcome with one evidence item under it, as the story form sends them (nested rows).
OUTCOME_WITH_EVIDENCE = {
    "outcomes-TOTAL_FORMS": "1",
    "outcomes-0-kind": "funding",
    "outcomes-0-description": "Role outcome",
    "outcomes-0-level": "results",
    "outcomes-0-verification": "self_reported",
    "outcomes-0-intended": "not_known",
    "outcomes-0-order": "0",
    "outcomes-0-evidence-TOTAL_FORMS": "1",
    "outcomes-0-evidence-INITIAL_FORMS": "0",
    "outcomes-0-evidence-MIN_NUM_FORMS": "0",
    "outcomes-0-evidence-MAX_NUM_FORMS": "1000",
    "outcomes-0-evidence-0-kind": "document",
    "outcomes-0-evidence-0-description": "Role evidence",
    "outcomes-0-evidence-0-url": "https://example.org/role.pdf",
    "outcomes-0-evidence-0-order": "0",
}


def evidence_added(story):
    return lambda w, user, response: Evidence.objects.filter(
        outcome__story_id=w.pk(story), description="Role evidence"
    ).exists()


def action(name, *objects, **data):
    return {"action": name, "_selected_action": [f"{{{o}}}" for o in objects], **data}


TABLE = [
    # The public site and share links
    Row("public home page", EVERYONE, Page("/")),
    Row("a live story's page", EVERYONE, Page("/stories/{live_slug}/")),
    Row("a share link's preview", EVERYONE, Page("{draft_share}", shows="{draft_title}")),
    Row(
        "answer a sign-off through a share link",
        LINK_HOLDER,
        Post("{draft_share}", {"decision": "approved", "version": "{draft_version}"}, signed_off),
    ),
    # The admin index, app pages, theme coverage
    Row("admin index (empty for staff with no group)", STAFF_WITH_A_GROUP, AdminIndex()),
    Row("stories app page", READERS, Page("/admin/stories/", refusals=(403, 404))),
    Row("participants app page", READERS, Page("/admin/participants/", refusals=(403, 404))),
    Row("auth app page", SUPERUSERS, Page("/admin/auth/", refusals=(403, 404))),
    Row("axes app page", SUPERUSERS, Page("/admin/axes/", refusals=(403, 404))),
    Row("taggit app page", SUPERUSERS, Page("/admin/taggit/", refusals=(403, 404))),
    Row("theme coverage", READERS, Page("/admin/theme-coverage/")),
    Row(
        "choose one's own email notifications",
        SIGNED_IN,
        Page("/admin/notifications/preferences/", offers='name="wanted"'),
    ),
    # Stories
    Row("story list", READERS, Page(STORY)),
    Row("story list offers bulk publish", EDITORS, Page(STORY, offers='value="publish"')),
    Row("story list offers bulk unpublish", EDITORS, Page(STORY, offers='value="unpublish"')),
    Row("story list offers bulk archive", EDITORS, Page(STORY, offers='value="archive"')),
    Row("story list offers bulk delete", EDITORS, Page(STORY, offers='value="delete_selected"')),
    Row(
        "story list offers bulk send for review",
        CONTRIBUTORS,
        Page(STORY, offers='value="send_for_review"'),
    ),
    Row(
        "draft story: view on site redirect",
        READERS,
        Page("/admin/r/{story_type}/{draft}/", status=302),
    ),
    Row(
        "theme picker (autocomplete)",
        READERS,
        Page(AUTOCOMPLETE + "app_label=stories&model_name=story&field_name=themes"),
    ),
    Row("story add page", CONTRIBUTORS, Page(STORY + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a draft story",
        CONTRIBUTORS,
        Save(
            STORY + "add/",
            {"title": "Added", "slug": "added-by-role", "status": "draft"},
            created(Story, slug="added-by-role", status="draft"),
        ),
    ),
    Row(
        "add a story in review",
        CONTRIBUTORS,
        Save(
            STORY + "add/",
            {"title": "Added", "slug": "added-by-role", "status": "review"},
            created(Story, slug="added-by-role", status="review"),
        ),
    ),
    Row(
        "add a featured story",
        EDITORS,
        Save(
            STORY + "add/",
            {"title": "Added", "slug": "added-by-role", "featured": "on"},
            created(Story, slug="added-by-role", featured=True),
            watch=lambda w: list(Story.objects.filter(featured=True).values("pk")),
        ),
    ),
    Row(
        "add a published story",
        EDITORS,
        Save(
            STORY + "add/",
            {
                "title": "Added",
                "slug": "added-by-role",
                "status": "published",
                "participant": "{p_free}",
            },
            created(Story, slug="added-by-role", status="published"),
        ),
    ),
    *object_rows(
        "draft story",
        STORY + "{draft}/",
        Story,
        "draft",
        read=READERS,
        change=CONTRIBUTORS,
        delete=EDITORS,
        edit={"title": "Edited draft"},
    ),
    *object_rows(
        "story in review",
        STORY + "{review}/",
        Story,
        "review",
        read=READERS,
        change=CONTRIBUTORS,
        delete=EDITORS,
        edit={"title": "Edited review"},
    ),
    *object_rows(
        "live story",
        STORY + "{live}/",
        Story,
        "live",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"title": "Edited live"},
    ),
    *object_rows(
        "scheduled story",
        STORY + "{scheduled}/",
        Story,
        "scheduled",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"title": "Edited scheduled"},
    ),
    *object_rows(
        "hidden story (participant withdrew consent)",
        STORY + "{hidden}/",
        Story,
        "hidden",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"title": "Edited hidden"},
    ),
    *object_rows(
        "archived story",
        STORY + "{archived}/",
        Story,
        "archived",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"title": "Edited archived"},
    ),
    # Moving stories through the workflow with the form
    Row(
        "draft story: send for review with the form",
        CONTRIBUTORS,
        Save(
            STORY + "{draft}/change/",
            {"status": "review"},
            moved("draft", "review"),
        ),
    ),
    Row(
        "draft story: add an outcome with its evidence",
        CONTRIBUTORS,
        Save(STORY + "{draft}/change/", OUTCOME_WITH_EVIDENCE, evidence_added("draft")),
    ),
    Row(
        "live story: add an outcome with its evidence",
        EDITORS,
        Save(STORY + "{live}/change/", OUTCOME_WITH_EVIDENCE, evidence_added("live")),
    ),
    Row(
        "story in review: publish with the form",
        EDITORS,
        Save(
            STORY + "{review}/change/",
            {"status": "published"},
            moved("review", "published"),
        ),
    ),
    Row(
        "story in review: schedule with the form",
        EDITORS,
        Save(
            STORY + "{review}/change/",
            {"status": "published", "published_at_0": "2030-01-02", "published_at_1": "09:00:00"},
            has(Story, "review", status="published", published_at__year=2030),
        ),
    ),
    Row(
        "live story: unpublish with the form",
        EDITORS,
        Save(
            STORY + "{live}/change/",
            {"status": "draft"},
            moved("live", "draft"),
        ),
    ),
    Row(
        "draft story: feature it",
        EDITORS,
        Save(
            STORY + "{draft}/change/",
            {"featured": "on"},
            has(Story, "draft", featured=True),
            watch=story_fields("draft", "featured", "status", "published_at", "expires_at"),
        ),
    ),
    Row(
        "draft story: change its participant",
        CONTRIBUTORS,
        Save(
            STORY + "{draft}/change/",
            {"participant": "{p_free}"},
            has(Story, "draft", participant=Ref("p_free")),
        ),
    ),
    Row(
        "live story: change its participant to one whose consent stands",
        EDITORS,
        Save(
            STORY + "{live}/change/",
            {"participant": "{p_free}"},
            has(Story, "live", participant=Ref("p_free")),
        ),
    ),
    Row(
        "live story: change its participant to one who withdrew consent",
        NOBODY,
        Save(
            STORY + "{live}/change/",
            {"participant": "{p_withdrawn}"},
            has(Story, "live", participant=Ref("p_withdrawn")),
        ),
    ),
    # Bulk actions on the story list
    Row(
        "bulk publish",
        EDITORS,
        Post(STORY, action("publish", "review"), moved("review", "published")),
    ),
    Row(
        "bulk send for review (a draft)",
        CONTRIBUTORS,
        Post(STORY, action("send_for_review", "draft"), moved("draft", "review")),
    ),
    Row(
        "bulk send for review (a live story)",
        EDITORS,
        Post(STORY, action("send_for_review", "live"), moved("live", "review")),
    ),
    Row(
        "bulk send for review (an archived story)",
        EDITORS,
        Post(STORY, action("send_for_review", "archived"), moved("archived", "review")),
    ),
    Row(
        "bulk send for review (a scheduled story)",
        EDITORS,
        Post(STORY, action("send_for_review", "scheduled"), moved("scheduled", "review")),
    ),
    Row(
        "bulk unpublish", EDITORS, Post(STORY, action("unpublish", "live"), moved("live", "draft"))
    ),
    Row("bulk archive", EDITORS, Post(STORY, action("archive", "live"), moved("live", "archived"))),
    Row(
        "bulk delete (a draft)",
        EDITORS,
        Post(STORY, action("delete_selected", "draft", post="yes"), gone(Story, "draft")),
    ),
    # Revisions, preview and share links
    Row(
        "draft story: compare revisions",
        READERS,
        Page(STORY + "{draft}/history/compare/?a={draft_v1}&b={draft_v2}"),
    ),
    Row(
        "live story: compare revisions",
        READERS,
        Page(STORY + "{live}/history/compare/?a={live_v1}&b={live_v2}"),
    ),
    Row(
        "draft story: restore page",
        CONTRIBUTORS,
        Page(STORY + "{draft}/history/{draft_v1}/restore/"),
    ),
    Row("live story: restore page", EDITORS, Page(STORY + "{live}/history/{live_v1}/restore/")),
    Row(
        "draft story: restore a revision",
        CONTRIBUTORS,
        Post(
            STORY + "{draft}/history/{draft_v1}/restore/",
            {},
            has(Story, "draft", title="First draft title"),
        ),
    ),
    Row(
        "live story: restore a revision",
        EDITORS,
        Post(
            STORY + "{live}/history/{live_v1}/restore/",
            {},
            has(Story, "live", title="First live title"),
        ),
    ),
    Row(
        "draft story: history offers Restore",
        CONTRIBUTORS,
        Page(STORY + "{draft}/history/", offers="/history/{draft_v1}/restore/"),
    ),
    Row(
        "live story: history offers Restore",
        EDITORS,
        Page(STORY + "{live}/history/", offers="/history/{live_v1}/restore/"),
    ),
    Row("recover deleted stories: list", CONTRIBUTORS, Page(STORY + "recover/")),
    Row(
        "recover a deleted story as a draft",
        CONTRIBUTORS,
        Post(STORY + "recover/{deleted_v}/", {}, recovered),
    ),
    Row(
        "draft story: ask its participant to approve",
        CONTRIBUTORS,
        Post(STORY + "{draft}/ask-approval/", {}, approval_asked("draft")),
    ),
    Row(
        "draft story: page offers Ask to approve",
        CONTRIBUTORS,
        Page(
            STORY + "{draft}/change/", offers='action="/admin/stories/story/{draft}/ask-approval/"'
        ),
    ),
    Row("draft story: preview", READERS, Page(STORY + "{draft}/preview/")),
    Row("live story: preview", READERS, Page(STORY + "{live}/preview/")),
    Row(
        "draft story: create a share link",
        CONTRIBUTORS,
        Post(
            STORY + "{draft}/share-links/",
            {"label": "Role", "sent_to": "role@example.org"},
            share_link_made("draft"),
        ),
    ),
    Row(
        "live story: create a share link",
        EDITORS,
        Post(
            STORY + "{live}/share-links/",
            {"label": "Role", "sent_to": "role@example.org"},
            share_link_made("live"),
        ),
    ),
    Row(
        "draft story: page offers Create share link",
        CONTRIBUTORS,
        Page(
            STORY + "{draft}/change/", offers='action="/admin/stories/story/{draft}/share-links/"'
        ),
    ),
    Row(
        "live story: page offers Create share link",
        EDITORS,
        Page(STORY + "{live}/change/", offers='action="/admin/stories/story/{live}/share-links/"'),
    ),
    Row(
        "draft story: page offers Revoke",
        CONTRIBUTORS,
        Page(STORY + "{draft}/change/", offers="/share-links/{draft_link}/revoke/"),
    ),
    Row(
        "live story: page offers Revoke",
        EDITORS,
        Page(STORY + "{live}/change/", offers="/share-links/{live_link}/revoke/"),
    ),
    Row(
        "draft story: revoke a share link",
        CONTRIBUTORS,
        Post(
            STORY + "{draft}/share-links/{draft_link}/revoke/",
            {},
            has(ShareLink, "draft_link", revoked_at__isnull=False),
        ),
    ),
    Row(
        "live story: revoke a share link",
        EDITORS,
        Post(
            STORY + "{live}/share-links/{live_link}/revoke/",
            {},
            has(ShareLink, "live_link", revoked_at__isnull=False),
        ),
    ),
    # People
    Row("people list", READERS, Page(PERSON)),
    Row("person add page", CONTRIBUTORS, Page(PERSON + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a person",
        CONTRIBUTORS,
        Save(
            PERSON + "add/",
            {"name": "Added Person", "slug": "added-person"},
            created(Participant, slug="added-person"),
        ),
    ),
    Row(
        "add a person with consent recorded",
        EDITORS,
        Save(
            PERSON + "add/",
            {
                "name": "Added Person",
                "slug": "added-person",
                "consent_given": "on",
                "consent_given_at": "2026-01-05",
            },
            created(Participant, slug="added-person", consent_given=True),
            watch=consent_records,
        ),
    ),
    *object_rows(
        "person on no story",
        PERSON + "{p_free}/",
        Participant,
        "p_free",
        read=READERS,
        change=CONTRIBUTORS,
        delete=NOBODY,
        edit={"job_title": "Edited job"},
    ),
    *object_rows(
        "person on a draft only",
        PERSON + "{p_draft}/",
        Participant,
        "p_draft",
        read=READERS,
        change=CONTRIBUTORS,
        delete=NOBODY,
        edit={"job_title": "Edited job"},
        kept=True,
    ),
    *object_rows(
        "person on a live story",
        PERSON + "{p_live}/",
        Participant,
        "p_live",
        read=READERS,
        change=EDITORS,
        delete=NOBODY,
        edit={"job_title": "Edited job"},
        kept=True,
    ),
    Row(
        "person on a hidden story (consent withdrawn): save a change",
        EDITORS,
        Save(
            PERSON + "{p_withdrawn}/change/",
            {"job_title": "Edited job"},
            has(Participant, "p_withdrawn", job_title="Edited job"),
        ),
    ),
    Row(
        "organisation partnering a live story: save a change",
        EDITORS,
        Save(
            ORGANISATION + "{org_partner}/change/",
            {"description": "Edited"},
            has(Organisation, "org_partner", description="Edited"),
        ),
    ),
    Row(
        "consent history on the person's page",
        READERS,
        Page(PERSON + "{p_live}/change/", shows="Recorded at the kick-off meeting"),
    ),
    Row(
        "person on no story: change the consent scope",
        EDITORS,
        Save(
            PERSON + "{p_free}/change/",
            {"consent_scope": "print"},
            consent_changed("p_free", consent_scope="print"),
            watch=consent_of("p_free"),
        ),
    ),
    Row(
        "person on a live story: withdraw consent",
        EDITORS,
        Save(
            PERSON + "{p_live}/change/",
            {"consent_withdrawn_at_0": "2026-01-05", "consent_withdrawn_at_1": "09:00:00"},
            consent_changed("p_live", withdrawal=True, consent_withdrawn_at__isnull=False),
            watch=consent_of("p_live"),
        ),
    ),
    Row(
        "download a person's data (subject access)",
        EDITORS,
        Post(PERSON, action("export_personal_data", "p_live"), downloaded),
    ),
    Row(
        "see a person's email address",
        EDITORS,
        Page(PERSON + "{p_live}/change/", offers='value="live.person@example.org"'),
    ),
    Row(
        "invite a person to their page",
        EDITORS,
        Post(PERSON + "{p_live}/invite/", {}, invited, watch=lambda w: invitations()),
    ),
    Row(
        "revoke every link to a person's page",
        EDITORS,
        Post(
            PERSON + "{p_live}/invitations/revoke-all/",
            {},
            links_shut,
            watch=lambda w: invitations(),
        ),
    ),
    Row(
        "erase a person",
        EDITORS,
        Post(PERSON, action("erase_personal_data", "p_free", confirm="erase"), erased),
    ),
    Row(
        "erase a person: the confirmation page",
        EDITORS,
        Post(PERSON, action("erase_personal_data", "p_free"), erase_asked),
    ),
    Row(
        # People leave through erasure, which removes every trace and logs it.
        "bulk delete (a person on no story)",
        NOBODY,
        Post(PERSON, action("delete_selected", "p_free", post="yes"), gone(Participant, "p_free")),
    ),
    Row(
        "person on no story: record the wording agreed to",
        EDITORS,
        Save(
            PERSON + "{p_free}/change/",
            {"consent_wording": "{wording_unused}"},
            consent_changed("p_free", consent_wording=Ref("wording_unused")),
            watch=consent_of("p_free"),
        ),
    ),
    Row(
        "person picker (autocomplete)",
        READERS,
        Page(AUTOCOMPLETE + "app_label=stories&model_name=story&field_name=participant"),
    ),
    # Organisations
    Row("organisation list", READERS, Page(ORGANISATION)),
    Row("organisation add page", CONTRIBUTORS, Page(ORGANISATION + "add/", offers=SAVE_BUTTON)),
    Row(
        "add an organisation",
        CONTRIBUTORS,
        Save(
            ORGANISATION + "add/",
            {"name": "Added Org", "slug": "added-org"},
            created(Organisation, slug="added-org"),
        ),
    ),
    *object_rows(
        "organisation on no story",
        ORGANISATION + "{org_free}/",
        Organisation,
        "org_free",
        read=READERS,
        change=CONTRIBUTORS,
        delete=EDITORS,
        edit={"description": "Edited"},
    ),
    *object_rows(
        "organisation on a draft only",
        ORGANISATION + "{org_draft}/",
        Organisation,
        "org_draft",
        read=READERS,
        change=CONTRIBUTORS,
        delete=EDITORS,
        edit={"description": "Edited"},
        kept=True,
    ),
    *object_rows(
        "organisation of a live story's participant",
        ORGANISATION + "{org_live}/",
        Organisation,
        "org_live",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"description": "Edited"},
    ),
    # Themes, programmes, cohorts
    Row("theme list", READERS, Page(THEME)),
    Row(
        "theme list: reorder in place",
        EDITORS,
        Post(
            THEME,
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": "{theme}",
                "form-0-order": "99",
                "_save": "Save",
            },
            has(Theme, "theme", order=99),
        ),
    ),
    Row("theme add page", EDITORS, Page(THEME + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a theme",
        EDITORS,
        Save(
            THEME + "add/",
            {"name": "Added", "slug": "added-theme"},
            created(Theme, slug="added-theme"),
        ),
    ),
    *object_rows(
        "theme",
        THEME + "{theme}/",
        Theme,
        "theme",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"summary": "Edited"},
    ),
    Row("programme list", READERS, Page(PROGRAMME)),
    Row("programme add page", EDITORS, Page(PROGRAMME + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a programme",
        EDITORS,
        Save(
            PROGRAMME + "add/",
            {"name": "Added", "slug": "added-programme"},
            created(Programme, slug="added-programme"),
        ),
    ),
    *object_rows(
        "programme",
        PROGRAMME + "{programme}/",
        Programme,
        "programme",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"description": "Edited"},
        kept=True,
    ),
    Row(
        "programme: add a step to its pathway",
        EDITORS,
        Save(
            PROGRAMME + "{programme}/change/",
            {
                "pathway_steps-TOTAL_FORMS": "1",
                "pathway_steps-0-stage": "impact",
                "pathway_steps-0-title": "Role step",
                "pathway_steps-0-order": "0",
            },
            created(PathwayStep, title="Role step"),
        ),
    ),
    Row("cohort list", READERS, Page(COHORT)),
    Row("cohort add page", EDITORS, Page(COHORT + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a cohort",
        EDITORS,
        Save(
            COHORT + "add/",
            {"name": "Added", "slug": "added-cohort", "programme": "{programme}"},
            created(Cohort, slug="added-cohort"),
        ),
    ),
    *object_rows(
        "cohort",
        COHORT + "{cohort}/",
        Cohort,
        "cohort",
        read=READERS,
        change=EDITORS,
        delete=EDITORS,
        edit={"name": "Edited"},
    ),
    # Consent wordings and the erasure log
    Row("consent wording list", EDITORS, Page(WORDING), unstated=WORDING_READERS_UNSTATED),
    Row("consent wording add page", EDITORS, Page(WORDING + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a consent wording version",
        EDITORS,
        Save(
            WORDING + "add/",
            {"version": "3", "text": "New words."},
            created(ConsentWording, version=3),
        ),
    ),
    *object_rows(
        "consent wording someone agreed to",
        WORDING + "{wording_agreed}/",
        ConsentWording,
        "wording_agreed",
        read=EDITORS,
        change=NOBODY,
        delete=NOBODY,
        edit={"text": "Edited words."},
        unstated=WORDING_READERS_UNSTATED,
    ),
    *object_rows(
        "consent wording nobody agreed to",
        WORDING + "{wording_unused}/",
        ConsentWording,
        "wording_unused",
        read=EDITORS,
        change=EDITORS,
        delete=EDITORS,
        edit={"text": "Edited words."},
        unstated=WORDING_READERS_UNSTATED,
    ),
    Row("erasure log", EDITORS, Page(ERASURE)),
    Row("erasure record", EDITORS, Page(ERASURE + "{erasure}/change/")),
    Row("erasure record: history", EDITORS, Page(ERASURE + "{erasure}/history/")),
    Row("erasure log: add by hand", NOBODY, Page(ERASURE + "add/")),
    Row("erasure record: delete page", NOBODY, Page(ERASURE + "{erasure}/delete/")),
    Row(
        "erasure record: delete",
        NOBODY,
        Post(ERASURE + "{erasure}/delete/", {"post": "yes"}, gone(Erasure, "erasure")),
    ),
    # The site's own pages: accessibility statement, privacy notice, contact. A fixed
    # set (made by the migrations): nobody adds or deletes one.
    Row("site pages app page", READERS, Page("/admin/sitepages/", refusals=(403, 404))),
    Row("site page list", READERS, Page(SITE_PAGE)),
    Row("site page add page", NOBODY, Page(SITE_PAGE + "add/")),
    *object_rows(
        "site page (the accessibility statement)",
        SITE_PAGE + "{site_page}/",
        SitePage,
        "site_page",
        read=READERS,
        change=EDITORS,
        delete=NOBODY,
        edit={"title": "Edited statement", "body": "<p>Edited.</p>"},
    ),
    # Users, groups, login attempts, raw tags
    Row("user list", SUPERUSERS, Page(USER)),
    Row("user add page", SUPERUSERS, Page(USER + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a user",
        SUPERUSERS,
        Save(
            USER + "add/",
            {
                "username": "added-user",
                "password1": "a-Long-pass-phrase-7",
                "password2": "a-Long-pass-phrase-7",
            },
            created(User, username="added-user"),
        ),
    ),
    *object_rows(
        "user",
        USER + "{someone}/",
        User,
        "someone",
        read=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        edit={"first_name": "Edited"},
    ),
    Row("group list", SUPERUSERS, Page(GROUP)),
    Row("group add page", SUPERUSERS, Page(GROUP + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a group",
        SUPERUSERS,
        Save(
            GROUP + "add/",
            {"name": "Added group"},
            created(Group, name="Added group"),
        ),
    ),
    *object_rows(
        "group",
        GROUP + "{funders}/",
        Group,
        "funders",
        read=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        edit={"name": "Edited group"},
    ),
    Row("login attempt list", SUPERUSERS, Page(ATTEMPT)),
    Row("access log list", SUPERUSERS, Page("/admin/axes/accesslog/")),
    Row("access failure list", SUPERUSERS, Page("/admin/axes/accessfailurelog/")),
    Row("login attempt", SUPERUSERS, Page(ATTEMPT + "{attempt}/change/")),
    Row("login attempt: history", SUPERUSERS, Page(ATTEMPT + "{attempt}/history/")),
    Row("login attempt: delete page", SUPERUSERS, Page(ATTEMPT + "{attempt}/delete/")),
    Row(
        "login attempt: delete",
        SUPERUSERS,
        Post(ATTEMPT + "{attempt}/delete/", {"post": "yes"}, gone(AccessAttempt, "attempt")),
    ),
    Row("raw tag list", SUPERUSERS, Page(TAG)),
    Row("raw tag add page", SUPERUSERS, Page(TAG + "add/", offers=SAVE_BUTTON)),
    Row(
        "add a raw tag",
        SUPERUSERS,
        Save(
            TAG + "add/",
            {"name": "added-tag", "slug": "added-tag"},
            created(Tag, slug="added-tag"),
        ),
    ),
    *object_rows(
        "raw tag",
        TAG + "{tag}/",
        Tag,
        "tag",
        read=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        edit={"name": "edited-tag"},
    ),
]


# --- The world every row runs against ----------------------------------------------


def _two_revisions(story, first_title):
    """A story saved twice: first under another title, then as it is."""
    title = story.title
    Story.objects.filter(pk=story.pk).update(title=first_title)
    story.refresh_from_db()
    save_revision(story, by=None, comment="Created")
    Story.objects.filter(pk=story.pk).update(title=title)
    story.refresh_from_db()
    save_revision(story, by=None, comment="Changed")
    newer, older = versions_of(story.pk)[:2]
    return older.pk, newer.pk


def build_world() -> World:
    users = {ANONYMOUS: None}
    for role, group in GROUPS.items():
        users[role] = make_staff(f"role-{role}", group)
    users[SUPERUSER] = User.objects.create_superuser("role-superuser", password="pw-for-tests-only")

    theme = make_theme()
    programme = make_programme()
    cohort = make_cohort(programme=programme)
    # org_live employs the live story's participant; org_partner partners that story.
    org_free, org_draft, org_live, org_partner = (make_organisation() for _ in range(4))
    wording_agreed = ConsentWording.objects.get(version=1)
    wording_unused = ConsentWording.objects.create(version=2, text="Second words.")

    p_free = make_participant(name="Free Person")
    p_draft = make_participant(email="draft-person@example.org")
    p_live = make_participant(
        organisation=org_live, consent_wording=wording_agreed, email="live.person@example.org"
    )
    create_invitation(participant=p_live, by=None)
    p_live.cohorts.add(cohort)
    p_withdrawn = make_participant(consent_withdrawn_at=YESTERDAY)
    p_archived = make_participant()
    p_scheduled = make_participant()
    consent_change = ConsentChange.objects.create(
        participant=p_live,
        changes={"consent_given": ["False", "True"]},
        wording=wording_agreed,
        note="Recorded at the kick-off meeting",
    )

    draft = make_story(status="draft", published_at=None, participant=p_draft)
    make_partner(draft, org_draft)
    review = make_story(status="review", published_at=None, participant=p_draft)
    live = make_story(participant=p_live, published_at=YESTERDAY)
    make_partner(live, org_partner)
    scheduled = make_story(participant=p_scheduled, published_at=NOW + dt.timedelta(days=7))
    hidden = make_story(participant=p_withdrawn, published_at=YESTERDAY)
    archived = make_story(status="archived", participant=p_archived, published_at=YESTERDAY)
    for story in (draft, review, live, scheduled, hidden, archived):
        story.themes.add(theme)
    draft.tags.add("role-table")
    draft_v1, draft_v2 = _two_revisions(draft, "First draft title")
    live_v1, live_v2 = _two_revisions(live, "First live title")
    for story in (review, scheduled, hidden, archived):
        save_revision(story, by=None, comment="Created")

    gone_story = make_story(status="draft", published_at=None, participant=None)
    gone_pk = gone_story.pk
    save_revision(gone_story, by=None, comment="Deleted")
    gone_story.delete()
    draft_link = create_share_link(
        story=draft, by=None, label="Andrew", sent_to="andrew@example.org"
    )
    live_link = create_share_link(story=live, by=None, label="Live", sent_to="live@example.org")

    attempt = AccessAttempt.objects.create(
        username="mallory",
        ip_address="203.0.113.9",
        user_agent="test",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    ids = {
        "theme": theme.pk,
        "programme": programme.pk,
        "cohort": cohort.pk,
        "org_free": org_free.pk,
        "org_draft": org_draft.pk,
        "org_live": org_live.pk,
        "org_partner": org_partner.pk,
        "wording_agreed": wording_agreed.pk,
        "wording_unused": wording_unused.pk,
        "p_free": p_free.pk,
        "p_draft": p_draft.pk,
        "p_live": p_live.pk,
        "p_withdrawn": p_withdrawn.pk,
        "consent_change": consent_change.pk,
        "draft": draft.pk,
        "review": review.pk,
        "live": live.pk,
        "scheduled": scheduled.pk,
        "hidden": hidden.pk,
        "story_type": ContentType.objects.get_for_model(Story).pk,
        "archived": archived.pk,
        "deleted": gone_pk,
        "draft_v1": draft_v1,
        "draft_v2": draft_v2,
        "live_v1": live_v1,
        "live_v2": live_v2,
        "deleted_v": Version.objects.get_deleted(Story)[0].pk,
        "draft_link": draft_link.pk,
        "live_link": live_link.pk,
        "draft_share": share_url(draft_link),
        "draft_title": draft.title,
        "draft_version": draft.edit_version,
        "live_slug": live.slug,
        "erasure": Erasure.objects.create(participant_id=99999).pk,
        "attempt": attempt.pk,
        "someone": User.objects.create_user("someone").pk,
        "funders": Group.objects.create(name="Funders").pk,
        "tag": Tag.objects.get(name="role-table").pk,
        "site_page": SitePage.objects.get(slug="accessibility").pk,
    }
    return World(ids=ids, users=users)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


# --- The walk ------------------------------------------------------------------------


CASES = [
    pytest.param(row, role, id=f"{role}: {row.what}", marks=row.marks)
    for row in TABLE
    for role in ROLES
    if role not in row.unstated
]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_role_table(row, role, world, client):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    row.check(client, world, role, allowed=role in row.allowed)


def test_the_table_names_every_role_it_grants():
    for row in TABLE:
        assert row.allowed <= EVERYONE, row.what
        assert not row.allowed & row.unstated, row.what
