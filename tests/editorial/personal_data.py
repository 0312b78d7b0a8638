"""A participant with something of every kind held about them, and scans for what is left.

Their name, Zebedee Quillfeather, is in their record, their stories' titles,
slugs, bodies and outcomes, a sign-off comment, a share link, the admin's log,
revisions (one of a story since deleted, one of a story since given to someone
else, which keeps the link sent them and their answer and the log of it) and the
search text, so a scan for it finds every place erasure must reach.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.db import connection, models
from django.utils.text import slugify
from reversion.models import Version

from editorial import services, sharing
from editorial.revisions import save_revision
from participants.models import ConsentChange, ConsentWording, Participant
from stories.models import ShareLink, SignOff, Story
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_staff,
    make_story,
    make_theme,
)
from tests.images.pictures import image_bytes, upload

NAME = "Zebedee Quillfeather"
# What a scan looks for: either half of the name, in any case (emails and slugs too).
MARKS = ("zebedee", "quillfeather")
OTHER = "Ottoline Brackenbury"
CHANGELIST = "/admin/participants/participant/"


@dataclass
class Person:
    participant: Participant
    published: Story
    draft: Story
    moved: Story  # was theirs, is now Ottoline's
    moved_link: ShareLink  # made for them while the moved story was theirs
    deleted_story_id: int
    link: ShareLink
    sign_off: SignOff
    other: Participant
    other_story: Story
    pictures: dict[str, bytes]  # stored name of each original -> its bytes
    files: set[str]  # every file of theirs in storage, originals and renditions


def log(user, obj, message: str, flag=CHANGE) -> None:
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=flag, change_message=message
    )


def with_picture(owner, field: str, name: str, colour) -> None:
    getattr(owner, field).save(name, upload(content=image_bytes(size=(900, 700), colour=colour)))
    owner.refresh_from_db()


def draft_of(person, editor, title: str, body: str) -> Story:
    """A draft about `person`, with its first revision kept."""
    draft = make_story(
        title=title,
        slug=slugify(title),
        participant=person,
        status=Story.Status.DRAFT,
        published_at=None,
        body=body,
    )
    save_revision(draft, by=editor, comment="Created")
    return draft


def share(story, editor, label: str, sent_to: str, comment: str) -> ShareLink:
    """A link made in the admin for whom the story is about now, and their answer."""
    link = sharing.create_share_link(story=story, by=editor, label=label, sent_to=sent_to)
    log(editor, story, f"Created a share link for {label}.")
    sharing.record_sign_off(link=link, decision="changes", comment=comment)
    return link


def make_person(editor) -> Person:
    """Zebedee, with everything; and Ottoline, whose things must all survive."""
    wording = ConsentWording.objects.create(
        version=2, text="Version two of the wording: I agree to my story on the website."
    )
    person = make_participant(
        name=NAME,
        slug="zebedee-quillfeather",
        job_title="Allotments officer",
        organisation=make_organisation(name="Mudford Town Council", slug="mudford"),
        bio="Zebedee Quillfeather looks after Mudford's allotments.",
        photo_alt="Portrait of Zebedee Quillfeather",
        consent_given_at=dt.date(2025, 4, 1),
        consent_wording=wording,
    )
    person.cohorts.add(make_cohort())
    with_picture(person, "photo", "zebedee-quillfeather.jpg", (12, 200, 34))
    first = ConsentWording.objects.get(version=1)
    ConsentChange.objects.create(
        participant=person,
        by=editor,
        changes={"consent_given": ["no", "yes"]},
        wording=first,
        note="Zebedee agreed on the phone.",
    )
    ConsentChange.objects.create(
        participant=person, by=editor, changes={"consent_quotes": ["no", "yes"]}, wording=wording
    )
    log(editor, person, "Changed Zebedee Quillfeather's job title.")

    other = make_participant(name=OTHER, slug="ottoline-brackenbury", bio="Ottoline walks.")
    theme = make_theme(name="Community development", slug="community-development")
    other_story = make_story(title="Ottoline's river walks", slug="river-walks", participant=other)
    other_story.themes.add(theme)
    other_story.tags.add("allotments")
    save_revision(other_story, by=editor, comment="Created")
    save_revision(other_story, by=editor, comment="Changed")

    published = make_story(
        title="Zebedee Quillfeather's allotments",
        slug="zebedee-quillfeather-allotments",
        participant=person,
        summary="How Quillfeather opened the allotments to everyone.",
        pull_quote="Zebedee says: just dig in.",
        body="<p>Zebedee Quillfeather started with one plot.</p>",
        hero_image_alt="Quillfeather's allotments at dawn",
    )
    with_picture(published, "hero_image", "quillfeather-plots.jpg", (220, 30, 150))
    published.themes.add(theme)
    published.tags.add("allotments", "quillfeather-gardens")
    make_partner(published, make_organisation(name="Mudford Allotment Society"), role="Host")
    make_outcome(published, description="Quillfeather's plots opened", value=40, unit="plots")
    services.record_status_change(story=published, from_status="review", by=editor)
    save_revision(published, by=editor, comment="Created")
    link = sharing.create_share_link(story=published, by=editor, label="Zebedee, to approve")
    link.sent_to = "zebedee@quillfeather.example"
    link.save()
    sign_off = sharing.record_sign_off(
        link=link, decision="changes", comment="Quillfeather has two Ls, please."
    )
    sign_off.sent_to, sign_off.link_label = link.sent_to, link.label
    sign_off.save()
    log(editor, published, "Created a share link for Zebedee, to approve.")

    draft = draft_of(person, editor, "Draft: Quillfeather at the council", "<p>At the council.</p>")
    gone = draft_of(person, editor, "Zebedee Quillfeather's first try", "<p>A first go.</p>")
    log(editor, gone, "Added.", flag=ADDITION)
    gone_id = gone.pk
    gone.delete()
    # Begun about no one, then about Zebedee (a link sent him, his answer), then given
    # to Ottoline (a link sent her, her answer): what was his stays on her story.
    moved = draft_of(None, editor, "Community hubs", "<p>Hubs.</p>")
    moved.participant, moved.body = person, "<p>Zebedee Quillfeather's hubs.</p>"
    moved.save()
    save_revision(moved, by=editor, comment="Changed")
    moved_link = share(
        moved,
        editor,
        "Zebedee, for the hubs",
        "zebedee@quillfeather.example",
        "Zebedee here: not my hubs.",
    )
    moved.participant, moved.body = other, "<p>Ottoline's hubs.</p>"
    moved.save()
    save_revision(moved, by=editor, comment="Changed")
    log(editor, moved, "Revoked a share link for Zebedee, for the hubs.")
    log(editor, moved, "Changed body.")
    share(moved, editor, "Ottoline, to approve", "ottoline@example.org", "Lovely.")

    person.refresh_from_db()
    published.refresh_from_db()
    pictures = {}
    files = set()
    for owner, field in [(person, "photo"), (published, "hero_image")]:
        with getattr(owner, field).open("rb") as original:
            pictures[getattr(owner, field).name] = original.read()
        files |= {getattr(owner, field).name, *owner.renditions[field]["files"]}
    return Person(
        participant=person,
        published=published,
        draft=draft,
        moved=moved,
        moved_link=moved_link,
        deleted_story_id=gone_id,
        link=link,
        sign_off=sign_off,
        other=other,
        other_story=other_story,
        pictures=pictures,
        files=files,
    )


def make_viewer():
    """View-only staff: may read everything in the admin and change nothing."""
    viewer = make_staff("vic-viewer")
    viewer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["participants", "stories"], codename__startswith="view_"
        )
    )
    return viewer


# --- Scans --------------------------------------------------------------------------

TEXT = (models.CharField, models.TextField, models.JSONField, models.FileField)


def _names(value, marks=MARKS) -> bool:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return any(mark in text.lower() for mark in marks)


def scanned_models() -> list[type[models.Model]]:
    """Every table Django knows, reversion's included (the FTS5 index is scanned apart)."""
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]


def rows_naming_them(marks=MARKS) -> list[str]:
    """'app.model #pk column' for every text, char and JSON value naming them, anywhere."""
    found = []
    for model in scanned_models():
        columns = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT)]
        if not columns:
            continue
        for pk, *values in model._base_manager.values_list("pk", *columns).iterator():
            found += [
                f"{model._meta.label} #{pk} {column}"
                for column, value in zip(columns, values, strict=True)
                if value is not None and _names(value, marks)
            ]
    return found


def search_index_naming_them() -> list[str]:
    """SQLite's FTS5 tables, read raw: their shadow tables keep words the ORM never sees."""
    if connection.vendor != "sqlite":
        return []
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'story_search_fts%'")
        tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # table names from sqlite_master
            for row in cursor.fetchall():
                for value in row:
                    raw = value if isinstance(value, bytes) else str(value).encode()
                    if any(mark.encode() in raw.lower() for mark in MARKS):
                        found.append(table)
    assert "story_search_fts_data" in tables
    return found


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def digests(contents) -> set[str]:
    return {hashlib.sha256(content).hexdigest() for content in contents}


def files_of_theirs(files: dict[str, bytes], person: Person) -> list[str]:
    """Stored files named after them, holding their name, or holding one of their pictures."""
    theirs = digests(person.pictures.values())
    return [
        name
        for name, content in files.items()
        if _names(name)
        or any(mark.encode() in content.lower() for mark in MARKS)
        or name in person.files
        or hashlib.sha256(content).hexdigest() in theirs
    ]


def story_versions(story_id: int) -> list[Version]:
    """The story's revisions, oldest first."""
    return list(Version.objects.get_for_object_reference(Story, story_id).order_by("pk"))
