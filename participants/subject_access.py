"""Everything held about one participant, in one zip: their right of access (UK GDPR art. 15).

Reads only. The finders here say where a person's data is; the export shows all
of it to them and erasure (participants.erasure) removes the same rows, so the
two cannot drift apart. Stories import participants' models, and this module
stands above both, as participants.admin does.
"""

import io
import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from zipfile import ZIP_DEFLATED, ZipFile

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import FileField, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from impactcms.dates import local_datetime
from participants.models import CONSENT_FIELDS, ConsentChange, Participant
from stories.models import Outcome, ShareLink, SignOff, StatusChange, Story, StoryPartner

# Who may download or erase a person's data: editors, who record consent.
PERSONAL_DATA_PERMISSION = "participants.change_consent"
# Rows saved with a story in each of its revisions, and the field naming that story.
FOLLOWERS = {
    "stories.storypartner": "story",
    "stories.outcome": "story",
    "stories.taggedstory": "content_object",
}
# The names saved beside them, and the field of the row that points at each.
NAMED_BY = {
    "stories.theme": ("stories.story", "themes"),
    "participants.organisation": ("stories.storypartner", "organisation"),
    "taggit.tag": ("stories.taggedstory", "tag"),
}
ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
# A story's own rows, in plain words: each goes with the story.
STORY_ROWS = {
    Outcome: "outcomes",
    StoryPartner: "partner roles",
    ShareLink: "share links",
    SignOff: "sign-offs",
    StatusChange: "status changes",
}


def may_handle_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


# --- Where a person's data is ------------------------------------------------------


def saved_fields(version: Version) -> dict:
    """The row a version holds, as serialized (no model needed, so old formats read too)."""
    return json.loads(version.serialized_data)[0]["fields"]


def _participant(version: Version) -> int | None:
    return saved_fields(version).get("participant")


def story_versions(participant: Participant) -> list[Version]:
    """Every stored revision of a story about them, oldest first.

    All revisions of their stories now; of any other story, each revision that
    names them (found by their id in the saved row); and of a story of theirs
    since deleted, also its revisions that named no one yet.
    """
    stories = Version.objects.get_for_model(Story).select_related("revision__user")
    own = {str(pk) for pk in participant.stories.values_list("pk", flat=True)}
    naming = Q()
    for separator in (": ", ":"):
        naming |= Q(serialized_data__contains=f'"participant"{separator}{participant.pk}')
    found = {v.pk: v for v in stories.filter(Q(object_id__in=own) | naming)}
    for version in list(found.values()):
        if version.object_id not in own and _participant(version) != participant.pk:
            del found[version.pk]  # "participant": 7 also matched 70
    named = {v.object_id for v in found.values()}
    living = Story.objects.filter(pk__in=[int(pk) for pk in named]).values_list("pk", flat=True)
    gone = named - {str(pk) for pk in living}
    for version in stories.filter(object_id__in=gone):
        if _participant(version) is None:
            found[version.pk] = version
    return sorted(found.values(), key=lambda v: (v.revision.date_created, v.pk))


def story_ids(participant: Participant, versions: list[Version]) -> set[int]:
    """Their stories now, and those their revisions show were theirs and are deleted."""
    ids = set(participant.stories.values_list("pk", flat=True))
    named = {int(version.object_id) for version in versions}
    return ids | (named - set(Story.objects.filter(pk__in=named).values_list("pk", flat=True)))


def label_of(version: Version) -> str:
    return f"{version.content_type.app_label}.{version.content_type.model}"


def saved_with(version: Version, story_id: int) -> bool:
    """Whether a version is that story, or one of its rows saved with it (partner, outcome,
    tag link)."""
    if label_of(version) == "stories.story":
        return int(version.object_id) == story_id
    field = FOLLOWERS.get(label_of(version))
    return field is not None and saved_fields(version)[field] == story_id


def rows_of(revision: list[Version], story_id: int) -> list[Version]:
    """A story's rows in one revision, and the names of the themes, organisations and
    tags they point at (saved beside them so a revision reads right after a rename)."""
    own = [version for version in revision if saved_with(version, story_id)]
    named = defaultdict(set)
    for version in own:
        for label, (by, field) in NAMED_BY.items():
            if label_of(version) == by:
                value = saved_fields(version)[field]
                named[label].update(value if isinstance(value, list) else [value])
    return own + [v for v in revision if int(v.object_id) in named.get(label_of(v), ())]


def log_entries(participant: Participant, stories: set[int]):
    """The admin's log of changes to them, their consent history and their stories."""
    ids = {
        Participant: [participant.pk],
        ConsentChange: participant.consent_changes.values_list("pk", flat=True),
        Story: stories,
    }
    for model in STORY_ROWS:
        ids[model] = model.objects.filter(story_id__in=stories).values_list("pk", flat=True)
    about = Q(pk__in=[])
    types = ContentType.objects.get_for_models(*ids)
    for model, pks in ids.items():
        about |= Q(content_type=types[model], object_id__in=[str(pk) for pk in pks])
    return LogEntry.objects.filter(about).select_related("user", "content_type")


@dataclass(frozen=True)
class Mention:
    """Somewhere outside their own records that names them: another's story or bio."""

    kind: str
    label: str
    fields: tuple[str, ...]
    model: type
    pk: int

    @property
    def admin_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.pk])

    def as_dict(self) -> dict:
        return {"what": self.kind, "which": self.label, "where in it": list(self.fields)}


MENTION_FIELDS = {Story: ("title", "summary", "pull_quote", "body"), Participant: ("bio",)}


def mentions(participant: Participant) -> list[Mention]:
    """Other people's stories and profiles that use their name. Listed, never changed."""
    others = {
        Story: Story.objects.exclude(participant=participant),
        Participant: Participant.objects.exclude(pk=participant.pk),
    }
    name = participant.name.lower()
    found = []
    if not name.strip():
        return found
    for model, rows in others.items():
        fields = MENTION_FIELDS[model]
        naming = Q(pk__in=[])
        for field in fields:
            naming |= Q(**{f"{field}__icontains": participant.name})
        for row in rows.filter(naming).order_by("pk"):
            found.append(
                Mention(
                    kind=str(model._meta.verbose_name),
                    label=str(row),
                    fields=tuple(f for f in fields if name in getattr(row, f).lower()),
                    model=model,
                    pk=row.pk,
                )
            )
    return found


# --- The export ---------------------------------------------------------------------


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, FieldFile):
            return o.name or None
        return super().default(o)


def _row(obj, *, leave_out=()) -> dict:
    """Every stored field of `obj`, by column name, bar the list of resized copies of its
    pictures (file names the app made; the pictures themselves are in pictures/)."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in {*leave_out, "renditions"}
    }


def _user(user) -> str | None:
    return user.get_username() if user else None


def _wording(wording) -> dict | None:
    return {"version": wording.version, "text": wording.text} if wording else None


def _consent(participant: Participant) -> dict:
    changes = participant.consent_changes.select_related("by", "wording").order_by("at", "id")
    return {
        "now": {name: getattr(participant, name) for name in CONSENT_FIELDS}
        | {"consent_wording": _wording(participant.consent_wording)},
        "history": [
            {
                "at": change.at,
                "by": _user(change.by),
                "changes": change.changes,
                "wording": _wording(change.wording),
                "withdrawal": change.withdrawal,
                "note": change.note,
            }
            for change in changes
        ],
    }


def _story(story: Story) -> dict:
    return _row(story) | {
        "themes": [theme.name for theme in story.themes.all()],
        "tags": [tag.name for tag in story.tags.all()],
        "partners": [
            {"organisation": p.organisation.name, "role": p.role, "order": p.order}
            for p in story.partnerships.select_related("organisation")
        ],
        "outcomes": [_row(outcome, leave_out={"story"}) for outcome in story.outcomes.all()],
        "status history": [
            {"at": c.at, "from": c.from_status, "to": c.to_status, "by": _user(c.by)}
            for c in story.status_changes.select_related("by").order_by("at", "id")
        ],
        "sign-offs": [_row(s, leave_out={"story"}) for s in story.sign_offs.order_by("at", "id")],
        # Never the key: it would open the draft to whoever reads the export.
        "share links": [
            {
                "for": link.label,
                "sent to": link.sent_to,
                "created at": link.created_at,
                "created by": _user(link.created_by),
                "expires at": link.expires_at,
                "revoked at": link.revoked_at,
            }
            for link in story.share_links.select_related("created_by").order_by("created_at")
        ],
    }


def _revisions(versions: list[Version], story_id: int) -> list[dict]:
    """The story's revisions, oldest first, with the rows saved with it each time."""
    return [
        {
            "saved at": version.revision.date_created,
            "by": _user(version.revision.user),
            "comment": version.revision.comment,
            "rows": [
                json.loads(row.serialized_data)[0]
                for row in rows_of(
                    list(version.revision.version_set.select_related("content_type")), story_id
                )
            ],
        }
        for version in versions
        if int(version.object_id) == story_id
    ]


def _log(entries) -> list[dict]:
    return [
        {
            "at": entry.action_time,
            "by": _user(entry.user),
            "what": f"{entry.content_type.name} #{entry.object_id}",
            "shown as": entry.object_repr,
            "action": ACTIONS.get(entry.action_flag, str(entry.action_flag)),
            "message": entry.get_change_message(),
        }
        for entry in entries.order_by("action_time", "pk")
    ]


def _pictures(participant: Participant, stories: list[Story]) -> dict[str, str]:
    """Original pictures: name inside the zip -> name in storage."""
    originals = {}
    for owner, plain in [(participant, "photo"), *((s, f"story-{s.slug}-hero") for s in stories)]:
        for field in owner._meta.concrete_fields:
            if isinstance(field, FileField) and (image := getattr(owner, field.name)):
                extension = posixpath.splitext(image.name)[1]
                originals[f"pictures/{plain}{extension}"] = image.name
    return originals


def _json(archive: ZipFile, name: str, data) -> None:
    archive.writestr(name, json.dumps(data, cls=_Encoder, indent=2, ensure_ascii=False) + "\n")


def export_participant(participant: Participant, target=None) -> bytes | None:
    """Everything held about `participant` as a zip: returned as bytes, or written to
    `target` (a path or a binary file object) when one is given.

    Their record, consent history with the wording of each version agreed to,
    their stories (drafts too) with everything attached, every stored revision,
    the admin's log about them, their original pictures, the places elsewhere
    that name them, and README.txt saying all this in plain words.
    """
    buffer = io.BytesIO() if target is None else None
    # One transaction, so every part agrees (on SQLite, saves wait the moment it takes).
    with transaction.atomic(), ZipFile(buffer or target, "w", ZIP_DEFLATED) as archive:
        participant = Participant.objects.select_related("organisation").get(pk=participant.pk)
        stories = list(participant.stories.order_by("created_at", "pk"))
        versions = story_versions(participant)
        ids = story_ids(participant, versions)
        record = _row(participant)
        record["organisation"] = str(participant.organisation or "") or None
        record["cohorts"] = [str(cohort) for cohort in participant.cohorts.all()]
        _json(archive, "person.json", record)
        _json(archive, "consent.json", _consent(participant))
        for story in stories:
            _json(archive, f"stories/{story.slug}/story.json", _story(story))
            _json(archive, f"stories/{story.slug}/revisions.json", _revisions(versions, story.pk))
        earlier = sorted({int(v.object_id) for v in versions} - {story.pk for story in stories})
        for story_id in earlier:
            revisions = _revisions(versions, story_id)
            _json(archive, f"earlier-stories/{story_id}/revisions.json", revisions)
        _json(archive, "admin-log.json", _log(log_entries(participant, ids)))
        elsewhere = mentions(participant)
        _json(archive, "mentioned-elsewhere.json", [m.as_dict() for m in elsewhere])
        pictures = []
        for inside, stored in _pictures(participant, stories).items():
            try:
                with default_storage.open(stored, "rb") as source:
                    archive.writestr(inside, source.read())
            except FileNotFoundError:
                continue  # a row naming a file lost from storage: nothing to show
            pictures.append(inside)
        archive.writestr("README.txt", summary(participant, stories, earlier, pictures, elsewhere))
    return buffer.getvalue() if buffer is not None else None


def summary(participant, stories, earlier, pictures, elsewhere) -> str:
    """README.txt: what is held and where it shows, in words anyone can read."""
    public = set(Story.objects.public().filter(pk__in=[s.pk for s in stories]))
    profile = Participant.objects.public().filter(pk=participant.pk).exists()
    problem = participant.consent_problem
    lines = [
        f"Everything Impact CMS holds about {participant.name}",
        f"Made on {local_datetime(timezone.now())}.",
        "",
        "CONSENT",
        "Consent stands: their stories may appear on the website."
        if problem is None
        else f"Not on the website: {problem}",
        f"Agreed to: {participant.get_consent_scope_display().lower()}; to be named: "
        f"{_yes(participant.consent_name)}; photo shown: {_yes(participant.consent_photo)}; "
        f"quoted: {_yes(participant.consent_quotes)}; until: "
        f"{participant.consent_expires_on or 'no end date'}.",
        "Every change to their consent, with the exact wording agreed, is in consent.json.",
        "",
        "WHERE THEY APPEAR IN PUBLIC NOW",
        f"Their page: {participant.get_absolute_url()}" if profile else "No public page.",
        *(f"Story: {story.title}, at {story.get_absolute_url()}" for story in public),
        *([] if public else ["No public story."]),
        "",
        "WHAT IS HELD",
        "person.json: their record (name, job, organisation, cohorts, biography, photo, consent).",
        f"stories/: {len(stories)} stories about them, drafts included, each with its "
        "outcomes, partners, themes, tags, status history, sign-offs and share links "
        "(story.json) and every saved revision (revisions.json):",
        *(
            f"  {story.title} ({'public' if story in public else story.get_status_display()})"
            for story in stories
        ),
        *(
            [
                f"earlier-stories/: the saved revisions of {len(earlier)} more stories from when "
                "they were about them (since deleted, or now about someone else)."
            ]
            if earlier
            else []
        ),
        "admin-log.json: what staff changed about them and their stories, when and who.",
        f"pictures/: {len(pictures)} original pictures (their photo and story pictures).",
        "",
        "NAMED ELSEWHERE (other people's stories or profiles; mentioned-elsewhere.json)",
        *(f"{m.kind.capitalize()}: {m.label} ({', '.join(m.fields)})" for m in elsewhere),
        *([] if elsewhere else ["Nowhere else."]),
    ]
    return "\n".join(lines) + "\n"


def _yes(value: bool) -> str:
    return "yes" if value else "no"
