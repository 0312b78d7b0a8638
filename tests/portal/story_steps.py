"""Filling the guided story form as a participant's browser would."""

from django.urls import reverse

from stories.models import StoryDraft


def rows(prefix: str, items: list[dict], total: int = 3) -> dict:
    """A formset's fields: `items` in the first rows, the rest left empty."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(total, len(items))),
        f"{prefix}-INITIAL_FORMS": "0",
    }
    for index, item in enumerate(items):
        for name, value in item.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def step_url(draft: StoryDraft, step: str) -> str:
    return reverse("portal:draft_step", args=[draft.pk, step])


def save_step(client, draft: StoryDraft, step: str, data: dict, *, then="next", version=None):
    """Post one step at the draft's version as stored (or `version`, an older page)."""
    if version is None:
        draft.refresh_from_db()
        version = draft.version
    return client.post(step_url(draft, step), {"version": version, "then": then, **data})


def start(client) -> StoryDraft:
    response = client.post(reverse("portal:story_new"))
    assert response.status_code == 302
    draft = StoryDraft.objects.latest("pk")
    assert response["Location"] == step_url(draft, "about")
    return draft


ABOUT = {
    "job_title": "Operations Manager, Sport and Leisure",
    "organisation": "Ipswich Borough Council",
    "title": "A thousand-piece jigsaw",
}
CHALLENGE = {
    "challenge": "Health inequalities were widening during lockdown.\n\n"
    "Sport and leisure sat apart from health partners."
}
WHAT_I_DID = {
    "what_i_did": "I built a partnership with the CCG.\nWe spent time on a shared purpose."
}
OUTCOMES = rows(
    "outcomes",
    [
        {
            "description": "Section 75 funding",
            "value": "£250,000",
            "unit": "pounds",
            "evidence_url": "https://example.org/board-paper",
        },
        {"description": "Engagement officers recruited", "value": "4", "unit": "posts"},
    ],
)
PARTNERS = rows(
    "partners",
    [{"name": "Suffolk Mind", "role": "Ran the wellbeing sessions"}],
)
QUOTE = {"quote": "It isn't rocket science, it's having a conversation."}
