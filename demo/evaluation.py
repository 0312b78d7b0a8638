"""The demo's evaluation: how each outcome is graded and evidenced (the grades and
`evidence` of each outcome in data/stories.json), the programme's pathway of change
(data/pathways.json) and a decided selection round (data/selection_rounds.json).

Idempotent like the rest of the loader: a step is found by its programme and place, an
evidence item by its outcome and place, a round by its programme and title, a panel
member by their place and a consideration by its theme and story; each is updated in
place, and what the data no longer lists is removed. Evidence files (data/evidence/)
are stand-ins in our own words, each saying so; a file already stored is kept.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from participants.models import Programme
from stories.models import (
    Consideration,
    Evidence,
    Intended,
    OutcomeLevel,
    PanelMember,
    PathwayStep,
    SelectionRound,
    Story,
    Theme,
    Verification,
)

# An outcome's grades as the data gives them, and what a grade left out means.
GRADES = {
    "level": OutcomeLevel.NOT_ASSESSED,
    "who_changed": "",
    "change_kind": "",
    "intended": Intended.NOT_KNOWN,
    "contribution": "",
    "significance": "",
    "verification": Verification.SELF_REPORTED,
    "verifier_organisation": "",
    "verifier_relationship": "",
}


def load_pathways(rows: list[dict]) -> dict[str, PathwayStep]:
    """Each programme's steps, in order; returns every step by its title (unique in the
    demo), as outcomes name the step they sit on."""
    steps = {}
    for row in rows:
        programme = Programme.objects.get(slug=row["programme"])
        kept = []
        for order, item in enumerate(row["steps"], start=1):
            step, _ = PathwayStep.objects.update_or_create(
                programme=programme,
                order=order,
                defaults={
                    "stage": item["stage"],
                    "title": item["title"],
                    "description": item["description"],
                },
            )
            steps[step.title] = step
            kept.append(step.pk)
        programme.pathway_steps.exclude(pk__in=kept).delete()
    return steps


def outcome_grades(item: dict, steps: dict[str, PathwayStep]) -> dict:
    """The grade fields of an outcome of the data, and the step it sits on (or none)."""
    step = steps[item["step"]] if item.get("step") else None
    return {field: item.get(field, default) for field, default in GRADES.items()} | {
        "pathway_step": step
    }


def load_evidence(outcome, items: list[dict], folder) -> None:
    """The outcome's evidence items, in order: a link, or a file from `folder`."""
    for order, item in enumerate(items):
        evidence = Evidence.objects.filter(outcome=outcome, order=order).first()
        evidence = evidence or Evidence(outcome=outcome, order=order)
        evidence.kind = item["kind"]
        evidence.description = item["description"]
        evidence.public = item.get("public", False)
        evidence.url = item.get("url", "")
        if not item.get("file"):
            evidence.file = ""
        elif not evidence.file:
            content = (folder / item["file"]).read_bytes()
            evidence.file.save(item["file"], ContentFile(content), save=False)
        evidence.save()
    outcome.evidence.filter(order__gte=len(items)).delete()


def load_selection_rounds(rows: list[dict]) -> list[SelectionRound]:
    rounds = []
    for row in rows:
        decided_on = _date(row.get("decided_on"))
        selection_round, _ = SelectionRound.objects.update_or_create(
            programme=Programme.objects.get(slug=row["programme"]),
            title=row["title"],
            defaults={
                "period_start": _date(row["period_start"]),
                "period_end": _date(row["period_end"]),
                "decided_on": decided_on,
                "notes": row.get("notes", ""),
            },
        )
        for order, member in enumerate(row["panel"]):
            PanelMember.objects.update_or_create(
                selection_round=selection_round,
                order=order,
                defaults={"name": member["name"], "role": member.get("role", "")},
            )
        selection_round.panel.filter(order__gte=len(row["panel"])).delete()
        _load_considerations(selection_round, row["considerations"], decided_on)
        rounds.append(selection_round)
    return rounds


def _load_considerations(selection_round, items: list[dict], decided_on) -> None:
    themes = Theme.objects.in_bulk({item["theme"] for item in items}, field_name="slug")
    stories = Story.objects.in_bulk({item["story"] for item in items}, field_name="slug")
    wanted = {(themes[i["theme"]].pk, stories[i["story"]].pk): i for i in items}
    # Those no longer listed, or no longer chosen, first: one chosen per theme at a time.
    for consideration in selection_round.considerations.all():
        item = wanted.get((consideration.theme_id, consideration.story_id))
        if item is None:
            consideration.delete()
        elif consideration.chosen and not item.get("chosen"):
            consideration.chosen = False
            consideration.save(update_fields=["chosen"])
    # The demo's participants heard when the panel decided: no one is told again now.
    told = _morning_of(decided_on)
    for (theme_id, story_id), item in wanted.items():
        chosen = item.get("chosen", False)
        Consideration.objects.update_or_create(
            selection_round=selection_round,
            theme_id=theme_id,
            story_id=story_id,
            defaults={
                "chosen": chosen,
                "reason": item.get("reason", ""),
                "told_at": told if chosen else None,
            },
        )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _morning_of(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))) if day else None
