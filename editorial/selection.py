"""Recording a selection round (Most Significant Change) and telling those it chose.

A programme's panel reads the stories of a period in each theme and chooses, per
theme, the story of most significant change, saying why in its own words. Editors
record it in the admin (editorial.admin.selection); this module is the only writer.

Side effects of `save_round`, run once per save, in its transaction:
- the public pages of every story it concerns (chosen or no longer chosen, in this
  round as it was and as it is) are renewed, with their themes' pages and the
  listings, whose cards carry the "Chosen by the panel" mark
  (editorial.selection_renewal); a decision day still to come moves the page
  cache's schedule, so the marks appear on that day by themselves;
- once the round is decided (`decided_on` today or earlier), each chosen public
  story's participant is told by the `story_chosen` email, once: `told_at` is set,
  and a later save, `send_reminders` or a second run sends nothing again. A round
  decided on a later day is told by `send_reminders` when the day comes.
"""

from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from notifications import send
from notifications.preferences import wants
from pagecache.renewal import renewal
from participants.models import Cohort
from stories.models import Consideration, PanelMember, SelectionRound

CHANGE_PERMISSION = "stories.change_selectionround"
ADD_PERMISSION = "stories.add_selectionround"
REFUSAL = "Only an editor can record a selection round."
EVENT = "story_chosen"


# --- The rules: the admin's forms show them as errors, and save_round checks them again.


def consideration_problems(consideration: Consideration, *, programme_id) -> dict[str, str]:
    """What is wrong with one consideration on its own, by field name ({} if nothing).

    The story must carry the theme it is read in, and its participant must be in a
    cohort of the round's programme.
    """
    if consideration.story_id is None or consideration.theme_id is None:
        return {}  # the form's own "This field is required."
    story, theme = consideration.story, consideration.theme
    problems = {}
    if not story.themes.filter(pk=theme.pk).exists():
        problems["theme"] = f"“{story.title}” does not have the theme {theme.name}."
    if story.participant_id is None:
        problems["story"] = f"“{story.title}” has no participant yet."
    elif (
        programme_id is not None
        and not Cohort.objects.filter(
            programme_id=programme_id, participants=story.participant_id
        ).exists()
    ):
        problems["story"] = (
            f"{story.participant.name}, who tells “{story.title}”, is in no cohort of "
            "this round's programme."
        )
    if consideration.chosen and not consideration.reason.strip():
        problems["reason"] = "Give the panel's reason for choosing it."
    return problems


def round_problems(considerations: list[Consideration]) -> dict[int, dict[str, str]]:
    """What is wrong across a round's considerations, by their index in the list: a
    story read twice in one theme, or more than one chosen in a theme."""
    problems: dict[int, dict[str, str]] = {}
    seen = set()
    chosen = Counter()
    for index, row in enumerate(considerations):
        pair = (row.theme_id, row.story_id)
        if pair in seen:
            problems.setdefault(index, {})["story"] = (
                "This story is already considered in this theme."
            )
        seen.add(pair)
        if row.chosen:
            chosen[row.theme_id] += 1
            if chosen[row.theme_id] > 1:
                problems.setdefault(index, {})["chosen"] = (
                    "The panel chooses one story per theme: another is already chosen in "
                    f"{row.theme.name}."
                )
    return problems


def _check(selection_round: SelectionRound, considerations: list[Consideration]) -> None:
    errors = []
    if selection_round.period_end < selection_round.period_start:
        errors.append("The period must end after it starts.")
    across = round_problems(considerations)
    for index, row in enumerate(considerations):
        errors += consideration_problems(row, programme_id=selection_round.programme_id).values()
        errors += across.get(index, {}).values()
    if errors:
        raise ValidationError(errors)


def may_record(user, selection_round: SelectionRound) -> bool:
    if user is None:
        return True
    return user.has_perm(ADD_PERMISSION if selection_round.pk is None else CHANGE_PERMISSION)


# --- The write.


@transaction.atomic
@renewal()
def save_round(
    *,
    selection_round: SelectionRound,
    panel: list[PanelMember] = (),
    considerations: list[Consideration] = (),
    removed: list = (),
    by,
) -> SelectionRound:
    """Save a round with the panel members and considerations given (new or changed),
    and delete the rows in `removed` (its own panel members or considerations); refuse
    anyone but an editor (PermissionDenied) and a round that breaks the rules
    (ValidationError: nothing is saved).

    `by=None` is a command run by the site's operator. Side effects: the module's.
    """
    if not may_record(by, selection_round):
        raise PermissionDenied(REFUSAL)
    stored = {}
    if selection_round.pk is not None:
        rows = selection_round.considerations.select_related("story__participant", "theme")
        stored = {row.pk: row for row in rows}
    theirs = [row for row in [*panel, *considerations, *removed] if row.pk is not None]
    if any(row.selection_round_id != selection_round.pk for row in theirs):
        raise ValidationError("Only this round's own panel and considerations change here.")
    # The round's considerations as they will stand: those kept, with the changes given.
    removing = {row.pk for row in removed if isinstance(row, Consideration)}
    standing = {pk: row for pk, row in stored.items() if pk not in removing}
    standing |= {row.pk: row for row in considerations if row.pk is not None}
    _check(selection_round, [*standing.values(), *(c for c in considerations if c.pk is None)])
    selection_round.save()
    for row in removed:
        row.delete()
    for member in panel:
        member.selection_round = selection_round
        member.save()
    # Rows whose choice is undone first: the one-chosen-per-theme constraint holds
    # at every statement, and a choice moving between two stories swaps in one save.
    for row in sorted(considerations, key=lambda row: row.chosen):
        row.selection_round = selection_round
        if row.pk is not None and stored[row.pk].story_id != row.story_id:
            row.told_at = None  # another story now: its participant has not been told
        row.save()
    tell_chosen(selection_round=selection_round)
    return selection_round


@transaction.atomic
@renewal()
def delete_round(*, selection_round: SelectionRound, by) -> None:
    """Delete a round with its panel and considerations; refuse anyone but an editor.

    Side effects: the marks of its choices leave the public pages (renewed as for a
    save); participants already told are not told again of anything.
    """
    if by is not None and not by.has_perm("stories.delete_selectionround"):
        raise PermissionDenied(REFUSAL)
    selection_round.delete()


# --- Telling the participants.


def due_to_be_told(today=None):
    """Choices of rounds decided by `today` (default: today), of public stories, whose
    participant has not been told."""
    choices = Consideration.objects.public_choices().filter(told_at__isnull=True)
    if today is not None:
        choices = choices.filter(selection_round__decided_on__lte=today)
    return choices.select_related(
        "selection_round__programme", "theme", "story__participant"
    ).order_by("selection_round__decided_on", "pk")


def tell_chosen(*, selection_round: SelectionRound | None = None, now=None) -> list[Consideration]:
    """Tell each participant whose public story a decided round chose (this round's, or
    every round's) that the panel chose it, once; return the choices told.

    Side effects, for each: sets `told_at` (first, as a claim: a run at the same moment
    finds it taken and sends nothing), then queues the `story_chosen` email. A
    participant without an address, or who turned these emails off, is not told and
    the choice stays untold (told if that changes while the mark shows).
    """
    now = now or timezone.now()
    choices = due_to_be_told(timezone.localdate(now))
    if selection_round is not None:
        choices = choices.filter(selection_round=selection_round)
    told = []
    for choice in choices:
        participant = choice.story.participant
        if not participant.email or not wants(EVENT, participant=participant):
            continue
        with transaction.atomic():
            claimed = Consideration.objects.filter(pk=choice.pk, told_at__isnull=True).update(
                told_at=now
            )
            if not claimed:
                continue
            if send.to_participant(EVENT, participant, _email(choice), once_key=_key(choice)):
                told.append(choice)
    return told


def _key(choice: Consideration) -> str:
    return f"story-chosen:{choice.pk}"


def _email(choice: Consideration) -> dict:
    story, selection_round = choice.story, choice.selection_round
    return {
        "story": story,
        "story_url": settings.SITE_URL + story.get_absolute_url(),
        "theme": choice.theme.name,
        "reason": choice.reason,
        "round_title": selection_round.title,
        "period_start": selection_round.period_start,
        "period_end": selection_round.period_end,
        "programme": selection_round.programme.name,
    }
