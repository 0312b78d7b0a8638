"""The participant's own story, as it will be published, and their answer to it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from editorial.approvals import ANSWERABLE, STALE, answer
from editorial.sharing import COMMENT_MAX_LENGTH
from editorial.views import _preview_context
from portal.access import participant_required
from stories.models import SignOff, Story


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are you happy for this story to be published?",
        choices=[
            (SignOff.Decision.APPROVED, "I approve this story"),
            (SignOff.Decision.CHANGES, "I would like changes"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you approve the story or would like changes."},
    )
    comment = forms.CharField(
        label="What would you like changed?",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed if you would like changes: say what to change and why.",
    )

    def __init__(self, *args, **kwargs):
        if args and args[0] is not None and "comment" in args[0]:
            # Browsers send a line break as two characters: count it as one, as they show it.
            data = args[0].copy()
            data["comment"] = data["comment"].replace("\r\n", "\n")
            args = (data, *args[1:])
        super().__init__(*args, label_suffix="", **kwargs)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == SignOff.Decision.CHANGES
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", "Say what you would like changed.")
        return cleaned


def status_in_words(story: Story, is_public: bool) -> str:
    if story.status == Story.Status.DRAFT:
        return "Being written: it is not on the website yet."
    if story.status == Story.Status.REVIEW:
        return "With the editors for review: it is not on the website yet."
    if story.status == Story.Status.ARCHIVED:
        return "Archived: it is no longer on the website."
    if is_public:
        return "Published: anyone can read it on the website."
    if story.published_at and story.published_at > timezone.now():
        when = timezone.localtime(story.published_at)
        return f"Published, and will appear on the website on {when:%-d %B %Y at %H:%M}."
    return "Published, but not shown on the website at the moment."


@participant_required
@require_http_methods(["GET", "HEAD", "POST"])
def story(request, pk):
    participant = request.participant
    story = get_object_or_404(Story.objects.with_details(), pk=pk, participant=participant)
    answerable = story.status in ANSWERABLE
    changed_under_them = False
    form = AnswerForm()
    status = 200
    if request.method == "POST":
        if not answerable:
            return HttpResponseBadRequest("This story can no longer be answered here.")
        version = request.POST.get("version", "")
        # ASCII digits only, and few: "²".isdigit() holds but int("²") fails, and a
        # number of thousands of digits is refused by int() itself.
        if not (version.isascii() and version.isdigit() and len(version) <= 18):
            return HttpResponseBadRequest("This form was altered: open the story again.")
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                answer(
                    story=story,
                    participant=participant,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    version=int(version),
                )
            except ValidationError as error:
                if error.messages == [STALE]:
                    changed_under_them, form, status = True, AnswerForm(), 409
                else:  # the story moved on meanwhile (published, say): say why
                    form.add_error(None, error)
                    status = 400
            else:
                messages.success(request, "Thank you. Your answer has been sent to the editors.")
                return redirect("portal:story", pk=story.pk)
        else:
            status = 400
    context = _preview_context(request, story)
    last_answer = (
        SignOff.objects.filter(story=story, participant=participant).order_by("-at", "-id").first()
    )
    context |= {
        "participant": participant,
        "form": form,
        "answerable": answerable,
        "changed_under_them": changed_under_them,
        "status_words": status_in_words(story, context["is_public"]),
        "last_answer": last_answer,
        "answer_is_current": last_answer is not None
        and last_answer.edit_version == story.edit_version,
        "themes": list(story.themes.all()),
        "partnerships": list(story.partnerships.all()),
        "outcomes": list(story.outcomes.all()),
    }
    return render(request, "portal/story_approval.html", context, status=status)
