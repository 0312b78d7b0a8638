"""Erasing a person: everything held about a participant, gone at once (UK GDPR art. 17).

Erasure removes what the subject access export shows (the finders in
editorial.subject_access say where it is), with the whole history of the
stories it deletes and the links and answers that may be theirs or another's,
and leaves one `Erasure` row that says who erased participant #id and when,
never who they were.
"""

import logging
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from reversion.models import Revision, Version
from taggit.models import Tag

from editorial.subject_access import (
    STORY_ROWS,
    Held,
    Mention,
    emails_to_staff_about,
    held_about,
    label_of,
    log_entries,
    may_handle_personal_data,
    mentions,
    names_them,
    quotes_a_link,
    records_whom,
    rows_of,
    saved_fields,
    story_log,
)
from notifications.models import Notification
from pagecache.versions import bump
from participants.models import Erasure, Participant
from stories.models import (
    Evidence,
    SearchDocument,
    ShareLink,
    SignOff,
    SqliteSearchIndex,
    Story,
    TaggedStory,
)
from stories.search.forgetting import forget

logger = logging.getLogger(__name__)


@dataclass
class ErasurePlan:
    """What erasing a participant removes, worked out before anything is removed."""

    participant: Participant
    stories: list[Story]
    story_ids: set[int]  # their stories, and deleted ones their revisions show
    versions: list[Version]
    log_entry_ids: list[int]
    link_ids: list[int]  # share links made for them, on any story
    sign_off_ids: list[int]  # their answers, on any story
    tag_ids: list[int]  # tags only their stories use
    files: list[str]
    mentions: list[Mention]  # other people's records that name them: kept
    staff_email_ids: list[int] = field(default_factory=list)  # emails to staff about them
    counts: dict[str, int] = field(default_factory=dict)


def plan_erasure(participant: Participant) -> ErasurePlan:
    """What `erase_participant` would remove, counted in plain words. Reads only."""
    stories = list(participant.stories.order_by("created_at", "pk"))
    held = held_about(participant)
    own = [story.pk for story in stories]
    used_elsewhere = TaggedStory.objects.exclude(content_object_id__in=own).values("tag_id")
    tags = (
        Tag.objects.filter(stories_taggedstory_items__content_object_id__in=own)
        .exclude(pk__in=used_elsewhere)
        .exclude(taggit_taggeditem_items__isnull=False)
        .distinct()
    )
    links, sign_offs = _shared_with(held)
    plan = ErasurePlan(
        participant=participant,
        stories=stories,
        story_ids=held.story_ids,
        versions=held.versions,
        log_entry_ids=_log_entry_ids(held, links, sign_offs),
        link_ids=links,
        sign_off_ids=sign_offs,
        tag_ids=list(tags.values_list("pk", flat=True)),
        files=_files(participant, stories, held.story_ids, held.versions),
        mentions=mentions(participant, held.sharing),
        staff_email_ids=sorted(
            emails_to_staff_about(participant, stories).values_list("pk", flat=True)
        ),
    )
    counted = {ShareLink: set(links), SignOff: set(sign_offs)}
    plan.counts = {
        "stories": len(stories),
        **{
            label: len(
                set(model.objects.filter(story__in=own).values_list("pk", flat=True))
                | counted.get(model, set())
            )
            for model, label in STORY_ROWS.items()
        },
        "saved revisions": len({version.revision_id for version in held.versions}),
        "admin log entries": len(plan.log_entry_ids),
        "consent changes": participant.consent_changes.count(),
        # Both go with the participant (on_delete=CASCADE).
        "invitations to their page": participant.invitations.count(),
        "stories begun on their page": participant.drafts.count(),
        "emails written to them": participant.notifications.count(),
        "emails to staff about them": len(plan.staff_email_ids),
        "cohort memberships": participant.cohorts.count(),
        "tags only their stories used": len(plan.tag_ids),
        "evidence items": Evidence.objects.filter(outcome__story__in=own).count(),
        "files (pictures, their resized copies and evidence)": len(plan.files),
    }
    return plan


def _shared_with(held: Held) -> tuple[list[int], list[int]]:
    """Share links made for them and their answers, on any story: those the export
    shows, those that may be theirs or another's, and, of those that record no one,
    those sent to an address of theirs."""
    links = {link.pk for link in held.sharing.every_link}
    sign_offs = {answer.pk for answer in held.sharing.every_sign_off}
    if addresses := held.sharing.addresses:
        to_them = Q()
        for address in addresses:
            to_them |= Q(sent_to__iexact=address)
        for model, found in ((ShareLink, links), (SignOff, sign_offs)):
            rows = model.objects.filter(to_them)
            if records_whom(model):
                rows = rows.filter(participant__isnull=True)
            found.update(rows.values_list("pk", flat=True))
    return sorted(links), sorted(sign_offs)


def _log_entry_ids(held: Held, link_ids: list[int], sign_off_ids: list[int]) -> list[int]:
    """What the export shows of the admin's log, and every entry about the stories that
    go with them; and where a link or answer was found by their address alone, what its
    story's log says of it or of them ("Created a share link for Zebedee, to approve.")."""
    ids = {entry.pk for entry in log_entries(held)}
    ids.update(story_log(held.story_ids).values_list("pk", flat=True))
    links = ShareLink.objects.filter(pk__in=link_ids).exclude(
        pk__in=[link.pk for link in held.sharing.links]
    )
    answers = SignOff.objects.filter(pk__in=sign_off_ids).exclude(
        pk__in=[answer.pk for answer in held.sharing.sign_offs]
    )
    found = [*links, *answers]
    if not found:
        return sorted(ids)
    types = ContentType.objects.get_for_models(ShareLink, SignOff)
    rows = {(types[type(row)].pk, str(row.pk)) for row in found}
    labels = {getattr(row, "label", "") or getattr(row, "link_label", "") for row in found}
    labels.discard("")
    name = held.participant.name
    for entry in story_log({row.story_id for row in found}).exclude(pk__in=ids):
        text = f"{entry.object_repr}\n{entry.change_message}"
        about = (entry.content_type_id, entry.object_id) in rows
        if about or names_them(text, name) or quotes_a_link(text, labels):
            ids.add(entry.pk)
    return sorted(ids)


def _files(participant, stories, ids, versions) -> list[str]:
    """Their files in storage: pictures (originals, renditions, and anything in their
    folders) and the evidence uploaded for their stories' outcomes."""
    names = set(
        Evidence.objects.filter(outcome__story__in=stories)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    # Their drafts go with them (on_delete=CASCADE) but their photos are files.
    names.update(participant.drafts.exclude(photo="").values_list("photo", flat=True))
    for owner in [participant, *stories]:
        for name in owner.IMAGES:
            if image := getattr(owner, name):
                names.add(image.name)
            names.update(((owner.renditions or {}).get(name) or {}).get("files", []))
    # Renditions live under a folder per row (images.access reads whose they are from
    # it); a file there no row lists, left by a crash, is theirs all the same.
    for label, pk in [(Participant._meta.label_lower, participant.pk)] + [
        (Story._meta.label_lower, pk) for pk in ids
    ]:
        names.update(_stored_under(f"renditions/{label}/{pk}"))
    # Pictures older revisions name, if still stored and no one else's story shows them.
    named = {str(old) for v in versions if (old := saved_fields(v).get("hero_image"))}
    shown = Story.objects.filter(hero_image__in=named - names).exclude(pk__in=ids)
    left = named - names - set(shown.values_list("hero_image", flat=True))
    names.update(name for name in left if default_storage.exists(name))
    return sorted(name for name in names if name)


def _stored_under(folder: str) -> list[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # on disk, a folder never made; a bucket lists nothing instead
        return []
    names = [posixpath.join(folder, name) for name in files]
    for name in folders:
        names += _stored_under(posixpath.join(folder, name))
    return names


@dataclass
class ErasureReport:
    erasure: Erasure
    removed: dict[str, int]
    mentions: list[Mention]
    files_not_deleted: list[str] = field(default_factory=list)


def erase_participant(*, participant: Participant, by) -> ErasureReport:
    """Remove `participant` and everything held about them, in one transaction.

    `by` is the editor doing it (who must hold participants.change_consent), or
    None for an operator running `manage.py erase_participant`.

    Side effects, all in this body:
    - rows: their stories and with them the stories' outcomes, partner roles,
      share links, sign-offs, status changes, theme and tag links and search
      documents; every revision of those stories (and revisions naming them of
      stories already deleted or since given to someone else; a revision left
      with no story goes whole); share links made for them and their answers
      on stories since given to someone else (cascades reach only their own
      stories'); the admin log about them and their stories, and on any story
      what names them or a link of theirs; their consent history and cohort
      memberships, their invitations, the emails written to them and the
      drafts of stories begun on their page (all go with the participant), and
      the emails to staff about them or their stories;
      tags only their stories used; then the participant. One `Erasure` row
      (id, by, at) is written.
    - search: on SQLite the FTS5 index is merged, so the deleted text leaves
      its shadow tables too (a delete alone leaves the words in old segments);
      the words of their stories and name that no other story has leave the
      vocabulary that misspellings are corrected to (stories.search.forgetting).
    - page cache: the content version is renewed, so no page cached before
      shows them again.
    - files: their pictures, their drafts' photos, renditions and their stories' evidence
      files leave the storage (disk or bucket) once the transaction commits. The rows
      stop naming the pictures first, so
      the images app's delete signal finds nothing to remove while a rollback
      could still bring the rows back. Files that cannot be deleted are listed
      in the report and logged.
    - other people's records that name them are listed in the report, not changed.
    """
    if by is not None and not may_handle_personal_data(by):
        raise PermissionDenied("Only an editor who records consent may erase a person.")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        plan = plan_erasure(participant)
        own = [story.pk for story in plan.stories]
        # What their stories' search text held, and their name however it is written.
        their_words = [
            text
            for row in SearchDocument.objects.filter(story_id__in=own).values_list(
                "names", "context", "body"
            )
            for text in row
        ] + [participant.name, participant.job_title, participant.bio]
        _delete_revisions(plan.versions)
        LogEntry.objects.filter(pk__in=plan.log_entry_ids).delete()
        # On stories now about someone else too: cascades reach only their own stories'.
        SignOff.objects.filter(pk__in=plan.sign_off_ids).delete()
        Notification.objects.filter(pk__in=plan.staff_email_ids).delete()
        ShareLink.objects.filter(pk__in=plan.link_ids).delete()
        Story.objects.filter(pk__in=own).update(hero_image="", renditions={})
        Participant.objects.filter(pk=participant.pk).update(photo="", renditions={})
        Story.objects.filter(pk__in=own).delete()
        Tag.objects.filter(pk__in=plan.tag_ids).delete()
        Participant.objects.filter(pk=participant.pk).delete()
        _merge_search_index()
        forget(their_words)
        erasure = Erasure.objects.create(participant_id=participant.pk, by=by)
        bump()
        report = ErasureReport(erasure=erasure, removed=plan.counts, mentions=plan.mentions)
        transaction.on_commit(lambda: _delete_files(plan.files, report), robust=True)
    return report


def _delete_revisions(versions: list[Version]) -> None:
    """Remove these story versions with the rows saved beside them; a revision left
    with no story goes whole."""
    removed = defaultdict(set)  # revision id -> story ids
    for version in versions:
        removed[version.revision_id].add(int(version.object_id))
    story_type = ContentType.objects.get_for_model(Story)
    kept = set(
        Version.objects.filter(revision_id__in=removed, content_type=story_type)
        .exclude(pk__in=[version.pk for version in versions])
        .values_list("revision_id", flat=True)
    )
    Revision.objects.filter(pk__in=set(removed) - kept).delete()
    for revision_id in kept:  # a revision that also saved someone else's story
        rows = list(Version.objects.filter(revision_id=revision_id).select_related("content_type"))
        others = {int(v.object_id) for v in rows if label_of(v) == "stories.story"}
        others -= removed[revision_id]
        theirs = {v.pk for pk in removed[revision_id] for v in rows_of(rows, pk)}
        still_named = {v.pk for pk in others for v in rows_of(rows, pk)}
        Version.objects.filter(pk__in=theirs - still_named).delete()


def _merge_search_index() -> None:
    """On SQLite, rewrite the FTS5 index so deleted documents' words leave it too."""
    if connection.vendor == "sqlite":
        table = connection.ops.quote_name(SqliteSearchIndex._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def _delete_files(names: list[str], report: ErasureReport) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Erasure %s: could not delete %s", report.erasure.pk, name)
            report.files_not_deleted.append(name)
