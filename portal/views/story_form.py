"""The guided "Tell your story" form: start a draft, answer a step at a time, check, submit.

Every step saves (editorial.participant_stories), so the participant can leave
and come back; a page opened before a newer save (a second tab) is refused
with what they typed shown back, and a submitted draft is the programme team's.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from editorial import participant_stories as service
from portal.access import participant_required
from portal.story_forms import STEP_BY_SLUG, STEPS, PhotoForm, ThemesForm, rows_shown
from stories.models import StoryDraft, Theme

CONFLICT = (
    "This story was saved from another tab or window after you opened this page, so "
    "what you typed here has not been saved. It is shown below with what is saved now: "
    "copy what you want to keep, or save again to replace the saved answers with yours."
)
SAVED_FOR_LATER = "Saved. Carry on from your page whenever you like."


def _draft(request, pk) -> StoryDraft:
    return get_object_or_404(StoryDraft.objects.filter(participant=request.participant), pk=pk)


def step_url(draft, slug) -> str:
    return reverse("portal:draft_step", args=[draft.pk, slug])


def carry_on_url(draft) -> str:
    """The first step not yet saved, else the check page."""
    saved = set((draft.answers or {}).get("steps_saved") or [])
    for step in STEPS:
        if step.slug not in saved:
            return step_url(draft, step.slug)
    return reverse("portal:draft_check", args=[draft.pk])


def _submitted(request, draft, status=200):
    context = {"participant": request.participant, "draft": draft}
    return render(request, "portal/story/submitted.html", context, status=status)


@participant_required
def drafts(request):
    """The participant's drafts, each with a "Carry on" link."""
    drafts = list(request.participant.drafts.all())
    context = {"participant": request.participant, "drafts": drafts}
    return render(request, "portal/story/drafts.html", context)


@participant_required
def carry_on(request, pk):
    """Back to the draft where the participant stopped (or to the submitted page)."""
    draft = _draft(request, pk)
    if draft.submitted_at is not None:
        return _submitted(request, draft)
    return redirect(carry_on_url(draft))


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_story(request):
    if request.method == "POST":
        draft = service.start_draft(participant=request.participant)
        return redirect(step_url(draft, STEPS[0].slug))
    return render(request, "portal/story/new.html", {"participant": request.participant})


def _initial(step, draft) -> dict:
    answers = draft.answers or {}
    initial = {"version": draft.version}
    for name in step.form.base_fields:
        if name in answers:
            initial[name] = answers[name]
    if step.form is PhotoForm:
        initial |= {"photo_alt": draft.photo_alt, "photo_consent": draft.photo_consent}
    return initial


def _forms(request, step, draft, *, data=None, files=None):
    options = {}
    if step.form is PhotoForm:
        options["has_photo"] = bool(draft.photo)
    if step.form is ThemesForm:
        options["themes"] = list(Theme.objects.all())
    form = step.form(data, files, initial=_initial(step, draft), **options)
    rows = None
    if step.rows is not None:
        saved = (draft.answers or {}).get(step.rows_answer) or []
        try:
            asked = int(request.GET.get("rows", 0))
        except ValueError:
            asked = 0
        initial = [*saved, *[{}] * (rows_shown(len(saved), asked) - len(saved))]
        rows = step.rows(data, initial=initial if data is None else None, prefix=step.rows_answer)
    return form, rows


def _render_step(request, step, draft, form, rows, *, status=200, saved_now=None):
    index = STEPS.index(step)
    context = {
        "participant": request.participant,
        "draft": draft,
        "step": step,
        "number": index + 1,
        "steps": [
            {"slug": s.slug, "title": s.title, "url": step_url(draft, s.slug)} for s in STEPS
        ],
        "form": form,
        "rows": rows,
        "saved_now": saved_now,
        "answers": draft.answers or {},
        "check_url": reverse("portal:draft_check", args=[draft.pk]),
    }
    return render(
        request, f"portal/story/step_{step.slug.replace('-', '_')}.html", context, status=status
    )


def _with_version(data, version):
    data = data.copy()
    data["version"] = str(version)
    return data


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_step(request, pk, step):
    spec = STEP_BY_SLUG.get(step)
    if spec is None:
        raise Http404("No such step.")
    draft = _draft(request, pk)
    if draft.submitted_at is not None:
        return _submitted(request, draft, status=409 if request.method == "POST" else 200)
    if request.method != "POST":
        form, rows = _forms(request, spec, draft)
        return _render_step(request, spec, draft, form, rows)

    form, rows = _forms(request, spec, draft, data=request.POST, files=request.FILES)
    if not form.is_valid() or (rows is not None and not rows.is_valid()):
        return _render_step(request, spec, draft, form, rows)
    answers = form.answers()
    if rows is not None:
        answers[spec.rows_answer] = rows.rows()
    try:
        draft = service.save_answers(
            draft=draft, step=spec.slug, data=answers, version=form.cleaned_data["version"]
        )
    except service.DraftSubmitted as refused:
        return _submitted(request, refused.draft, status=409)
    except service.DraftConflict as refused:
        newer = refused.draft
        data = _with_version(request.POST, newer.version)
        form, rows = _forms(request, spec, newer, data=data)
        form.is_valid()
        if rows is not None:
            rows.is_valid()
        messages.error(request, CONFLICT)
        saved_now = _saved_now(spec, newer)
        return _render_step(request, spec, newer, form, rows, status=409, saved_now=saved_now)

    then = request.POST.get("then")
    if then == "more" and rows is not None:
        return redirect(f"{step_url(draft, spec.slug)}?rows={rows.total_form_count() + 1}#more")
    if then == "later":
        messages.success(request, SAVED_FOR_LATER)
        return redirect("portal:drafts")
    index = STEPS.index(spec)
    if index + 1 < len(STEPS):
        return redirect(step_url(draft, STEPS[index + 1].slug))
    return redirect("portal:draft_check", pk=draft.pk)


def _saved_now(step, draft) -> list[tuple[str, str]]:
    """A step's saved answers as (label, text), to show beside a refused save."""
    answers = draft.answers or {}
    shown = []
    for name, field in step.form.base_fields.items():
        if name in answers and name != "themes":
            shown.append((field.label, answers[name]))
    if step.rows_answer:
        for row in answers.get(step.rows_answer) or []:
            shown.append(("", " · ".join(str(value) for value in row.values() if value)))
    if step.slug == "photo":
        shown.append(("Photo", "A photo is saved" if draft.photo else "No photo"))
        shown.append(("Description", draft.photo_alt))
    return shown


def _check_context(request, draft, **extra):
    answers = draft.answers or {}
    theme_ids = [i for i in answers.get("themes") or [] if isinstance(i, int)]
    return {
        "participant": request.participant,
        "draft": draft,
        "answers": answers,
        "themes": list(Theme.objects.filter(pk__in=theme_ids)) if theme_ids else [],
        "steps": {s.slug.replace("-", "_"): step_url(draft, s.slug) for s in STEPS},
        "missing": [
            (step_url(draft, slug), words) for slug, words in service.missing_answers(draft)
        ],
        **extra,
    }


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_check(request, pk):
    """Everything on one page, a "Change" link to each step, and the submit button."""
    draft = _draft(request, pk)
    if draft.submitted_at is not None:
        return _submitted(request, draft)
    if request.method != "POST":
        return render(request, "portal/story/check.html", _check_context(request, draft))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponseBadRequest("The form was incomplete: go back and try again.")
    try:
        service.submit_draft(draft=draft, participant=request.participant, version=version)
    except service.DraftSubmitted:
        return redirect("portal:draft_check", pk=draft.pk)  # a double submit: one story
    except service.DraftConflict as refused:
        messages.error(
            request,
            "Your story was changed in another tab or window after you opened this page. "
            "Check it again below, then submit it.",
        )
        context = _check_context(request, refused.draft)
        return render(request, "portal/story/check.html", context, status=409)
    except ValidationError:
        context = _check_context(request, draft, refused=True)
        return render(request, "portal/story/check.html", context, status=400)
    messages.success(request, "Thank you: your story is with the programme team now.")
    return redirect("portal:draft_check", pk=draft.pk)


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_delete(request, pk):
    """Delete a draft never submitted, after a confirmation page."""
    draft = _draft(request, pk)
    if draft.submitted_at is not None:
        return _submitted(request, draft, status=409 if request.method == "POST" else 200)
    if request.method == "POST":
        try:
            service.delete_draft(draft=draft, participant=request.participant)
        except service.DraftSubmitted as refused:
            return _submitted(request, refused.draft, status=409)
        messages.success(request, "Your draft has been deleted.")
        return redirect("portal:drafts")
    context = {"participant": request.participant, "draft": draft}
    return render(request, "portal/story/delete.html", context)
