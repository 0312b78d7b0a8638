"""A participant's own story: the guided form's answers as they are typed, then a story in review.

The participant writes only to their `StoryDraft` until they submit it; a
submission makes a `Story` in review, never a published one: nothing a
participant does here changes what the public sees. An editor reads it,
edits it and publishes it (editorial.services).

Side effects:
- `save_answers` moves the draft's version on, so a form opened before (a
  second tab, a double click) is refused rather than overwriting newer words;
- `submit_draft` makes the story with its outcomes, partners, themes and
  picture (the draft's own copy of the photo is then deleted), records its
  move into review, keeps a revision, renews the page
  cache once as it commits (pagecache.renewal: a story in review shows
  nowhere, but a new organisation is a write like any other), and queues the
  "story_submitted" email to the editors in the same transaction.
"""

import re
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from editorial import revisions
from editorial.services import record_edit, record_status_change
from notifications import send
from pagecache.renewal import renewal
from participants.models import Organisation, Participant
from stories.models import Outcome, Story, StoryDraft, StoryPartner, Theme

# The answers each step of the form keeps, by the step's name in its address.
STEP_ANSWERS = {
    "about": ("job_title", "organisation", "title"),
    "challenge": ("challenge",),
    "what-you-did": ("what_i_did",),
    "what-changed": ("changed", "outcomes"),
    "partners": ("partners",),
    "quote": ("quote",),
    "themes": ("themes",),
    "photo": (),  # kept on the draft's own fields
}
LIST_ANSWERS = {"outcomes", "partners", "themes"}
# What a story cannot go to the programme team without.
REQUIRED = {
    "title": ("about", "Give your story a working title."),
    "challenge": ("challenge", "Say what the challenge was."),
    "what_i_did": ("what-you-did", "Say what you did."),
}
SUMMARY_LENGTH = 300
SUBMITTED = "Submitted by the participant"


class DraftConflict(Exception):
    """The draft was saved elsewhere (another tab) since this form was opened."""

    def __init__(self, draft: StoryDraft):
        super().__init__("The draft has moved on.")
        self.draft = draft


class DraftSubmitted(Exception):
    """The draft has been submitted: it is the programme team's now."""

    def __init__(self, draft: StoryDraft):
        super().__init__("The draft has been submitted.")
        self.draft = draft


def _locked(draft: StoryDraft, participant: Participant | None = None) -> StoryDraft:
    rows = StoryDraft.objects.select_for_update().filter(pk=draft.pk)
    if participant is not None:
        rows = rows.filter(participant=participant)
    return rows.get()


@transaction.atomic
def start_draft(*, participant: Participant) -> StoryDraft:
    return StoryDraft.objects.create(participant=participant)


@transaction.atomic
def save_answers(*, draft: StoryDraft, step: str, data: dict, version: int) -> StoryDraft:
    """Keep one step's answers (`data`, already validated) on the draft; return it as saved.

    Refused with DraftConflict when the draft is no longer at `version`, and with
    DraftSubmitted once it has been submitted: what was saved is never overwritten.
    For the photo step, `data` holds `photo` (a new upload or None), `remove_photo`,
    `photo_alt` and `photo_consent`.
    """
    locked = _locked(draft)
    if locked.submitted_at is not None:
        raise DraftSubmitted(locked)
    if locked.version != version:
        raise DraftConflict(locked)
    answers = dict(locked.answers or {})
    for key in STEP_ANSWERS[step]:
        answers[key] = data.get(key, [] if key in LIST_ANSWERS else "")
    saved = list(answers.get("steps_saved") or [])
    answers["steps_saved"] = saved if step in saved else [*saved, step]
    locked.answers = answers
    if step == "photo":
        old = locked.photo.name if locked.photo else ""
        if data.get("remove_photo"):
            locked.photo = ""
        if data.get("photo"):
            locked.photo = data["photo"]
        has_photo = bool(locked.photo)
        locked.photo_alt = data.get("photo_alt", "") if has_photo else ""
        locked.photo_consent = bool(data.get("photo_consent")) and has_photo
        if old and old != (locked.photo.name if locked.photo else ""):
            storage = locked.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def delete_draft(*, draft: StoryDraft, participant: Participant) -> None:
    """Delete a draft never submitted, with its photo (after the delete commits)."""
    locked = _locked(draft, participant)
    if locked.submitted_at is not None:
        raise DraftSubmitted(locked)
    if locked.photo:
        storage, name = locked.photo.storage, locked.photo.name
        transaction.on_commit(lambda: storage.delete(name))
    locked.delete()


def missing_answers(draft: StoryDraft) -> list[tuple[str, str]]:
    """(step, what to do) for each answer a submission still needs."""
    answers = draft.answers or {}
    return [(step, words) for key, (step, words) in REQUIRED.items() if not answers.get(key)]


@transaction.atomic
@renewal()
def submit_draft(
    *, draft: StoryDraft, participant: Participant, version: int | None = None
) -> Story:
    """Make a story in review from the participant's draft, once.

    Refused with DraftSubmitted if the draft was submitted already (a double
    click makes one story), with DraftConflict if `version` is given and the
    draft moved on since the participant checked it, and with ValidationError
    if an answer the story needs is missing.
    """
    locked = _locked(draft, participant)
    if locked.submitted_at is not None:
        raise DraftSubmitted(locked)
    if version is not None and locked.version != version:
        raise DraftConflict(locked)
    if missing := missing_answers(locked):
        raise ValidationError([words for _step, words in missing])
    answers = locked.answers
    title = _clean_line(answers["title"])[: Story._meta.get_field("title").max_length]
    story = Story(
        title=title,
        slug=_unique_slug(Story, title, "story"),
        participant=participant,
        status=Story.Status.REVIEW,
        summary=summary_of(answers.get("challenge", "")),
        pull_quote=(answers.get("quote") or "").strip(),
        body=body_of(answers),
    )
    if locked.photo and locked.photo_consent:
        with locked.photo.open("rb") as photo:
            name = PurePath(locked.photo.name).name
            story.hero_image.save(name, ContentFile(photo.read()), save=False)
        story.hero_image_alt = locked.photo_alt[
            : Story._meta.get_field("hero_image_alt").max_length
        ]
    record_edit(story)
    story.themes.set(Theme.objects.filter(pk__in=_ids(answers.get("themes"))))
    _add_outcomes(story, answers.get("outcomes") or [])
    new_organisations = _add_partners(story, answers.get("partners") or [])
    record_status_change(story=story, from_status=None, by=None)
    revisions.save_revision(story, by=None, comment=SUBMITTED)

    locked.answers = {**answers, "new_organisations": new_organisations}
    if locked.photo:
        # The story holds its own copy (with consent); none is kept twice.
        storage, name = locked.photo.storage, locked.photo.name
        transaction.on_commit(lambda: storage.delete(name))
        locked.photo = ""
    locked.story = story
    locked.submitted_at = timezone.now()
    locked.save()
    send.to_editors(
        "story_submitted",
        {
            "story_title": story.title,
            "participant_name": participant.name,
            "job_title": answers.get("job_title", ""),
            "organisation": answers.get("organisation", ""),
            "admin_url": settings.SITE_URL + reverse("admin:stories_story_change", args=[story.pk]),
        },
        once_key=f"story_submitted:{story.pk}",
    )
    return story


# --- Making the story's parts -----------------------------------------------------


def _clean_line(text: str) -> str:
    return " ".join((text or "").split())


def _ids(values) -> list[int]:
    return [int(value) for value in values or [] if str(value).isdigit()]


def _unique_slug(model, text: str, fallback: str) -> str:
    room = model._meta.get_field("slug").max_length - 8
    base = slugify(text)[:room].strip("-") or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def summary_of(text: str, length: int = SUMMARY_LENGTH) -> str:
    """The first paragraph as plain text, cut at a sentence (or a word) to fit `length`."""
    first = re.split(r"\n\s*\n", (text or "").strip(), maxsplit=1)[0]
    plain = _clean_line(first)
    if len(plain) <= length:
        return plain
    cut = plain[: length - 1]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence_end >= length // 3:
        return cut[: sentence_end + 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > 0 else cut).rstrip(" ,;:-") + "…"


def paragraphs(text: str) -> str:
    """Plain text as escaped HTML paragraphs: a blank line starts one, a line break stays."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", (text or "").replace("\r", ""))]
    return "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in block.splitlines()) + "</p>"
        for block in blocks
        if block
    )


def body_of(answers: dict) -> str:
    """The story's body in headed sections, from the participant's narrative answers.

    Outcomes and partners are not repeated here: they become the story's own outcome
    and partner records, which every story page shows in lists of their own.
    """
    sections = [
        ("The challenge", paragraphs(answers.get("challenge", ""))),
        ("What I did", paragraphs(answers.get("what_i_did", ""))),
        ("What changed", paragraphs(answers.get("changed", ""))),
    ]
    return "".join(f"<h2>{heading}</h2>{html}" for heading, html in sections if html)


def _add_outcomes(story: Story, rows: list[dict]) -> None:
    for order, row in enumerate(r for r in rows if r.get("description")):
        value = row.get("value") or ""
        outcome = Outcome(
            story=story,
            description=row["description"][:300],
            value=Decimal(value) if value else None,
            unit=row.get("unit", "")[:40] if value else "",
            evidence_url=row.get("evidence_url", ""),
            order=order,
        )
        outcome.full_clean(exclude=["story"])
        outcome.save()


def _add_partners(story: Story, rows: list[dict]) -> list[str]:
    """Partner the story with each organisation named (an existing one by its name,
    whatever its case, else a new one); return the names of the new ones."""
    new, seen = [], set()
    for row in rows:
        name = _clean_line(row.get("name", ""))[:200]
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        organisation = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                slug=_unique_slug(Organisation, name, "organisation"),
                kind=Organisation.Kind.OTHER,
            )
            new.append(name)
        StoryPartner.objects.create(
            story=story,
            organisation=organisation,
            role=_clean_line(row.get("role", ""))[:120],
            order=len(seen) - 1,
        )
    return new
