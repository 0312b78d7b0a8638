"""A story's outcomes, and the evidence behind each, as a revision holds them, shown in a
comparison and put back by a restore (editorial.revisions does the story around them)."""

import json

from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from stories.models import Evidence, Outcome, PathwayStep, Verification, normalise_unit


def related_versions(version: Version, model) -> list[Version]:
    """The versions of `model` objects saved in the same revision as `version`."""
    content_type = ContentType.objects.get_for_model(model)
    return [v for v in version.revision.version_set.all() if v.content_type_id == content_type.pk]


OUTCOME_FIELDS = (
    "kind",
    "description",
    "value",
    "unit",
    "achieved_on",
    "evidence_url",
    "verified_by",
    "verified_on",
    "level",
    "who_changed",
    "change_kind",
    "intended",
    "contribution",
    "significance",
    "verification",
    "verifier_organisation",
    "verifier_relationship",
    "pathway_step_id",
    "order",
)
OUTCOME_DEFAULTS = {"unit": "", "evidence_url": "", "verified_by": ""}
EVIDENCE_FIELDS = ("kind", "description", "url", "file", "public", "order")


def _outcome_state(version: Version, evidence: list[dict]) -> dict:
    """An outcome as a revision holds it, with its evidence. One saved before outcomes had
    types reads as the migration typed them: pounds are funding, the rest "Other"."""
    saved = version.field_dict  # a field the revision lacks reads as its default here
    state = {key: saved.get(key, OUTCOME_DEFAULTS.get(key)) for key in OUTCOME_FIELDS}
    if "kind" not in json.loads(version.serialized_data)[0]["fields"]:
        funding = normalise_unit(state["unit"]) == "GBP"
        state["kind"] = Outcome.Kind.FUNDING if funding else Outcome.Kind.OTHER
    state["evidence"] = evidence
    return state


def _evidence_state(version: Version) -> dict:
    saved = version.field_dict
    state = {key: saved.get(key) for key in EVIDENCE_FIELDS}
    state["file"] = str(state["file"] or "")
    state["pk"] = int(version.object_id)
    return state


def outcomes_in(version: Version, story_pk: int) -> list[dict]:
    """The story's outcomes in the revision, in order, each with its evidence in order."""
    outcomes = [
        v for v in related_versions(version, Outcome) if v.field_dict["story_id"] == story_pk
    ]
    evidence: dict[int, list[dict]] = {}
    for item in related_versions(version, Evidence):
        evidence.setdefault(item.field_dict["outcome_id"], []).append(_evidence_state(item))
    states = [
        _outcome_state(v, sorted(evidence.get(int(v.object_id), []), key=_evidence_order))
        for v in outcomes
    ]
    return sorted(states, key=lambda o: o["order"])


def _evidence_order(item: dict):
    return (item["order"], item["pk"])


def outcome_line(outcome: dict) -> str:
    """One outcome as a comparison shows it."""
    value = outcome["value"]
    figure = f"{value.normalize():f} {outcome['unit']}".strip() + ": " if value is not None else ""
    kind = Outcome.Kind(outcome["kind"]).label if outcome["kind"] in Outcome.Kind else "?"
    details = [
        # The grades a new outcome starts with go unsaid, as every empty field does.
        _label(Outcome.Level, outcome.get("level"), unless=Outcome.Level.NOT_ASSESSED),
        _label(
            Outcome.Verification, outcome.get("verification"), unless=Verification.SELF_REPORTED
        ),
        f"on {outcome['achieved_on']}" if outcome["achieved_on"] else "",
        f"evidence {outcome['evidence_url']}" if outcome["evidence_url"] else "",
        f"verified by {outcome['verified_by']}" if outcome["verified_by"] else "",
        f"on {outcome['verified_on']}" if outcome["verified_on"] else "",
        *(_evidence_line(item) for item in outcome.get("evidence", [])),
    ]
    extra = ", ".join(detail for detail in details if detail)
    return f"[{kind}] {figure}{outcome['description']}" + (f" ({extra})" if extra else "")


def _label(choices, value, *, unless) -> str:
    return choices(value).label if value in choices.values and value != unless else ""


def _evidence_line(item: dict) -> str:
    where = item["url"] or item["file"].rsplit("/", 1)[-1]
    shown = "public" if item["public"] else "not public"
    return f"evidence: {item['description']} ({where}, {shown})"


# --- Restoring ----------------------------------------------------------------


def restore_outcomes(story, outcomes: list[dict], lost: list[str]) -> None:
    """Put the story's outcomes, and each one's evidence, back as the revision held them.

    Rows are updated in place where they can be (outcomes by position, evidence by its
    id), so an editor with the story open keeps inline rows that still exist, and a
    public evidence address stays the same.
    """
    steps = set(
        PathwayStep.objects.filter(
            pk__in=[o["pathway_step_id"] for o in outcomes if o["pathway_step_id"]]
        ).values_list("pk", flat=True)
    )
    current = list(story.outcomes.order_by("order", "id"))
    rows = []
    for index, state in enumerate(outcomes):
        fields = {key: value for key, value in state.items() if key != "evidence"}
        if fields["pathway_step_id"] and fields["pathway_step_id"] not in steps:
            lost.append(f"The pathway step of “{fields['description']}” has been deleted.")
            fields["pathway_step_id"] = None
        row = current[index] if index < len(current) else Outcome(story=story)
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()  # save(): units in one spelling
        rows.append(row)
    Outcome.objects.filter(pk__in=[row.pk for row in current[len(outcomes) :]]).delete()
    _restore_evidence(story, rows, outcomes, lost)


def _restore_evidence(story, rows: list[Outcome], outcomes: list[dict], lost) -> None:
    existing = {item.pk: item for item in Evidence.objects.filter(outcome__story=story)}
    kept = set()
    for row, state in zip(rows, outcomes, strict=True):
        for item in state["evidence"]:
            evidence = existing.get(item["pk"]) or Evidence()
            if item["file"] and not evidence.file.storage.exists(item["file"]):
                lost.append(f"The file of the evidence “{item['description']}” is gone.")
                if not item["url"]:
                    continue
                item = item | {"file": ""}
            for name in EVIDENCE_FIELDS:
                setattr(evidence, name, item[name])
            evidence.outcome = row
            evidence.save()
            kept.add(evidence.pk)
    Evidence.objects.filter(outcome__story=story).exclude(pk__in=kept).delete()
