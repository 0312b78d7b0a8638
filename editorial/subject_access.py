"""Everything held about one participant, in one zip: their right of access (UK GDPR art. 15).

Reads only. The finders here say where a person's data is; the export shows all
of it to them and erasure (editorial.erasure) removes the same rows, so the
two cannot drift apart. Erasure removes a little more: the whole history of the
stories it deletes, and links that may be theirs or another's (Sharing), which
no export shows. Stories import participants' models, and this module stands
above both, as editorial.admin.people does.
"""

import io
import itertools
import json
import posixpath
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zipfile import ZIP_DEFLATED, ZipFile

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import FileField, Prefetch, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from common.dates import local_datetime
from notifications.models import Notification, TurnedOff
from participants.models import CONSENT_FIELDS, ConsentChange, Organisation, Participant
from stories.models import (
    Evidence,
    Outcome,
    ShareLink,
    SignOff,
    StatusChange,
    Story,
    StoryPartner,
)

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


@dataclass(frozen=True)
class Timeline:
    """Whom a story was about over time, as its saved revisions show."""

    saved: list[datetime]  # when each revision was saved, oldest first
    about: list[int | None]  # the participant each names
    now: int | None  # its participant now (None for a deleted story)

    def at(self, moment: datetime) -> int | None:
        """Whom it was about at `moment`: as the last revision saved by then says (the
        first, for a moment before any), or as it is now when no revision was kept."""
        if not self.saved:
            return self.now
        return self.about[max(bisect_right(self.saved, moment) - 1, 0)]

    def sure_at(self, moment: datetime) -> bool:
        """Whether a revision had been saved by `moment`, so what `at` says was seen."""
        return bool(self.saved) and self.saved[0] <= moment


def timelines(story_ids) -> dict[int, Timeline]:
    """The timeline of each of these stories, living or deleted, from two queries."""
    keys = [str(pk) for pk in story_ids]
    saved = defaultdict(list)
    for object_id, at, _pk, data in (
        Version.objects.get_for_model(Story)
        .filter(object_id__in=keys)
        .values_list("object_id", "revision__date_created", "pk", "serialized_data")
        .order_by("revision__date_created", "pk")
    ):
        saved[int(object_id)].append((at, json.loads(data)[0]["fields"].get("participant")))
    now = dict(Story.objects.filter(pk__in=story_ids).values_list("pk", "participant_id"))
    return {
        pk: Timeline([at for at, _ in saved[pk]], [who for _, who in saved[pk]], now.get(pk))
        for pk in story_ids
    }


# --- Share links made for them, and their answers ---------------------------------


def _recorded(row) -> int | None:
    """Whom a link or answer says it was for (`participant`, set as each is made), or
    None where it says no one, or the site's rows do not say."""
    return getattr(row, "participant_id", None)


def _whose(recorded: int | None, line: Timeline, moment: datetime) -> set[int]:
    """Whom a link or answer may be for: whom it records, and whom the story's revisions
    say the story was about at the time. These disagree only for a row made before rows
    recorded it, filled in then with whom the story was about that day, though it had
    been someone else's before: both are named, and the row is shown to neither."""
    then = line.at(moment)
    if recorded is None:
        return {then} - {None}
    if line.sure_at(moment) and then not in (None, recorded):
        return {recorded, then}
    return {recorded}


@dataclass
class Sharing:
    """The share links made for a person and the answers they gave, on any story."""

    links: list[ShareLink]
    sign_offs: list[SignOff]
    # Made for them or for someone else, the witnesses disagree (see _whose): shown to
    # no one, erased with either.
    disputed_links: list[ShareLink] = field(default_factory=list)
    disputed_sign_offs: list[SignOff] = field(default_factory=list)
    # Links on the same stories for anyone else, by story: their "for", as the admin's
    # log quotes it ("Created a share link for Ann, to approve.").
    others_labels: dict[int, set[str]] = field(default_factory=dict)

    @property
    def every_link(self) -> list[ShareLink]:
        """What erasure removes: theirs, and those that may be."""
        return [*self.links, *self.disputed_links]

    @property
    def every_sign_off(self) -> list[SignOff]:
        return [*self.sign_offs, *self.disputed_sign_offs]

    @property
    def labels(self) -> set[str]:
        return {link.label for link in self.links if link.label}

    @property
    def addresses(self) -> set[str]:
        rows = [*self.every_link, *self.every_sign_off]
        return {row.sent_to.lower() for row in rows if row.sent_to}


def their_sharing(participant: Participant, lines: dict[int, Timeline]) -> Sharing:
    """Links and answers on the stories in `lines` made for them (see _whose).

    The label and the address a link was sent to say nothing sure: a story given
    to someone else keeps the links and answers of the one it was about before,
    and an address may be shared.
    """
    me = participant.pk
    links = ShareLink.objects.filter(story_id__in=lines).select_related("created_by")
    whose_link = {
        link: _whose(_recorded(link), lines[link.story_id], link.created_at)
        for link in links.order_by("created_at", "pk")
    }
    recorded_by_link = {link.pk: _recorded(link) for link in whose_link}
    whose_answer = {}
    for answer in SignOff.objects.filter(story_id__in=lines).order_by("at", "pk"):
        recorded = _recorded(answer) or recorded_by_link.get(answer.share_link_id)
        whose_answer[answer] = _whose(recorded, lines[answer.story_id], answer.at)
    sharing = Sharing(
        links=[link for link, whose in whose_link.items() if whose == {me}],
        sign_offs=[answer for answer, whose in whose_answer.items() if whose == {me}],
        disputed_links=[link for link, whose in whose_link.items() if _disputed(whose, me)],
        disputed_sign_offs=[a for a, whose in whose_answer.items() if _disputed(whose, me)],
    )
    theirs = sharing.labels
    for link, whose in whose_link.items():
        if whose != {me} and link.label and link.label not in theirs:
            sharing.others_labels.setdefault(link.story_id, set()).add(link.label)
    return sharing


def _disputed(whose: set[int], me: int) -> bool:
    return me in whose and len(whose) > 1


def records_whom(model) -> bool:
    """Whether the site's links and answers say whom each was for (see _recorded)."""
    return any(column.name == "participant" for column in model._meta.concrete_fields)


def stories_shared_with(participant: Participant) -> set[int]:
    """Stories with a link or answer that records it was for them."""
    found = set()
    for model in (ShareLink, SignOff):
        if records_whom(model):
            rows = model.objects.filter(participant=participant)
            found.update(rows.values_list("story_id", flat=True))
    return found


# --- All of it, found once -----------------------------------------------------------


@dataclass
class Held:
    """Where a person's data is: what the export shows and erasure removes."""

    participant: Participant
    versions: list[Version]  # story_versions()
    story_ids: set[int]  # their stories now, and deleted ones of theirs
    timelines: dict[int, Timeline]  # every story that was ever about them
    sharing: Sharing


def held_about(participant: Participant) -> Held:
    versions = story_versions(participant)
    ids = story_ids(participant, versions)
    touched = ids | {int(v.object_id) for v in versions} | stories_shared_with(participant)
    lines = timelines(touched)
    return Held(participant, versions, ids, lines, their_sharing(participant, lines))


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
        for label, (by, field_name) in NAMED_BY.items():
            if label_of(version) == by:
                value = saved_fields(version)[field_name]
                named[label].update(value if isinstance(value, list) else [value])
    return own + [v for v in revision if int(v.object_id) in named.get(label_of(v), ())]


def story_log(story_ids) -> QuerySet:
    """Every entry of the admin's log about these stories and the rows that hang off them."""
    types = ContentType.objects.get_for_models(Story, *STORY_ROWS)
    about = Q(content_type=types[Story], object_id__in=[str(pk) for pk in story_ids])
    for model in STORY_ROWS:
        pks = model.objects.filter(story_id__in=story_ids).values_list("pk", flat=True)
        about |= Q(content_type=types[model], object_id__in=[str(pk) for pk in pks])
    return LogEntry.objects.filter(about).select_related("user", "content_type")


def log_entries(held: Held) -> list[LogEntry]:
    """The admin's log of changes to them and their consent history, and of each story
    while it was about them (by its revisions): with what names them or their link at
    any time, and never what names a link made for someone else."""
    participant, sharing = held.participant, held.sharing
    types = ContentType.objects.get_for_models(Participant, ConsentChange, *STORY_ROWS)
    consent = participant.consent_changes.values_list("pk", flat=True)
    about = Q(content_type=types[Participant], object_id=str(participant.pk))
    about |= Q(content_type=types[ConsentChange], object_id__in=[str(pk) for pk in consent])
    found = list(LogEntry.objects.filter(about).select_related("user", "content_type"))
    theirs = {
        (types[model].pk, str(row.pk))
        for model, rows in ((ShareLink, sharing.links), (SignOff, sharing.sign_offs))
        for row in rows
    }
    story_of = {}  # (content type, object id) of a story's row -> the story
    for model in STORY_ROWS:
        for pk, story_id in model.objects.filter(story_id__in=held.timelines).values_list(
            "pk", "story_id"
        ):
            story_of[(types[model].pk, str(pk))] = story_id
    name, labels = participant.name, sharing.labels
    for entry in story_log(held.timelines):
        key = (entry.content_type_id, entry.object_id)
        story_id = story_of.get(key) or int(entry.object_id)
        text = f"{entry.object_repr}\n{entry.change_message}"
        if key in theirs or names_them(text, name) or quotes_a_link(text, labels):
            found.append(entry)
        elif entry.content_type.model_class() in (ShareLink, SignOff):
            continue  # a link or answer of someone else's
        elif quotes_a_link(text, sharing.others_labels.get(story_id, ())):
            continue
        elif held.timelines[story_id].at(entry.action_time) == participant.pk:
            found.append(entry)
    return sorted(found, key=lambda entry: (entry.action_time, entry.pk))


def quotes_a_link(text: str, labels) -> bool:
    """Whether a log message is about a link for one of `labels` (as editorial.admin.sharing
    words it: "Created a share link for Ann, to approve.")."""
    folded = _folded(text)
    return any(f"share link for {_folded(label)}." in folded for label in labels)


# --- Their name elsewhere ------------------------------------------------------------


def _folded(text: str) -> str:
    """Text as compared: one form of each accented letter, case folded (Ø as ø, ß as ss)."""
    return unicodedata.normalize("NFKC", text).casefold()


def _name_pattern(name: str) -> re.Pattern:
    """Their name as whole words, in any case, its words apart by a space, dot, hyphen
    or underscore (so an address, ann.lee@…, counts): "Ann" is not in "Annabel's"."""
    words = _folded(name).split()
    between = r"(?:[\s._-]|&nbsp;)+"
    return re.compile(r"(?<!\w)" + between.join(map(re.escape, words)) + r"(?!\w)")


def names_them(text: str, name: str) -> bool:
    return bool(name.strip()) and _name_pattern(name).search(_folded(text)) is not None


def _coarse_terms(name: str) -> set[str]:
    """What the database is asked for before Python reads a row word by word.

    SQLite folds only ASCII letters' case, so "ØRSTED" is not like "Ørsted" to it:
    the longest run of plain letters ("rsted") finds both, and the address
    orsted@… too. A name with no such run is asked for as typed and in its
    usual cases (PostgreSQL folds every letter, so there any one finds all).
    """
    longest = max(re.findall(r"[A-Za-z0-9]+", name), key=len, default="")
    if len(longest) >= 3:
        return {longest}
    spaced = " ".join(name.split())
    return {spaced, spaced.lower(), spaced.upper(), spaced.title()}


@dataclass(frozen=True)
class Mention:
    """Somewhere outside their own records that names them: another's story, profile or
    organisation (a story's outcomes, partners, links and answers count as the story)."""

    kind: str
    label: str  # its title or name, for staff
    fields: tuple[str, ...]
    model: type
    pk: int
    public: bool  # whether the public may see it now

    @property
    def admin_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.pk])

    @property
    def shown_as(self) -> str:
        """What an export says of it: another's draft or hidden profile is not named,
        since the match may be another person of the same name, or no person at all."""
        return self.label if self.public else f"one not public ({self.kind} #{self.pk})"

    def as_dict(self) -> dict:
        return {"what": self.kind, "which": self.shown_as, "where in it": list(self.fields)}


# The fields searched, of each model, and the record a match is reported under.
MENTION_FIELDS = {
    Story: ("title", "summary", "pull_quote", "body", "hero_image_alt"),
    Outcome: ("description", "verified_by", "contribution", "significance"),
    Evidence: ("description",),
    StoryPartner: ("role",),
    ShareLink: ("label", "sent_to"),
    SignOff: ("comment", "link_label", "sent_to"),
    Participant: ("bio", "job_title", "photo_alt"),
    Organisation: ("description",),
}
REPORTED_UNDER = {
    Outcome: Story,
    Evidence: Story,
    StoryPartner: Story,
    ShareLink: Story,
    SignOff: Story,
}
# The story a row reported under a story belongs to, when not its own `story`.
STORY_OF = {Evidence: "outcome__story_id"}


def mentions(participant: Participant, sharing: Sharing | None = None) -> list[Mention]:
    """Other people's stories and profiles, and organisations, that use their name.
    Listed, never changed; the links and answers erasure removes with them
    (`sharing`) are not listed.

    Cost: one query per kind of record, a substring scan of its text fields
    (`LIKE`: no index helps) that the database makes without handing rows to
    Python; Python then reads, a row at a time, only the rows that hold a term,
    and looks for the name as words: for a surname on a site of 100,000
    stories, a handful of rows, never every one.
    """
    if not participant.name.strip():
        return []
    others = {
        Story: Story.objects.exclude(participant=participant),
        Outcome: Outcome.objects.exclude(story__participant=participant),
        Evidence: Evidence.objects.exclude(outcome__story__participant=participant),
        StoryPartner: StoryPartner.objects.exclude(story__participant=participant),
        ShareLink: ShareLink.objects.exclude(story__participant=participant).exclude(
            pk__in=[link.pk for link in (sharing.every_link if sharing else ())]
        ),
        SignOff: SignOff.objects.exclude(story__participant=participant).exclude(
            pk__in=[answer.pk for answer in (sharing.every_sign_off if sharing else ())]
        ),
        Participant: Participant.objects.exclude(pk=participant.pk),
        Organisation: Organisation.objects.all(),
    }
    pattern, terms = _name_pattern(participant.name), _coarse_terms(participant.name)
    found = defaultdict(dict)  # (model, pk) -> where in it, in order
    for model, rows in others.items():
        owner, fields = REPORTED_UNDER.get(model), MENTION_FIELDS[model]
        coarse = Q(pk__in=[])
        for field_name, term in itertools.product(fields, terms):
            coarse |= Q(**{f"{field_name}__icontains": term})
        key = STORY_OF.get(model, "story_id") if owner else "pk"
        for pk, *values in rows.filter(coarse).values_list(key, *fields).iterator():
            for field_name, value in zip(fields, values, strict=True):
                if pattern.search(_folded(value)):
                    where = f"{model._meta.verbose_name} {field_name}" if owner else field_name
                    found[(owner or model, pk)][where.replace("_", " ")] = None
    return _mentioned(found)


def _mentioned(found: dict) -> list[Mention]:
    listed = []
    for model in (Story, Participant, Organisation):
        pks = sorted(pk for kind, pk in found if kind is model)
        public = set(model.objects.public().filter(pk__in=pks).values_list("pk", flat=True))
        for row in model.objects.filter(pk__in=pks).order_by("pk"):
            listed.append(
                Mention(
                    kind=str(model._meta.verbose_name),
                    label=str(row),
                    fields=tuple(found[(model, row.pk)]),
                    model=model,
                    pk=row.pk,
                    public=row.pk in public,
                )
            )
    return listed


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


def _invitations(participant: Participant) -> list[dict]:
    """Their links to their page; never the hash of a link's secret."""
    return [
        {
            "sent_to": invitation.sent_to,
            "created_at": invitation.created_at,
            "created_by": _user(invitation.created_by),
            "expires_at": invitation.expires_at,
            "used_at": invitation.used_at,
            "revoked_at": invitation.revoked_at,
        }
        for invitation in participant.invitations.select_related("created_by").order_by(
            "created_at", "pk"
        )
    ]


def _drafts(participant: Participant) -> list[dict]:
    """What they wrote in "Tell your story" on their page, submitted or not."""
    return [
        _row(draft, leave_out={"participant"})
        for draft in participant.drafts.order_by("created_at", "pk")
    ]


def emails_to_staff_about(participant: Participant, stories) -> QuerySet:
    """Emails to staff about them or their stories (submitted, answered, consent changed
    or ending…): each carries the admin address of the participant or of the story,
    beside their name and words."""
    paths = [reverse("admin:participants_participant_change", args=[participant.pk])]
    paths += [reverse("admin:stories_story_change", args=[story.pk]) for story in stories]
    about = Q()
    for path in paths:
        about |= Q(body_text__contains=path)
    return Notification.objects.filter(about).exclude(to_participant=participant)


def _emails_about(participant: Participant, stories) -> list[dict]:
    """What staff were emailed about them: never to whom (another person's address)."""
    return [
        {
            "event": note.event,
            "subject": note.subject,
            "created_at": note.created_at,
            "body_text": note.body_text,
        }
        for note in emails_to_staff_about(participant, stories).order_by("created_at", "pk")
    ]


def _email_choices(participant: Participant) -> list[dict]:
    """The optional emails they turned off (an unsubscribe link's work)."""
    return [
        {"turned off": row.event}
        for row in TurnedOff.objects.filter(participant=participant).order_by("event")
    ]


def _notifications(participant: Participant) -> list[dict]:
    """The emails written to them, as sent (or waiting to be)."""
    return [
        {
            "event": note.event,
            "to": note.to_address,
            "subject": note.subject,
            "created_at": note.created_at,
            "sent_at": note.sent_at,
            "status": note.get_status_display(),
            "body_text": note.body_text,
            "body_html": note.body_html,
        }
        for note in Notification.objects.filter(to_participant=participant).order_by(
            "created_at", "pk"
        )
    ]


def _story(story: Story, sharing: Sharing) -> dict:
    return (
        _row(story)
        | {
            "themes": [theme.name for theme in story.themes.all()],
            "tags": [tag.name for tag in story.tags.all()],
            "partners": [
                {"organisation": p.organisation.name, "role": p.role, "order": p.order}
                for p in story.partnerships.select_related("organisation")
            ],
            "outcomes": [_outcome(outcome, story) for outcome in _outcomes(story)],
            "status history": [
                {"at": c.at, "from": c.from_status, "to": c.to_status, "by": _user(c.by)}
                for c in story.status_changes.select_related("by").order_by("at", "id")
            ],
        }
        | _shared(sharing, story.pk)
    )


def _outcomes(story: Story):
    evidence = Evidence.objects.order_by("order", "pk")
    return story.outcomes.select_related("pathway_step").prefetch_related(
        Prefetch("evidence", queryset=evidence)
    )


def _outcome(outcome: Outcome, story: Story) -> dict:
    """An outcome's every field, its step on the pathway, and its evidence (public or
    not), each with where its file is in this export."""
    return _row(outcome, leave_out={"story"}) | {
        "pathway step": str(outcome.pathway_step) if outcome.pathway_step else None,
        "evidence": [
            _row(item, leave_out={"outcome"})
            | {"file in this export": _evidence_name(item, story) if item.file else None}
            for item in outcome.evidence.all()
        ],
    }


def _evidence_name(item: Evidence, story: Story) -> str:
    extension = posixpath.splitext(item.file.name)[1]
    return f"evidence/story-{story.slug}-evidence-{item.pk}{extension}"


def _evidence_files(stories: list[Story]) -> dict[str, str]:
    """Their stories' evidence files: name inside the zip -> name in storage."""
    by_pk = {story.pk: story for story in stories}
    items = Evidence.objects.filter(outcome__story__in=stories).exclude(file="")
    return {
        _evidence_name(item, by_pk[item.outcome.story_id]): item.file.name
        for item in items.select_related("outcome").order_by("pk")
    }


def _shared(sharing: Sharing, story_id: int) -> dict:
    """Their answers to the story and the links made for them: not those of anyone it
    was about before or since."""
    return {
        "sign-offs": [
            _row(answer, leave_out={"story"})
            for answer in sharing.sign_offs
            if answer.story_id == story_id
        ],
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
            for link in sharing.links
            if link.story_id == story_id
        ],
    }


def _revisions(versions: list[Version], story_id: int, *, about: int | None = None) -> list[dict]:
    """The story's revisions, oldest first, with the rows saved with it each time (only
    those naming the participant `about`, when given)."""
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
        if int(version.object_id) == story_id and (about is None or _participant(version) == about)
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
        for entry in entries
    ]


def _pictures(participant: Participant, stories: list[Story]) -> dict[str, str]:
    """Original pictures: name inside the zip -> name in storage."""
    originals = {}
    for draft in participant.drafts.exclude(photo="").order_by("pk"):
        extension = posixpath.splitext(draft.photo.name)[1]
        originals[f"pictures/draft-{draft.pk}-photo{extension}"] = draft.photo.name
    for owner, plain in [(participant, "photo"), *((s, f"story-{s.slug}-hero") for s in stories)]:
        for column in owner._meta.concrete_fields:
            if isinstance(column, FileField) and (image := getattr(owner, column.name)):
                extension = posixpath.splitext(image.name)[1]
                originals[f"pictures/{plain}{extension}"] = image.name
    return originals


def _copy_files(archive: ZipFile, files: dict[str, str]) -> list[str]:
    """Write each stored file into the zip under its name there; return those written."""
    written = []
    for inside, stored in files.items():
        try:
            with default_storage.open(stored, "rb") as source:
                archive.writestr(inside, source.read())
        except FileNotFoundError:
            continue  # a row naming a file lost from storage: nothing to show
        written.append(inside)
    return written


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
        held = held_about(participant)
        versions = held.versions
        record = _row(participant)
        record["organisation"] = str(participant.organisation or "") or None
        record["cohorts"] = [str(cohort) for cohort in participant.cohorts.all()]
        _json(archive, "person.json", record)
        _json(archive, "consent.json", _consent(participant))
        invitations = _invitations(participant)
        _json(archive, "invitations.json", invitations)
        emails = _notifications(participant)
        _json(archive, "emails.json", emails)
        drafts = _drafts(participant)
        _json(archive, "story-drafts.json", drafts)
        _json(archive, "emails-to-staff-about-them.json", _emails_about(participant, stories))
        _json(archive, "email-choices.json", _email_choices(participant))
        for story in stories:
            folder = f"stories/{story.slug}"
            _json(archive, f"{folder}/story.json", _story(story, held.sharing))
            # Only from while it was theirs: a story once someone else's keeps their words.
            theirs = _revisions(versions, story.pk, about=participant.pk)
            _json(archive, f"{folder}/revisions.json", theirs)
        earlier = sorted({int(v.object_id) for v in versions} - {story.pk for story in stories})
        for story_id in earlier:
            revisions = _revisions(versions, story_id)
            _json(archive, f"earlier-stories/{story_id}/revisions.json", revisions)
            shared = _shared(held.sharing, story_id)
            if any(shared.values()):
                _json(archive, f"earlier-stories/{story_id}/sharing.json", shared)
        _json(archive, "admin-log.json", _log(log_entries(held)))
        elsewhere = mentions(participant, held.sharing)
        _json(archive, "mentioned-elsewhere.json", [m.as_dict() for m in elsewhere])
        pictures = _copy_files(archive, _pictures(participant, stories))
        evidence = _copy_files(archive, _evidence_files(stories))
        archive.writestr(
            "README.txt",
            summary(
                participant,
                stories,
                earlier,
                pictures,
                elsewhere,
                invitations=len(invitations),
                emails=len(emails),
                drafts=len(drafts),
                evidence=len(evidence),
            ),
        )
    return buffer.getvalue() if buffer is not None else None


def summary(
    participant,
    stories,
    earlier,
    pictures,
    elsewhere,
    *,
    invitations: int = 0,
    emails: int = 0,
    drafts: int = 0,
    evidence: int = 0,
) -> str:
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
        "person.json: their record (name, email address, job, organisation, cohorts, biography, "
        "photo, consent).",
        f"invitations.json: {invitations} links to their own page: the address each was sent "
        "to, when it was made, when it expires, when it was opened and when it was shut.",
        f"emails.json: {emails} emails written to them: what about, the subject, when, "
        "whether sent, and the words of each.",
        f"story-drafts.json: {drafts} stories they began on their own page (“Tell your "
        "story”), with every answer as saved, submitted or not.",
        "emails-to-staff-about-them.json: what the programme team was emailed about them "
        "and their stories; email-choices.json: the emails they turned off.",
        f"stories/: {len(stories)} stories about them, drafts included, each with its "
        "outcomes (with how each was graded and checked, and its evidence), partners, themes, "
        "tags, status history, sign-offs and share links (story.json) and every saved "
        "revision (revisions.json):",
        *(
            f"  {story.title} ({'public' if story in public else story.get_status_display()})"
            for story in stories
        ),
        *(
            [
                f"earlier-stories/: the saved revisions of {len(earlier)} more stories from when "
                "they were about them (since deleted, or now about someone else), and the "
                "share links made for them and their answers then (sharing.json)."
            ]
            if earlier
            else []
        ),
        "admin-log.json: what staff changed about them and their stories, when and who.",
        f"pictures/: {len(pictures)} original pictures (their photo, story pictures and "
        "the photos of their drafts).",
        f"evidence/: {evidence} files uploaded as evidence of their stories' outcomes, "
        "public or not.",
        "",
        "NAMED ELSEWHERE (other people's stories or profiles, organisations; "
        "mentioned-elsewhere.json)",
        *(f"{m.kind.capitalize()}: {m.shown_as} ({', '.join(m.fields)})" for m in elsewhere),
        *([] if elsewhere else ["Nowhere else."]),
    ]
    return "\n".join(lines) + "\n"


def _yes(value: bool) -> str:
    return "yes" if value else "no"
