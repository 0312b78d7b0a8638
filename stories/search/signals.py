"""Keep search documents current whatever changed: a story or anything it shows.

Connected in StoriesConfig.ready(). Inside an editor's write (pagecache.renewal)
the stories are noted and their text rebuilt once, as the write ends. Bulk writes
that skip signals (bulk_create, QuerySet.update) must call refresh_documents
themselves, as generate_stories does.
"""

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

from pagecache.renewal import current_block
from participants.models import Organisation, Participant
from stories.models import Story, StoryPartner, TaggedStory, Theme
from stories.search.documents import refresh_documents

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}
SEARCH = "search"  # a write's notes: the stories whose search text it changed
# Stories a theme or tag had before a clear or delete, to refresh once it is gone.
_BEFORE = "_search_story_ids"
# Stories being deleted right now, in this thread or task.
_DELETING: ContextVar[frozenset] = ContextVar("stories_being_deleted", default=frozenset())


def _refresh(story_ids) -> None:
    """Rebuild these stories' search text: now, or once as the write they are part of
    ends (pagecache.renewal), however many of their rows it saves."""
    block = current_block()
    if block is None:
        refresh_documents(story_ids)
    else:
        block.notes.setdefault(SEARCH, set()).update(story_ids)


def refresh_noted(block) -> None:
    """The search text of every story the write touched, rebuilt once (at its end)."""
    if story_ids := block.notes.pop(SEARCH, None):
        refresh_documents(story_ids)


@receiver(post_save, sender=Story)
def story_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.pk])


@receiver(m2m_changed, sender=Story.themes.through)
@receiver(m2m_changed, sender=TaggedStory)
def story_labels_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if isinstance(instance, Story):
        if action in M2M_CHANGES:
            _refresh([instance.pk])
    elif action == "pre_clear":
        setattr(instance, _BEFORE, _stories_labelled(instance))
    elif action == "post_clear":
        _refresh(getattr(instance, _BEFORE, []))
    elif action in M2M_CHANGES and pk_set:  # a theme or tag gained or lost stories
        _refresh(pk_set)


@receiver(pre_delete, sender=Story)
def story_deleting(sender, instance, **kwargs):
    # Its partners are deleted first, while it still exists: their signals must
    # not write a search document back for a story on its way out.
    _DELETING.set(_DELETING.get() | {instance.pk})


@receiver(post_delete, sender=Story)
def story_deleted(sender, instance, **kwargs):
    _DELETING.set(_DELETING.get() - {instance.pk})


@receiver(post_save, sender=StoryPartner)
@receiver(post_delete, sender=StoryPartner)
def partner_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.story_id not in _DELETING.get():
        _refresh([instance.story_id])


@receiver(post_save, sender=Participant)
def participant_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh(instance.stories.values_list("pk", flat=True))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh(
            Story.objects.filter(participant__organisation=instance).values_list("pk", flat=True)
        )
        _refresh(instance.partnerships.values_list("story_id", flat=True))


@receiver(pre_delete, sender=Organisation)
def organisation_deleting(sender, instance, **kwargs):
    # Its people are left with no organisation by a bulk update, which sends no signal.
    named = Story.objects.filter(participant__organisation=instance).values_list("pk", flat=True)
    setattr(instance, _BEFORE, list(named))


@receiver(post_delete, sender=Organisation)
def organisation_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, _BEFORE, []))


@receiver(m2m_changed, sender=Story.partners.through)
def partners_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Partners added as a relation (`story.partners.add`) rather than as rows."""
    if action in M2M_CHANGES:
        _refresh(pk_set or () if reverse else [instance.pk])


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Tag)
def label_renamed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh(_stories_labelled(instance))


@receiver(pre_delete, sender=Theme)
@receiver(pre_delete, sender=Tag)
def label_deleting(sender, instance, **kwargs):
    setattr(instance, _BEFORE, _stories_labelled(instance))


@receiver(post_delete, sender=Theme)
@receiver(post_delete, sender=Tag)
def label_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, _BEFORE, []))


def _stories_labelled(label) -> list[int]:
    if isinstance(label, Theme):
        return list(label.stories.values_list("pk", flat=True))
    return list(TaggedStory.objects.filter(tag=label).values_list("content_object_id", flat=True))
