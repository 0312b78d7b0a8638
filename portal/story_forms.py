"""The guided "Tell your story" form: its steps, and the form each step shows.

Every answer may be left empty while the participant goes along ("Save and
come back later"); what a story cannot do without is asked for on the check
page, before it is submitted (editorial.participant_stories.missing_answers).
Each form carries the draft's version, so a save from an older page is noticed.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms

from images.fields import CleanImageFormField

LONG_TEXT = 5000
MAX_ROWS = 20
EMPTY_ROWS = 3


def _too_long(limit: int) -> dict:
    return {
        "max_length": f"Keep this to {limit:,} characters or fewer (it has %(show_value)s). "
        "Shorten it: you can tell the programme team the rest."
    }


def text(label, limit, *, help_text="", rows=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=limit,
        required=False,
        help_text=help_text,
        widget=widget,
        error_messages=_too_long(limit),
    )


class DraftForm(forms.Form):
    """A step's answers, with the draft version the page was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class AboutForm(DraftForm):
    job_title = text("Your job title", 120, help_text="For example “Operations Manager, Sport”.")
    organisation = text("The organisation you work for", 200)
    title = text(
        "A working title for your story",
        200,
        help_text="A few words. The programme team may suggest a better one later.",
    )


class ChallengeForm(DraftForm):
    challenge = text(
        "What was the challenge?",
        LONG_TEXT,
        rows=10,
        help_text="What was the problem, who did it affect, and why did it matter? "
        "Leave a blank line between paragraphs.",
    )


class WhatYouDidForm(DraftForm):
    what_i_did = text(
        "What did you do?",
        LONG_TEXT,
        rows=10,
        help_text="Who you talked to, what you tried, what you learned on the programme "
        "that helped.",
    )


class WhatChangedForm(DraftForm):
    changed = text(
        "What changed, in your words (optional)",
        LONG_TEXT,
        rows=6,
        help_text="Then list below anything you can count.",
    )


def _figure(value: str) -> str:
    """A figure as typed (“£250,000”, “12.5”) as a plain number, or ValidationError."""
    plain = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
    try:
        number = Decimal(plain)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise forms.ValidationError("Enter the figure as a number, like 250000 or 12.5.")
    if number < 0:
        raise forms.ValidationError("Enter a figure of 0 or more.")
    if number >= Decimal("1e12") or number != number.quantize(Decimal("0.01")):
        raise forms.ValidationError(
            "Enter a figure below a million million, with at most two decimal places."
        )
    shown = format(number.quantize(Decimal("0.01")), "f")
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


class OutcomeRowForm(forms.Form):
    description = text(
        "What changed", 300, help_text="For example “Funding for a health programme”."
    )
    value = forms.CharField(
        label="Figure",
        max_length=30,
        required=False,
        help_text="A number, like 250000.",
        error_messages=_too_long(30),
    )
    unit = text("Unit", 40, help_text="For example “pounds”, “people”, “posts”.")
    evidence_url = forms.URLField(
        label="Link to evidence (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="A public page that shows it: a report, a press release.",
        error_messages={
            "invalid": "Enter a web address, like https://example.org/report.",
            **_too_long(500),
        },
    )

    def clean_value(self):
        value = self.cleaned_data["value"]
        return _figure(value) if value.strip() else ""

    def clean_evidence_url(self):
        url = self.cleaned_data["evidence_url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Enter a web address, like https://example.org/report.")
        return url

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("value", "unit", "evidence_url"))
        if filled and not data.get("description") and not self.has_error("description"):
            self.add_error("description", "Say what changed, or clear this row.")
        if data.get("unit") and not data.get("value") and not self.has_error("value"):
            self.add_error("value", "Enter the number the unit counts, or leave the unit empty.")
        return data


class PartnerRowForm(forms.Form):
    name = text("Organisation", 200)
    role = text("What they did", 120, help_text="For example “funded the programme”.")

    def clean(self):
        data = super().clean()
        if data.get("role") and not data.get("name") and not self.has_error("name"):
            self.add_error("name", "Name the organisation, or clear this row.")
        return data


class RowFormSet(forms.BaseFormSet):
    noun = "rows"

    def rows(self) -> list[dict]:
        """The filled rows, in order."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and any(form.cleaned_data.values())
        ]


def row_formset(form, noun):
    return forms.formset_factory(
        form,
        formset=type(f"{noun.title()}FormSet", (RowFormSet,), {"noun": noun}),
        extra=0,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


OutcomeFormSet = row_formset(OutcomeRowForm, "outcomes")
PartnerFormSet = row_formset(PartnerRowForm, "partners")


def rows_shown(saved: int, asked: int = 0) -> int:
    """How many rows a list step shows: the saved ones and room for more."""
    return min(MAX_ROWS, max(EMPTY_ROWS, saved + 1, asked))


class QuoteForm(DraftForm):
    quote = text(
        "In your own words",
        1000,
        rows=4,
        help_text="A sentence or two we may quote, as you would say it. Leave out the "
        "quotation marks.",
    )


class ThemesForm(DraftForm):
    themes = forms.TypedMultipleChoiceField(
        label="Themes that fit your story",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the themes listed."},
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(theme.pk, theme.name) for theme in themes]


class PhotoForm(DraftForm):
    photo = CleanImageFormField(
        label="A photo",
        required=False,
        help_text="JPEG, PNG or WebP, up to 20 MB. Location and camera details are removed.",
        error_messages={
            "invalid_image": "This file is not a picture we can read. Choose a JPEG, PNG or "
            "WebP photo."
        },
    )
    remove_photo = forms.BooleanField(label="Remove the photo", required=False)
    photo_alt = text(
        "Describe the photo for people who cannot see it",
        250,
        help_text="Who or what is in it, and what is happening.",
    )
    photo_consent = forms.BooleanField(
        label="I took this photo or have permission to use it, and I agree to it being "
        "shown with my story",
        required=False,
    )

    def __init__(self, *args, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_saved_photo = has_photo

    def clean(self):
        data = super().clean()
        if self.has_error("photo"):
            return data
        keeps = self.has_saved_photo and not data.get("remove_photo")
        if data.get("photo") or keeps:
            if not data.get("photo_alt") and not self.has_error("photo_alt"):
                self.add_error("photo_alt", "Describe the photo for people who cannot see it.")
            if not data.get("photo_consent"):
                self.add_error(
                    "photo_consent",
                    "Tick this to say you may share the photo, or remove the photo.",
                )
        return data

    def answers(self) -> dict:
        return self.cleaned_data


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type
    rows: type | None = None  # a list of rows saved as one answer
    rows_answer: str = ""
    add_label: str = ""


STEPS = [
    Step("about", "About you and your work", AboutForm),
    Step("challenge", "The challenge", ChallengeForm),
    Step("what-you-did", "What you did", WhatYouDidForm),
    Step(
        "what-changed",
        "What changed",
        WhatChangedForm,
        OutcomeFormSet,
        "outcomes",
        "Add another outcome",
    ),
    Step(
        "partners",
        "Who you worked with",
        DraftForm,
        PartnerFormSet,
        "partners",
        "Add another organisation",
    ),
    Step("quote", "In your own words", QuoteForm),
    Step("themes", "Themes that fit", ThemesForm),
    Step("photo", "A photo", PhotoForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
