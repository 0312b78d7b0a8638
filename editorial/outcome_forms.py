"""The outcome and evidence rows of the story form: help in a programme officer's words,
the pathway steps a story's outcomes may sit on, and the folded part that opens itself."""

from itertools import groupby

from django import forms
from django.db import models

from stories.models import Evidence, Outcome, PathwayStep

# Outcome harvesting's questions: asked of fewer outcomes, so folded until wanted.
HARVEST_FIELDS = [
    "who_changed",
    "change_kind",
    "intended",
    "contribution",
    "significance",
    "pathway_step",
    "achieved_on",
    "evidence_url",
    "order",
]

OUTCOME_HELP = {
    "kind": "What sort of change it is; totals add up within a type.",
    # Short enough for level and verification to sit side by side, the common case.
    "level": "Felt, learnt, now do (behaviour), or achieved (results).",
    "verification": "Self-reported (their word), corroborated (by another), "
    "independent (no stake).",
    "verified_by": "Who checked it: a name or a role, e.g. the partner's finance lead.",
    "verifier_organisation": "Where they work.",
    "verified_on": "The day they confirmed it.",
    "who_changed": "Whose practice, decisions or behaviour changed.",
    "change_kind": "What kind of thing changed.",
    "intended": "Did the programme set out to bring this about? Surprises count too.",
    "contribution": "What the programme, or the participant through it, did towards it.",
    "significance": "Why it matters, and to whom.",
    "pathway_step": "Where it sits on the programme's pathway of change.",
    "achieved_on": "When it happened.",
    "evidence_url": "A public page that shows it: a board paper, a report, a press release.",
    "order": "Lower numbers come first on the story.",
}


def _https_by_default(db_field, **kwargs):
    # A web address typed without a scheme is taken as https, as browsers now do.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


# Graded with a default: a form that does not send one (opened before grades existed)
# leaves the outcome's grade as it is stored, or the default for a new one.
KEPT_WHEN_NOT_SENT = ["level", "verification", "intended"]


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [
            "kind",
            "description",
            "value",
            "unit",
            "level",
            "verification",
            "verified_by",
            "verifier_organisation",
            "verifier_relationship",
            "verified_on",
            *HARVEST_FIELDS,
        ]
        help_texts = OUTCOME_HELP
        formfield_callback = _https_by_default
        widgets = {
            "contribution": forms.Textarea(attrs={"rows": 2}),
            "significance": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, pathway_steps=list, **kwargs):
        super().__init__(*args, **kwargs)
        for name in KEPT_WHEN_NOT_SENT:
            if name in self.fields:
                self.fields[name].required = False
        self.pathway_steps = pathway_steps
        if field := self.fields.get("pathway_step"):
            field.choices = self._steps_by_programme  # read when shown: see OutcomeFormSet

    def _offered_steps(self) -> list[PathwayStep]:
        """The participant's programmes' steps, and the step the outcome sits on already
        (kept, though the participant has since left its programme)."""
        steps = self.pathway_steps()
        current = self.instance.pathway_step if self.instance.pathway_step_id else None
        return steps if current is None or current in steps else [*steps, current]

    def _steps_by_programme(self):
        by_programme = groupby(self._offered_steps(), key=lambda step: step.programme)
        return [
            ("", "—"),
            *(
                (programme.name, [(s.pk, str(s)) for s in group])
                for programme, group in by_programme
            ),
        ]

    def clean_pathway_step(self):
        step = self.cleaned_data.get("pathway_step")
        if step is not None and step not in self._offered_steps():
            raise forms.ValidationError(
                "Choose a step of the pathway of this participant's programme.",
                code="other_programme",
            )
        return step

    @property
    def folded_part_open(self) -> bool:
        """The outcome-harvesting part opens by itself when it holds an error or a value."""
        for name in HARVEST_FIELDS:
            if name not in self.fields:
                continue
            if self[name].errors:
                return True
            value, default = self[name].value(), self.fields[name].initial
            if value not in (None, "") and str(value) != str("" if default is None else default):
                return True
        return False


class OutcomeFormSet:
    """Mixed into the outcome rows' formset: the pathway steps of the story's participant,
    read once for all its rows (and the blank row a new outcome is copied from).

    Read when first wanted, not when the rows are made: on a new story the rows are
    made before the story's own form has read which participant it is about.
    """

    _steps_of = _steps = None

    def pathway_steps(self) -> list[PathwayStep]:
        participant_id = self.instance.participant_id if self.instance else None
        if participant_id is None:
            return []
        if self._steps_of != participant_id:
            self._steps = list(PathwayStep.objects.of_participant(participant_id))
            self._steps_of = participant_id
        return self._steps

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "pathway_steps": self.pathway_steps}


class EvidenceAdminForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["kind", "description", "url", "file", "public", "order"]
        formfield_callback = _https_by_default
        # Not "Description": the outcome it sits in has one, and each must be told apart.
        labels = {"description": "What it shows"}
        # A plain box: the admin's "Currently: <link> Change:" widget doubled the row's width.
        widgets = {"url": forms.URLInput(attrs={"size": 28})}
        help_texts = {"public": "Readers of the story see it, and may open its file."}
