"""POST bodies for the story admin form, as a browser would send them."""

ADD_URL = "/admin/stories/story/add/"
CHANGELIST_URL = "/admin/stories/story/"


def change_url(story) -> str:
    return f"/admin/stories/story/{story.pk}/change/"


def formset(prefix: str, rows: list[dict] = (), initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    return data


def outcome_rows(outcomes, initial: int = 0) -> dict:
    """The outcome rows, each with its evidence rows (nested: `outcomes-0-evidence-...`)
    under the key "evidence", as a list of rows, or none."""
    rows = [dict(row) for row in outcomes]
    evidence = [row.pop("evidence", ()) for row in rows]
    # The type select always sends a value: "Other" unless the test chose one.
    data = formset("outcomes", [{"kind": "other"} | row for row in rows], initial=initial)
    for index, items in enumerate(evidence):
        items = list(items)
        already = sum(1 for item in items if item.get("id"))
        data |= formset(f"outcomes-{index}-evidence", items, initial=already)
    return data


def with_evidence_management(data: dict) -> dict:
    """`data` with the evidence management form of each outcome row that lacks one, as a
    browser sends for every row (rows given as raw `outcomes-N-...` keys)."""
    data = dict(data)
    for index in range(int(data.get("outcomes-TOTAL_FORMS", 0))):
        for key, value in formset(f"outcomes-{index}-evidence").items():
            data.setdefault(key, value)
    return data


def story_form(*, partners=(), outcomes=(), published_at=("", ""), **fields) -> dict:
    data = {
        "title": "A new story",
        "slug": "a-new-story",
        "participant": "",
        "summary": "What changed, in a sentence.",
        "pull_quote": "",
        "body": "<p>The story.</p>",
        "hero_image_alt": "",
        "tags": "",
        "status": "draft",
        "published_at_0": published_at[0],
        "published_at_1": published_at[1],
    }
    data |= {key: value for key, value in fields.items() if value is not None}
    data |= formset("partnerships", list(partners))
    data |= outcome_rows(outcomes)
    data |= formset("share_links", [])
    return data


def edit_form(story, *, outcomes=(), **fields) -> dict:
    """The change form of a draft or a story in review as it stands, with these outcome
    rows (those already stored, with their "id", first)."""
    data = story_form(
        title=story.title,
        slug=story.slug,
        participant=str(story.participant_id or ""),
        summary=story.summary,
        body=story.body,
        status=story.status,
        opened_version=str(story.edit_version),
        **fields,
    )
    return data | outcome_rows(outcomes, initial=sum(1 for row in outcomes if row.get("id")))
