from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from common.addresses import slug_address
from images.fields import CleanImageField
from images.models import HasImages, ImageUse
from images.names import RandomName
from participants.querysets import (
    PUBLIC_WEB_SCOPES,
    CohortQuerySet,
    OrganisationQuerySet,
    ParticipantQuerySet,
    ProgrammeQuerySet,
)


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS = "nhs", "NHS"
    VCS = "vcs", "Voluntary and community sector"
    EDUCATION = "education", "Education"
    NATIONAL = "national", "National body"
    PRIVATE = "private", "Private sector"
    OTHER = "other", "Other"


class ConsentScope(models.TextChoices):
    WEB_AND_PRINT = "web_and_print", "Website and print"
    WEB = "web", "Website only"
    PRINT = "print", "Print only"
    INTERNAL = "internal", "Internal use only"


class Organisation(HasImages, models.Model):
    Kind = OrganisationKind
    IMAGES = {"logo": ImageUse(kind="logo", alt="logo_alt", decorative="logo_decorative")}

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    logo = CleanImageField(upload_to=RandomName("organisations"), blank=True)
    logo_alt = models.CharField(
        "logo alt text",
        max_length=250,
        blank=True,
        help_text="What the logo says, for people who cannot see it.",
    )
    logo_decorative = models.BooleanField(
        "logo is decorative", default=False, help_text="Tick only if the logo needs no description."
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The sitemap's last change: the newest first, until one is public.
        indexes = [models.Index(fields=["-updated_at"], name="organisation_last_changed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("participants:organisation", self.slug)


class Programme(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=100, help_text='For example "March 2020".')
    slug = models.SlugField(max_length=200, unique=True)
    start_date = models.DateField(null=True, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["programme__name", "-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="cohort_name_unique_in_programme"
            ),
        ]

    def __str__(self):
        return f"{self.programme.name}, {self.name}"


class Participant(HasImages, models.Model):
    ConsentScope = ConsentScope
    IMAGES = {"photo": ImageUse(kind="photo", alt="photo_alt", decorative="photo_decorative")}

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    cohorts = models.ManyToManyField(Cohort, blank=True, related_name="participants")
    photo = CleanImageField(upload_to=RandomName("participants"), blank=True)
    photo_alt = models.CharField("photo alt text", max_length=250, blank=True)
    photo_decorative = models.BooleanField("photo is decorative", default=False)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    bio = models.TextField(blank=True)
    # Personal data: for editors and the participant's own emails only, never shown
    # in public; in the subject-access export, and removed by erasure.
    email = models.EmailField(
        blank=True,
        help_text="Where invitations and news of their story go. Never shown in public.",
    )

    # The consent record: what the participant agreed to, and whether it still stands.
    consent_given = models.BooleanField(default=False)
    consent_given_at = models.DateField("consent given on", null=True, blank=True)
    consent_scope = models.CharField(
        max_length=20,
        choices=ConsentScope.choices,
        default=ConsentScope.WEB_AND_PRINT,
        help_text="Where the participant agreed their story may appear.",
    )
    consent_expires_on = models.DateField(
        "consent valid until",
        null=True,
        blank=True,
        help_text="Leave empty if consent has no end date. The day after, the participant "
        "and their stories leave the public site.",
    )
    consent_name = models.BooleanField(
        "agreed to be named",
        default=True,
        help_text="Stories are published under the participant's name: without this they "
        "stay off the public site.",
    )
    consent_photo = models.BooleanField(
        "agreed to their photo being shown",
        default=True,
        help_text="Untick and the photo is kept but never shown in public.",
    )
    consent_quotes = models.BooleanField(
        "agreed to be quoted",
        default=True,
        help_text="Untick and pull quotes are not shown in public.",
    )
    consent_withdrawn_at = models.DateTimeField(
        "consent withdrawn at",
        null=True,
        blank=True,
        help_text="Set this and the participant's stories leave the public site at once.",
    )
    consent_wording = models.ForeignKey(
        "ConsentWording",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="wording agreed to",
        help_text="The consent text the participant was shown and agreed to.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("change_consent", "Can record and change a participant's consent"),
        ]
        indexes = [
            models.Index(fields=["consent_given", "consent_withdrawn_at"]),
            models.Index(fields=["-updated_at"], name="participant_last_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_scope__in=ConsentScope.values),
                name="participant_consent_scope_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("participants:participant", self.slug)

    def clean(self):
        super().clean()
        given, ends = self.consent_given_at, self.consent_expires_on
        if given and ends and ends < given:
            raise ValidationError(
                {"consent_expires_on": "Consent cannot end before the day it was given."}
            )

    @property
    def consent_stands(self) -> bool:
        """The same rule as `consent_stands()` in the querysets, for one loaded participant."""
        return (
            self.consent_given
            and self.consent_name
            and self.consent_withdrawn_at is None
            and self.consent_scope in PUBLIC_WEB_SCOPES
            and (self.consent_expires_on is None or self.consent_expires_on >= timezone.localdate())
        )

    @property
    def consent_problem(self) -> str | None:
        """Why this participant may not appear in public, in words for an editor, or None."""
        if not self.consent_given:
            return f"{self.name} has no consent recorded."
        if self.consent_withdrawn_at is not None:
            withdrawn = timezone.localtime(self.consent_withdrawn_at)
            return f"{self.name} withdrew consent on {withdrawn:%-d %B %Y}."
        if self.consent_expires_on is not None and self.consent_expires_on < timezone.localdate():
            return f"{self.name}'s consent ended on {self.consent_expires_on:%-d %B %Y}."
        if self.consent_scope not in PUBLIC_WEB_SCOPES:
            scope = self.get_consent_scope_display().lower()
            return f"{self.name} agreed to {scope}, not the website."
        if not self.consent_name:
            return f"{self.name} has not agreed to be named."
        return None

    @property
    def photo_may_show(self) -> bool:
        return bool(self.photo) and self.consent_photo


# The fields of a participant that make up their consent record.
CONSENT_FIELDS = (
    "consent_given",
    "consent_given_at",
    "consent_scope",
    "consent_name",
    "consent_photo",
    "consent_quotes",
    "consent_expires_on",
    "consent_withdrawn_at",
    "consent_wording",
)


class ConsentWording(models.Model):
    """A version of the consent text participants are asked to agree to.

    Versions are kept, never edited once a participant has agreed to one, so the
    history can always show the exact words a person said yes to.
    """

    version = models.PositiveIntegerField(unique=True)
    text = models.TextField(help_text="The exact words the participant reads and agrees to.")
    in_use_from = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = "consent wording"

    def __str__(self):
        return f"Consent wording, version {self.version}"


class ConsentChange(models.Model):
    """One change to a participant's consent: who made it, when, from what to what.

    Append-only: rows are written by editorial.people_services and never changed.
    Only erasure of the person removes them.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consent_changes"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    # {field: [before, after]}, as text an editor can read.
    changes = models.JSONField(default=dict)
    wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        what = "Withdrawal" if self.withdrawal else "Consent change"
        return f"{what} on {timezone.localtime(self.at):%-d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent history is append-only: a change is never edited.")
        super().save(*args, **kwargs)


class Erasure(models.Model):
    """That a person was erased: by whom and when, never who they were beyond an id."""

    participant_id = models.PositiveIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"Participant #{self.participant_id} erased"


class Invitation(models.Model):
    """A link that lets one participant into their own pages (/my/), and nothing else.

    The link carries a signed token naming this row and a secret; only a hash of the
    secret is stored, so the database alone never yields a working link. A link is
    used once: the browser that opens it holds a participant session (portal.access)
    until the link expires or is revoked; opened anywhere else it is refused with a
    way to ask for a new one.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_to = models.EmailField("sent to", blank=True)
    # Where the link leads once the participant is in, e.g. a story to approve.
    lands_on = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["participant", "-created_at"])]

    def __str__(self):
        return (
            f"Invitation for {self.participant} of {timezone.localtime(self.created_at):%-d %b %Y}"
        )

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
