"""A story as it will be published, before it is: for staff, and for a participant by link.

Both render the public story template with the public page's data, so what
is approved is what readers will see. Neither is for search engines or shared
caches, and a share link's page keeps its address out of Referer headers.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from common.login_throttle import client_ip
from editorial.sharing import (
    COMMENT_MAX_LENGTH,
    STAFF_MAY_NOT_ANSWER,
    record_sign_off,
    resolve_share_token,
    sign_off_problem,
)
from stories.models import SignOff, Story
from stories.story_page import story_page_context


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are you happy for this story to be published?",
        choices=[
            (SignOff.Decision.APPROVED, "I approve this story"),
            (SignOff.Decision.CHANGES, "I'd like changes"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comments",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed if you'd like changes: say what to change and why.",
    )

    def __init__(self, *args, story_version: int, **kwargs):
        if args and args[0] is not None and "comment" in args[0]:
            # Browsers count a line break as one character against maxlength but
            # send two (CRLF): count them as the participant saw them.
            data = args[0].copy()
            data["comment"] = data["comment"].replace("\r\n", "\n")
            args = (data, *args[1:])
        super().__init__(*args, label_suffix="", **kwargs)
        self.story_version = story_version

    def clean(self):
        cleaned = super().clean()
        # The page carries the version it showed: an answer is about that text,
        # so an edit made while the participant was reading must be read first.
        if self.data.get("version") != str(self.story_version):
            raise forms.ValidationError(
                "The story changed while you were reading it. Please read it again "
                "above, then send your answer."
            )
        # The fields have checked the choice and the length; the service's rule adds
        # what they cannot: asking for changes needs a comment.
        fields_valid = "decision" in cleaned and "comment" in cleaned
        if fields_valid and (problem := sign_off_problem(cleaned["decision"], cleaned["comment"])):
            self.add_error("comment", problem)
        return cleaned


def keep_private(response, *, hide_address: bool = False):
    """Keep a preview out of search engines and shared caches (and its URL out of Referers)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    if hide_address:
        # Not "no-referrer": browsers then send `Origin: null` with the sign-off form's
        # POST, which Django's CSRF check refuses. "same-origin" still keeps the link's
        # address from every other site.
        response["Referrer-Policy"] = "same-origin"
    return response


def _preview_context(request, story: Story) -> dict:
    # Related stories are left out: a preview is about this story alone.
    # Pictures on a preview are addressed privately: the story may not be public yet.
    return story_page_context(request, story, with_related=False) | {
        "is_public": Story.objects.public().filter(pk=story.pk).exists(),
        "private_pictures": True,
    }


def staff_preview(request, story_id: int):
    """The admin's preview; `editorial.admin.sharing` has checked the user may see the story."""
    story = get_object_or_404(Story.objects.with_details().with_public_evidence(), pk=story_id)
    return keep_private(
        render(request, "stories/story_preview.html", _preview_context(request, story))
    )


@require_http_methods(["GET", "HEAD", "POST"])
def shared_story(request, token):
    link = resolve_share_token(token)
    if link is None:
        # Still private: a dead link's page is not for search engines or caches either.
        return keep_private(
            render(request, "404.html", {"request_path": request.path}, status=404),
            hide_address=True,
        )
    story = get_object_or_404(Story.objects.with_details().with_public_evidence(), pk=link.story_id)
    link.story = story
    staff_reading = request.user.is_authenticated and request.user.is_staff
    if request.method == "POST":
        form = SignOffForm(request.POST, story_version=story.edit_version)
        if staff_reading:
            form.add_error(None, STAFF_MAY_NOT_ANSWER)
        if form.is_valid():
            record_sign_off(
                link=link,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                by=request.user,
                client_address=client_ip(request),
            )
            messages.success(request, "Thank you. Your answer has been sent to the editors.")
            return keep_private(redirect(request.path), hide_address=True)
    else:
        form = SignOffForm(story_version=story.edit_version)
    context = _preview_context(request, story) | {
        "link": link,
        "form": form,
        "last_answer": link.sign_offs.order_by("-at", "-id").first(),
        "staff_reading": staff_reading,
    }
    return keep_private(render(request, "stories/story_shared.html", context), hide_address=True)
