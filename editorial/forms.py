from django import forms
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from editorial.revisions import changes_between, version_with_edit
from editorial.workflow import (
    allowed_statuses,
    participant_change_refusal,
    publication_problem,
    status_refusal,
)
from stories.models import Story

EDITOR_ONLY_MESSAGE = (
    "Only an editor can publish, unpublish or archive a story. Send it for review instead."
)


def _one_kind_of_line_break(text: str) -> str:
    # Browsers send CRLF; stored text uses LF, so a save with no edit changes nothing.
    return text.replace("\r\n", "\n")


class StoryAdminForm(forms.ModelForm):
    """The story form, aware of who is saving so the workflow rule holds on the server."""

    user = None  # set by StoryAdmin.get_form

    # The edit the form was opened at; a save from an older one is a conflict.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Story
        fields = [
            "title",
            "slug",
            "participant",
            "summary",
            "pull_quote",
            "body",
            "hero_image",
            "hero_image_alt",
            "hero_image_decorative",
            "themes",
            "tags",
            "status",
            "published_at",
            "expires_at",
            "featured",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "pull_quote": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and "status" in self.fields:
            # Offer only the statuses this user may choose; clean_status still checks.
            allowed = allowed_statuses(self.user, self._current_status())
            field = self.fields["status"]
            field.choices = [(value, label) for value, label in field.choices if value in allowed]
            field.error_messages["invalid_choice"] = EDITOR_ONLY_MESSAGE
        self.fields["opened_version"].initial = self.instance.edit_version

    def _current_status(self):
        return self.instance.status if self.instance.pk else None

    def clean_summary(self):
        return _one_kind_of_line_break(self.cleaned_data["summary"])

    def clean_pull_quote(self):
        return _one_kind_of_line_break(self.cleaned_data["pull_quote"])

    def clean_status(self):
        status = self.cleaned_data["status"]
        current = self._current_status()
        if status != current and (refusal := status_refusal(self.user, current, status)):
            raise forms.ValidationError(refusal)
        return status

    def clean(self):
        cleaned = super().clean()
        self._check_for_conflict(cleaned)
        # self.instance still holds the story as stored until the form is applied.
        if (
            self.instance.pk
            and "participant" in cleaned
            and (
                refusal := participant_change_refusal(
                    self.user, self.instance, cleaned["participant"]
                )
            )
        ):
            self.add_error("participant", refusal)
            return cleaned
        publishing = cleaned.get("status") == Story.Status.PUBLISHED
        if not publishing:
            return cleaned
        becoming_public = self._current_status() != Story.Status.PUBLISHED
        if (
            becoming_public
            and "participant" in cleaned
            and (problem := self._publication_problem(cleaned))
        ):
            self.add_error("participant", problem)
        date_missing = "published_at" in self.fields and not cleaned.get("published_at")
        if date_missing and "published_at" not in self.errors:
            cleaned["published_at"] = timezone.now()
        return cleaned

    def _check_for_conflict(self, cleaned):
        """Refuse to overwrite a save made since this form was opened, and show it.

        The form then carries the newer edit number, so saving again (after
        reading what changed) replaces the other save knowingly.
        """
        if self._errors.pop("opened_version", None):
            # The field is hidden, so its own error would not be seen: say it above the form.
            raise forms.ValidationError(
                "This form could not tell which version of the story it was opened at. "
                "Copy your changes, reload the story, and make them again.",
                code="edit_version_garbled",
            )
        opened = cleaned.get("opened_version")
        current = self._saved_edit_version()
        if not self.instance.pk or opened is None or opened == current:
            return
        newest = version_with_edit(self.instance.pk, current)
        opened_at = version_with_edit(self.instance.pk, opened)
        changes = changes_between(opened_at, newest) if newest and opened_at else []
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = current
        raise forms.ValidationError(
            render_to_string(
                "admin/stories/story/edit_conflict.html",
                {"revision": newest.revision if newest else None, "changes": changes},
            ),
            code="edit_conflict",
        )

    def _saved_edit_version(self) -> int:
        """The edit number as stored, locked until this save ends (the admin's transaction).

        A second save arriving at the same instant waits here, then sees this one.
        """
        if not self.instance.pk:
            return self.instance.edit_version
        stories = Story.objects.all()
        if not transaction.get_autocommit():  # a lock needs a transaction to live in
            stories = stories.select_for_update()
        stored = stories.filter(pk=self.instance.pk).values_list("edit_version", flat=True).first()
        return self.instance.edit_version if stored is None else stored

    @staticmethod
    def _publication_problem(cleaned):
        return publication_problem(Story(participant=cleaned.get("participant")))
