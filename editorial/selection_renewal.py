"""What a selection round's write renews: the pages that show its choices' marks.

A chosen story is marked on its own page, on every card of it (the listings, its
themes', people's and organisations' pages) and on the page of the theme it was
chosen in. A write to a round, its panel or its considerations, inside a block
(pagecache.renewal: editorial.selection.save_round, the admin's pages), renews
those pages for each public story it concerns, as it was and as it is; a story
that is not public shows no mark and renews nothing. A round's decision day moves
the page cache's schedule (the marks appear on that day by themselves).
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from editorial.renewal import SEEN
from pagecache.dependencies import LISTING, key
from pagecache.renewal import Block, current_block, explain
from stories.models import Consideration, PanelMember, SelectionRound

NOTED = "selection"


def _note(*pairs) -> None:
    """These (story id, theme id) pairs may have gained or lost a mark in this block."""
    if (block := current_block()) is not None:
        block.notes.setdefault(NOTED, set()).update(pairs)


def _chosen_in(round_pk) -> list[tuple[int, int]]:
    chosen = Consideration.objects.filter(selection_round_id=round_pk, chosen=True)
    return list(chosen.values_list("story_id", "theme_id"))


def consideration_writing(sender, instance, raw=False, **kwargs):
    """Before a save: the mark it had, if it was a choice (a story only read shows none)."""
    if not raw and instance.pk is not None:
        stored = Consideration.objects.filter(pk=instance.pk, chosen=True)
        _note(*stored.values_list("story_id", "theme_id"))


def consideration_written(sender, instance, raw=False, **kwargs):
    """After a save, or before a delete: the mark it has, if it is a choice."""
    if not raw and instance.chosen:
        _note((instance.story_id, instance.theme_id))


def round_writing(sender, instance, raw=False, **kwargs):
    """The round's title, period or decision show with each of its marks."""
    if raw or (block := current_block()) is None:
        return
    block.reschedule = True  # its decision day may have come nearer or gone further
    if instance.pk is not None:
        _note(*_chosen_in(instance.pk))


def panel_written(sender, instance, raw=False, **kwargs):
    if not raw:
        _note(*_chosen_in(instance.selection_round_id))


def plan(block: Block) -> set[str]:
    """The keys a block's writes to selection rounds changed (pagecache.renewal)."""
    keys: set[str] = set()
    themes: dict[int, set[int]] = {}
    for story_pk, theme_pk in block.notes.get(NOTED, ()):
        themes.setdefault(story_pk, set()).add(theme_pk)
    for story_pk, chosen_in in themes.items():
        seen = SEEN["story"](story_pk)
        if seen.public:
            keys |= seen.keys | {LISTING} | {key("theme", theme) for theme in chosen_in}
    return keys


def connect() -> None:
    """Account for selection rounds' writes inside a block (EditorialConfig.ready)."""
    uid = "renewal-selection"
    pre_save.connect(consideration_writing, sender=Consideration, dispatch_uid=uid)
    pre_delete.connect(consideration_written, sender=Consideration, dispatch_uid=uid)
    post_save.connect(consideration_written, sender=Consideration, dispatch_uid=uid)
    pre_save.connect(round_writing, sender=SelectionRound, dispatch_uid=uid)
    post_save.connect(round_writing, sender=SelectionRound, dispatch_uid=uid)
    pre_delete.connect(round_writing, sender=SelectionRound, dispatch_uid=uid)
    post_save.connect(panel_written, sender=PanelMember, dispatch_uid=uid)
    post_delete.connect(panel_written, sender=PanelMember, dispatch_uid=uid)
    explain(SelectionRound, PanelMember, Consideration, planner=plan)
