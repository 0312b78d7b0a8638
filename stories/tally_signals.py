"""Keep the public counts (stories.tallies) current whatever a write changes.

Connected in StoriesConfig.ready(). Each write names the stories whose counts it
may move: a story, its themes or tags, its participant (consent, cohorts), a
cohort's programme, an outcome or partner, an outcome's evidence or its pathway
step. Inside an editor's write (pagecache.renewal) they are counted again once, as
it ends; outside one, at once. Writes that send no signals (bulk_create,
QuerySet.update) call `tallies.recount()` themselves, as
generate_stories and restoring a backup do.
"""

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
)

from pagecache.renewal import current_block
from participants.models import Cohort, Organisation, Participant
from stories import tallies
from stories.models import (
    Evidence,
    Outcome,
    PathwayStep,
    Story,
    StoryPartner,
    TaggedStory,
    Theme,
)

NOTED = "tallies"
_BEFORE = "_tally_story_ids"
_LOADED_WITH = "_tally_loaded_story_id"


def _count_again(story_ids) -> None:
    story_ids = [pk for pk in story_ids if pk is not None]
    if not story_ids:
        return
    if (block := current_block()) is None:
        tallies.refresh(story_ids)
    else:
        block.notes.setdefault(NOTED, set()).update(story_ids)


def count_noted(block) -> None:
    """Every story the write touched, counted again once (as it ends)."""
    if story_ids := block.notes.pop(NOTED, None):
        tallies.refresh(story_ids)


def _stories_of(participant_ids) -> list[int]:
    stories = Story.objects.filter(participant_id__in=participant_ids)
    return list(stories.values_list("pk", flat=True))


def story_written(sender, instance, raw=False, **kwargs):
    if not raw:
        _count_again([instance.pk])


def tagged_written(sender, instance, raw=False, **kwargs):
    if not raw:
        _count_again([instance.content_object_id])


def story_row_loaded(sender, instance, **kwargs):
    """The story an outcome or partner row was read with: should it move to another
    (only the shell can), the story it left is counted again too."""
    instance.__dict__[_LOADED_WITH] = instance.__dict__.get("story_id")


def story_row_written(sender, instance, raw=False, **kwargs):
    """An outcome or a partner of a story."""
    if not raw:
        _count_again({instance.story_id, instance.__dict__.get(_LOADED_WITH)})
        instance.__dict__[_LOADED_WITH] = instance.story_id


def evidence_loaded(sender, instance, **kwargs):
    """The outcome an evidence item was read with: moved to another, both count again."""
    instance.__dict__[_LOADED_WITH] = instance.__dict__.get("outcome_id")


def evidence_written(sender, instance, raw=False, **kwargs):
    """Evidence added, ticked public or not, or deleted: its outcome is evidenced or not
    (the funder's view counts it), so its story counts again. Deleted with its outcome,
    the outcome's own signal has counted the story."""
    if not raw:
        outcomes = {instance.outcome_id, instance.__dict__.get(_LOADED_WITH)} - {None}
        stories = Outcome.objects.filter(pk__in=outcomes).values_list("story_id", flat=True)
        _count_again(list(stories))
        instance.__dict__[_LOADED_WITH] = instance.outcome_id


def step_going(sender, instance, **kwargs):
    """Its outcomes lose it without a signal (SET_NULL): their stories, once it has gone."""
    setattr(instance, _BEFORE, list(instance.outcomes.values_list("story_id", flat=True)))


def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A story's themes or tags changed, from either side (a theme's stories too)."""
    if not reverse:
        if action.startswith("post_"):
            _count_again([instance.pk])
    elif action == "pre_clear":
        setattr(instance, _BEFORE, _labelled(sender, instance))
    elif action == "post_clear":
        _count_again(getattr(instance, _BEFORE, []))
    elif action.startswith("post_") and pk_set:
        _count_again(pk_set)


def _labelled(sender, label) -> list[int]:
    """The stories a theme, tag or partner has (before it is cleared of them)."""
    if sender is TaggedStory:
        rows = TaggedStory.objects.filter(tag=label).values_list("content_object_id", flat=True)
    elif sender is StoryPartner:
        rows = StoryPartner.objects.filter(organisation=label).values_list("story_id", flat=True)
    else:
        rows = sender.objects.filter(theme=label).values_list("story_id", flat=True)
    return list(rows)


def label_going(sender, instance, **kwargs):
    """A theme or cohort deleted takes its links with it, without a signal: its
    stories (a cohort's people's stories) are counted again once it has gone."""
    if isinstance(instance, Cohort):
        stories = _stories_of(instance.participants.values_list("pk", flat=True))
    else:
        stories = list(instance.stories.values_list("pk", flat=True))
    setattr(instance, _BEFORE, stories)


def organisation_going(sender, instance, **kwargs):
    """Its people lose it without a signal (SET_NULL): their stories, and its partners'."""
    employees = _stories_of(instance.participants.values_list("pk", flat=True))
    setattr(instance, _BEFORE, employees + _labelled(StoryPartner, instance))


def organisation_written(sender, instance, raw=False, created=False, **kwargs):
    """Its kind changed, perhaps: the pairings of every story naming it count again."""
    if not raw and not created:
        employees = _stories_of(instance.participants.values_list("pk", flat=True))
        _count_again(employees + _labelled(StoryPartner, instance))


def counted_again_once_gone(sender, instance, **kwargs):
    _count_again(getattr(instance, _BEFORE, []))


def person_writing(sender, instance, raw=False, **kwargs):
    """Before a person goes: their stories, which may lose them without a signal."""
    if not raw and instance.pk:
        setattr(instance, _BEFORE, _stories_of([instance.pk]))


def person_written(sender, instance, raw=False, **kwargs):
    if not raw:
        stories = getattr(instance, _BEFORE, None)
        _count_again(stories if stories is not None else _stories_of([instance.pk]))


def cohorts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A person joined or left cohorts (or a cohort gained or lost people)."""
    if not reverse:
        if action.startswith("post_"):
            _count_again(_stories_of([instance.pk]))
    elif action == "pre_clear":
        people = instance.participants.values_list("pk", flat=True)
        setattr(instance, _BEFORE, _stories_of(list(people)))
    elif action == "post_clear":
        _count_again(getattr(instance, _BEFORE, []))
    elif action.startswith("post_") and pk_set:
        _count_again(_stories_of(pk_set))


def cohort_written(sender, instance, raw=False, created=False, **kwargs):
    """A cohort moved to another programme: its people's stories count there now."""
    if not raw and not created:
        _count_again(_stories_of(instance.participants.values_list("pk", flat=True)))


def connect() -> None:
    uid = "tallies"
    post_save.connect(story_written, sender=Story, dispatch_uid=uid)
    post_delete.connect(story_written, sender=Story, dispatch_uid=uid)
    post_save.connect(tagged_written, sender=TaggedStory, dispatch_uid=uid)
    for row in (Outcome, StoryPartner):
        post_init.connect(story_row_loaded, sender=row, dispatch_uid=uid)
        post_save.connect(story_row_written, sender=row, dispatch_uid=uid)
        post_delete.connect(story_row_written, sender=row, dispatch_uid=uid)
    post_delete.connect(tagged_written, sender=TaggedStory, dispatch_uid=uid)
    post_init.connect(evidence_loaded, sender=Evidence, dispatch_uid=uid)
    post_save.connect(evidence_written, sender=Evidence, dispatch_uid=uid)
    post_delete.connect(evidence_written, sender=Evidence, dispatch_uid=uid)
    pre_delete.connect(step_going, sender=PathwayStep, dispatch_uid=uid)
    post_delete.connect(counted_again_once_gone, sender=PathwayStep, dispatch_uid=uid)
    m2m_changed.connect(themes_changed, sender=Story.themes.through, dispatch_uid=uid)
    m2m_changed.connect(themes_changed, sender=TaggedStory, dispatch_uid=uid)
    m2m_changed.connect(themes_changed, sender=StoryPartner, dispatch_uid=uid)
    pre_delete.connect(organisation_going, sender=Organisation, dispatch_uid=uid)
    post_save.connect(organisation_written, sender=Organisation, dispatch_uid=uid)
    for gone in (Organisation, Theme, Cohort):
        post_delete.connect(counted_again_once_gone, sender=gone, dispatch_uid=uid)
    for label in (Theme, Cohort):
        pre_delete.connect(label_going, sender=label, dispatch_uid=uid)
    pre_delete.connect(person_writing, sender=Participant, dispatch_uid=uid)
    post_save.connect(person_written, sender=Participant, dispatch_uid=uid)
    post_delete.connect(person_written, sender=Participant, dispatch_uid=uid)
    m2m_changed.connect(cohorts_changed, sender=Participant.cohorts.through, dispatch_uid=uid)
    post_save.connect(cohort_written, sender=Cohort, dispatch_uid=uid)
