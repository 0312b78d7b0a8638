"""The evaluation around the outcomes: the evidence behind each, the pathway of change
each sits on (a programme's theory of change), and the panels that choose the stories
that matter most (Most Significant Change).

Models only; stories.models imports them so Django finds them. What is public of them
is said once, in their querysets (stories.evaluation_queries).
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

from participants.models import Programme
from stories.evaluation_queries import (
    ConsiderationQuerySet,
    EvidenceQuerySet,
    PathwayStepQuerySet,
    SelectionRoundQuerySet,
)
from stories.evidence_files import EvidenceFileField, EvidenceFileName, validate_evidence_file


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    DATA = "data", "Data"
    TESTIMONY = "testimony", "Testimony"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class Evidence(models.Model):
    """One thing that shows an outcome happened: a link or an uploaded file.

    Shown to the public only when marked public and its story is public; an uploaded
    file is served only then, from its own address (public.evidence_views), never
    from the media folder.
    """

    Kind = EvidenceKind

    outcome = models.ForeignKey(
        "stories.Outcome", on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices, default="document")
    description = models.CharField(max_length=300)
    url = models.URLField(
        "link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    file = EvidenceFileField(
        upload_to=EvidenceFileName("evidence"),
        blank=True,
        max_length=200,
        validators=[validate_evidence_file],
    )
    public = models.BooleanField(
        "show to the public",
        default=False,
        help_text="Readers of the story see it (and may open the file). Leave unticked for "
        "evidence the programme holds but does not publish.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EvidenceKind.values), name="evidence_kind_valid"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def public_address(self) -> str:
        """Where the public opens it: its link, or its file's own address."""
        if self.url or not self.file:
            return self.url
        return reverse("evidence_file", args=[self.pk, PurePath(self.file.name).name])

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.file):
            raise ValidationError("Give a link or upload a file (one, not both).")


class PathwayStage(models.TextChoices):
    """Where a step stands on a theory of change, from what was done to what it led to."""

    ACTIVITIES = "activities", "Activities"
    OUTPUTS = "outputs", "Outputs"
    SHORT_TERM = "short_term", "Short-term outcomes"
    LONG_TERM = "long_term", "Long-term outcomes"
    IMPACT = "impact", "Impact"


class PathwayStep(models.Model):
    """One step of a programme's pathway of change, in the programme's own words."""

    Stage = PathwayStage

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pathway_steps")
    stage = models.CharField(max_length=20, choices=PathwayStage.choices)
    title = models.CharField(
        max_length=200, help_text='In the programme\'s words, e.g. "Leaders meet as peers".'
    )
    description = models.TextField(blank=True, max_length=2000)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = PathwayStepQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=PathwayStage.values), name="pathway_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.title}"


class SelectionRound(models.Model):
    """A panel's reading of a programme's stories from one period, choosing in each theme
    the story of most significant change (Davies and Dart).

    Its choices are public, and their participants told, once it is `decided_on`.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="selection_rounds"
    )
    title = models.CharField(max_length=200, help_text='For example "Spring 2024 panel".')
    period_start = models.DateField("stories from")
    period_end = models.DateField("stories to")
    decided_on = models.DateField(
        "panel decided on",
        null=True,
        blank=True,
        help_text="Leave empty until the panel has chosen: the choices are public, and "
        "their participants told, from the day it is filled in.",
    )
    notes = models.TextField("how the panel worked", blank=True, max_length=5000)

    objects = SelectionRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="selection_round_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period must end after it starts."})


class PanelMember(models.Model):
    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="panel"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Funder's representative")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class Consideration(models.Model):
    """A story the panel read in one theme, and, for the one it chose, why."""

    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="considerations"
    )
    theme = models.ForeignKey("stories.Theme", on_delete=models.PROTECT, related_name="+")
    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="considerations"
    )
    chosen = models.BooleanField(default=False)
    reason = models.TextField(
        "the panel's reason",
        blank=True,
        max_length=2000,
        help_text="In the panel's words: why this story, of those read in the theme.",
    )
    # When its participant was told it was chosen (once: the notification is not repeated).
    told_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConsiderationQuerySet.as_manager()

    class Meta:
        ordering = ["theme__order", "theme__name", "-chosen", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection_round", "theme", "story"], name="consideration_once"
            ),
            models.UniqueConstraint(
                fields=["selection_round", "theme"],
                condition=models.Q(chosen=True),
                name="one_chosen_per_theme",
            ),
            models.CheckConstraint(
                condition=models.Q(chosen=False) | ~models.Q(reason=""),
                name="chosen_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.story} ({self.theme})"

    def clean(self):
        super().clean()
        if self.chosen and not self.reason.strip():
            raise ValidationError({"reason": "Give the panel's reason for choosing it."})
