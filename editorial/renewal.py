"""What an editor's write renews: the dependency keys of what it changed, and no more.

Inside a write (pagecache.renewal: the services, the admin's writing pages, the
demo loader), the first write to a story, a person or an organisation notes
what the public saw of it before (its state: public or not, and the keys of
the pages that showed it); as the write ends, the same is read again, and:

- a story that was not public and is not now (a draft, a story in review, one
  scheduled for later) renews nothing: no public page showed it or shows it;
- one public before or after renews its own page, the listings, and the pages
  of its themes, tags, participant, organisations, cohorts and programmes, as
  they were and as they are (a theme it left shows it no more);
- the filter bars' choices (`options`) only when it came or went, or its themes,
  tags or participant changed;
- a person or organisation renews the same for every public story showing them.
  One shown on more than MANY stories renews everything (cheaper than listing).

An outcome's evidence is written through its story, as its outcome is.

Share links, sign-offs, notes, revisions and the workflow's history are not
public and renew nothing. A new theme, tag, cohort or programme renews nothing
(it shows only once a story or person carries it, a write noted here); one
edited or deleted is rare and renews everything.
"""

from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import Tag

from pagecache.dependencies import LISTING, OPTIONS, key
from pagecache.renewal import Block, current_block, explain
from participants.models import Cohort, Organisation, Participant, Programme
from stories.models import Evidence, Outcome, Story, StoryPartner, TaggedStory, Theme

MANY = 50


@dataclass(frozen=True)
class Seen:
    """What the public saw of one thing: whether it was shown, through which pages."""

    public: bool
    keys: frozenset[str]
    labels: frozenset[str] = frozenset()  # what the filter bars' choices come from
    too_many: bool = False
    # When it changes by itself: a publication or end time to come, a consent's last day.
    moments: tuple = ()


NOT_SHOWN = Seen(public=False, keys=frozenset())


def _moments_to_come(published: bool, starts, ends, consent_ends) -> tuple:
    """The moments still to come at which this changes in public by itself: only those
    move the page cache's schedule (pagecache.versions)."""
    if not published:
        return ()
    now, today = timezone.now(), timezone.localdate()
    return (
        starts if starts and starts > now else None,
        ends if ends and ends > now else None,
        consent_ends if consent_ends and consent_ends >= today else None,
    )


def _story_seen(pk: int) -> Seen:
    row = (
        Story.objects.filter(pk=pk)
        .values_list(
            "participant_id",
            "participant__organisation_id",
            "status",
            "published_at",
            "expires_at",
            "participant__consent_expires_on",
        )
        .first()
    )
    if row is None:
        return NOT_SHOWN
    participant_id, organisation_id, status, starts, ends, consent_ends = row
    moments = _moments_to_come(status == Story.Status.PUBLISHED, starts, ends, consent_ends)
    public = Story.objects.public().filter(pk=pk).exists()
    themes = Story.themes.through.objects.filter(story_id=pk).values_list("theme_id", flat=True)
    tags = TaggedStory.objects.filter(content_object_id=pk).values_list("tag_id", flat=True)
    partners = StoryPartner.objects.filter(story_id=pk).values_list("organisation_id", flat=True)
    cohorts = Participant.cohorts.through.objects.filter(participant_id=participant_id).values_list(
        "cohort_id", "cohort__programme_id"
    )
    labels = {key("theme", t) for t in themes} | {key("tag", t) for t in tags}
    if participant_id:
        labels.add(key("participant", participant_id))
    keys = set(labels) | {key("story", pk)}
    keys |= {key("organisation", o) for o in [organisation_id, *partners] if o}
    for cohort, programme in cohorts:
        # The filter bars offer the cohorts and programmes of public stories.
        labels |= {key("cohort", cohort), key("programme", programme)}
    keys |= labels
    return Seen(public=public, keys=frozenset(keys), labels=frozenset(labels), moments=moments)


def _stories_seen(stories, own: set[str], moments: tuple = ()) -> Seen:
    """What the public saw through these stories (a person's, an organisation's)."""
    public = Story.objects.public().filter(pk__in=stories.values("pk"))
    shown = list(public.values_list("pk", flat=True)[: MANY + 1])
    if len(shown) > MANY:
        return Seen(public=True, keys=frozenset(own), too_many=True)
    keys = set(own)
    labels = set()
    for pk in shown:
        seen = _story_seen(pk)
        keys |= seen.keys
        labels |= seen.labels
    return Seen(public=bool(shown), keys=frozenset(keys), labels=frozenset(labels), moments=moments)


def _participant_seen(pk: int) -> Seen:
    row = Participant.objects.filter(pk=pk).values_list("organisation_id", "consent_expires_on")
    organisation_id, consent_ends = row.first() or (None, None)
    own = {key("participant", pk)}
    if organisation_id:
        own.add(key("organisation", organisation_id))
    stories = Story.objects.filter(participant_id=pk)
    return _stories_seen(stories, own, moments=_moments_to_come(True, None, None, consent_ends))


def _organisation_seen(pk: int) -> Seen:
    stories = Story.objects.filter(participant__organisation_id=pk) | Story.objects.filter(
        partnerships__organisation_id=pk
    )
    return _stories_seen(stories, {key("organisation", pk)})


SEEN = {"story": _story_seen, "participant": _participant_seen, "organisation": _organisation_seen}


def _note(kind: str, pk) -> None:
    """Before the first write to this thing in the block: what the public saw of it."""
    block = current_block()
    if block is None or pk is None:
        return
    before = block.notes.setdefault(kind, {})
    if pk not in before:
        before[pk] = SEEN[kind](pk)


def plan(block: Block) -> set[str]:
    """The keys this block's writes changed (pagecache.renewal calls this as it ends)."""
    keys: set[str] = set()
    for kind, before in block.notes.items():
        if kind not in SEEN:
            continue
        for pk, was in before.items():
            now = SEEN[kind](pk)
            if was.too_many or now.too_many:
                block.everything = True
                return set()
            if was.moments != now.moments:
                block.reschedule = True
            if not (was.public or now.public):
                continue
            keys |= was.keys | now.keys | {LISTING}
            if was.public != now.public or was.labels != now.labels:
                keys.add(OPTIONS)
    return keys


# The receivers: each write names the story, person or organisation it changes.


def _story_of(instance) -> int | None:
    if isinstance(instance, Story):
        return instance.pk
    if isinstance(instance, TaggedStory):
        return instance.content_object_id
    if isinstance(instance, Evidence):
        # Through its outcome: the one in hand, or one query for its story's id.
        if Evidence.outcome.is_cached(instance):
            return instance.outcome.story_id
        outcome = Outcome._base_manager.filter(pk=instance.outcome_id)
        return outcome.values_list("story_id", flat=True).first()
    return instance.story_id  # StoryPartner, Outcome


def story_row_writing(sender, instance, raw=False, **kwargs):
    if not raw:
        _note("story", _story_of(instance))


def _touched(kind: str, pk) -> None:
    """Written in the block: looked at again as it ends (new, it was not shown before)."""
    if (block := current_block()) is not None:
        block.notes.setdefault(kind, {}).setdefault(pk, NOT_SHOWN)


def story_row_written(sender, instance, raw=False, **kwargs):
    if not raw and (story := _story_of(instance)) is not None:
        _touched("story", story)


def _person_kind(instance) -> str:
    return "participant" if isinstance(instance, Participant) else "organisation"


def person_writing(sender, instance, raw=False, **kwargs):
    if not raw:
        _note(_person_kind(instance), instance.pk)


def person_written(sender, instance, raw=False, **kwargs):
    if not raw:
        _touched(_person_kind(instance), instance.pk)


def themes_changing(sender, instance, action, reverse, pk_set, **kwargs):
    """A story's themes (or partners, added as a relation) changed, from either side."""
    stories = (pk_set or ()) if reverse else [instance.pk]
    if reverse and action in ("pre_clear", "post_clear"):
        # A theme emptied of its stories: renew everything, as for a theme's own edit.
        if (block := current_block()) is not None:
            block.everything = True
        return
    for pk in stories:
        if action.startswith("pre_"):
            _note("story", pk)
        else:
            _touched("story", pk)


def label_written(sender, instance, raw=False, created=False, **kwargs):
    """A new tag, theme, cohort or programme shows nowhere until a story or person
    carries it (that write is noted); one renamed, reordered or deleted shows on
    every page of its stories: renew everything."""
    if not raw and not created and (block := current_block()) is not None:
        block.everything = True


def cohorts_changing(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:
        if (block := current_block()) is not None:
            block.everything = True  # a cohort's own members changed: rare, renew all
        return
    if action.startswith("pre_"):
        _note("participant", instance.pk)


def connect() -> None:
    """Account for these models' writes inside a block (EditorialConfig.ready)."""
    story_rows = (Story, StoryPartner, Outcome, Evidence, TaggedStory)
    people = (Participant, Organisation)
    for model in story_rows:
        uid = f"renewal-{model._meta.label}"
        pre_save.connect(story_row_writing, sender=model, dispatch_uid=uid)
        pre_delete.connect(story_row_writing, sender=model, dispatch_uid=uid)
        post_save.connect(story_row_written, sender=model, dispatch_uid=uid)
        post_delete.connect(story_row_written, sender=model, dispatch_uid=uid)
    for model in people:
        uid = f"renewal-{model._meta.label}"
        pre_save.connect(person_writing, sender=model, dispatch_uid=uid)
        pre_delete.connect(person_writing, sender=model, dispatch_uid=uid)
        post_save.connect(person_written, sender=model, dispatch_uid=uid)
        post_delete.connect(person_written, sender=model, dispatch_uid=uid)
    labels = (Tag, Theme, Cohort, Programme)
    for model in labels:
        uid = f"renewal-{model._meta.label}"
        post_save.connect(label_written, sender=model, dispatch_uid=uid)
        post_delete.connect(label_written, sender=model, dispatch_uid=uid)
    themes, cohorts = Story.themes.through, Participant.cohorts.through
    m2m_changed.connect(
        themes_changing, sender=Story.partners.through, dispatch_uid="renewal-partners"
    )
    m2m_changed.connect(themes_changing, sender=themes, dispatch_uid="renewal-themes")
    m2m_changed.connect(cohorts_changing, sender=cohorts, dispatch_uid="renewal-cohorts")
    explain(*story_rows, *people, *labels, themes, cohorts, planner=plan)
