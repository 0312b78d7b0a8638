from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from editorial.admin.autocomplete import ForgivingAutocomplete
from editorial.admin.changelists import DatesInRange
from editorial.admin.display import current_picture, thumbnail
from editorial.admin.inlines import LabelledTabularInline
from editorial.admin.invitations import InvitationInline, InvitingAdmin
from editorial.admin.personal_data import erase_personal_data, export_personal_data
from editorial.admin.slugs import FillsEmptySlug
from editorial.admin.writes import OneRenewalPerWrite
from editorial.people_services import (
    can_change_consent,
    profile_refusal,
    save_organisation,
    save_participant,
)
from editorial.todo import CONSENT_ENDING_DAYS
from participants.models import (
    CONSENT_FIELDS,
    Cohort,
    ConsentChange,
    ConsentWording,
    Erasure,
    Organisation,
    Participant,
    Programme,
)
from stories.models import PathwayStep, Story


class StoryOfParticipantInline(admin.TabularInline):
    """The participant's stories, listed on their page with links to edit each."""

    model = Story
    fields = ["title", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "stories about this participant"

    def has_add_permission(self, request, obj=None):
        return False


class ConsentChangeInline(admin.TabularInline):
    """The participant's consent history: append-only, so read-only here for everyone."""

    model = ConsentChange
    fields = ["at", "by", "what_changed", "wording", "withdrawal", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "consent change"
    verbose_name_plural = "consent history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("participants.view_participant")

    def has_delete_permission(self, request, obj=None):
        return False  # append-only

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "wording")

    @admin.display(description="What changed")
    def what_changed(self, change):
        labels = {f.name: f.verbose_name for f in Participant._meta.fields}
        return "; ".join(
            f"{labels.get(name, name)}: {before or '—'} → {after or '—'}"
            for name, (before, after) in change.changes.items()
        )


class ProtectsPublicProfiles:
    """People and organisations on a published story change only by an editor's hand."""

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or profile_refusal(request.user, obj) is None


class ConsentFilter(admin.SimpleListFilter):
    title = "consent"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [
            ("stands", "Stands"),
            ("ending", f"Ends within {CONSENT_ENDING_DAYS} days"),
            ("missing", "Not given or withdrawn"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stands":
            return queryset.with_consent()
        if self.value() == "ending":
            return queryset.consent_ending(
                timezone.localdate(), within_days=CONSENT_ENDING_DAYS
            ).order_by()  # the list's own ordering, as with every other choice
        if self.value() == "missing":
            return queryset.exclude(pk__in=Participant.objects.with_consent().values("pk"))
        return queryset


@admin.register(Participant)
class ParticipantAdmin(
    InvitingAdmin,
    OneRenewalPerWrite,
    ProtectsPublicProfiles,
    FillsEmptySlug,
    ForgivingAutocomplete,
    admin.ModelAdmin,
):
    # Explicit: an annotated (GROUP BY) query drops Meta.ordering, and the autocomplete pages it.
    ordering = ["name", "pk"]
    list_display = ["name", "photo_preview", "job_title", "organisation", "consent", "story_count"]
    list_select_related = ["organisation"]
    list_filter = [ConsentFilter, "organisation__kind", "cohorts__programme", "cohorts"]
    search_fields = ["name", "job_title", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "cohorts"]
    readonly_fields = ["photo_now"]
    inlines = [StoryOfParticipantInline, ConsentChangeInline]
    actions = [export_personal_data, erase_personal_data]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "organisation", "cohorts", "bio"]}),
        (
            "Photo",
            {
                "fields": ["photo_now", "photo", "photo_alt", "photo_decorative"],
                "description": "JPEG, PNG or WebP, up to 20 MB and 50 megapixels. Location and "
                "camera details are removed when it is saved.",
            },
        ),
        (
            "Consent",
            {
                "fields": [
                    "consent_given",
                    "consent_given_at",
                    "consent_scope",
                    ("consent_name", "consent_photo", "consent_quotes"),
                    "consent_expires_on",
                    "consent_withdrawn_at",
                    "consent_wording",
                ],
                "description": "A participant appears in public only while consent stands: "
                "given, for the website, to be named, not past its end date and not "
                "withdrawn. Nothing is deleted when it lapses. Only editors change consent, "
                "and every change is kept in the consent history below.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_total=Count("stories"))

    def get_inlines(self, request, obj):
        # A person being added has no stories and no consent history yet.
        if obj is None:
            return []
        # Their links show the address each went to: personal data, for editors only.
        return (
            [*self.inlines, InvitationInline] if can_change_consent(request.user) else self.inlines
        )

    def get_fieldsets(self, request, obj=None):
        # Their email address is personal data: only editors, who handle it (subject
        # access, erasure), see or change it; a form without the field leaves it be.
        if not can_change_consent(request.user):
            return self.fieldsets
        contact = (
            "Contact (personal data)",
            {
                "fields": ["email"],
                "description": "Used only to email them links to their own page and news of "
                "their story. Never shown in public; seen by editors only.",
            },
        )
        return [self.fieldsets[0], contact, *self.fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        if can_change_consent(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, *CONSENT_FIELDS]

    def save_model(self, request, obj, form, change):
        # The service checks again what the form allowed, and keeps the consent history.
        save_participant(participant=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        # A person leaves through erasure (the action below), which removes every
        # trace of them, pictures and revisions included, and logs it; a plain
        # delete would leave their name in the admin log and their revisions.
        return False

    def has_personal_data_permission(self, request):
        """Subject access and erasure: editors, who hold consent in their hands."""
        return can_change_consent(request.user)

    @admin.display(description="Current photo")
    def photo_now(self, obj):
        return current_picture(obj, "photo", "profile")

    @admin.display(description="Photo")
    def photo_preview(self, obj):
        return thumbnail(obj, "photo", "profile")

    @admin.display(description="Consent", boolean=True)
    def consent(self, obj):
        return obj.consent_stands

    @admin.display(description="Stories", ordering="story_total")
    def story_count(self, obj):
        return obj.story_total


@admin.register(Organisation)
class OrganisationAdmin(
    OneRenewalPerWrite, ProtectsPublicProfiles, FillsEmptySlug, admin.ModelAdmin
):
    ordering = ["name", "pk"]
    list_display = ["name", "logo_preview", "kind", "website_link", "people", "partnerships_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    # A web address typed without a scheme is taken as https, as browsers now do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "kind",
        "website",
        "description",
        "logo_now",
        "logo",
        "logo_alt",
        "logo_decorative",
    ]
    readonly_fields = ["logo_now"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                people_total=Count("participants", distinct=True),
                partnership_total=Count("partnerships", distinct=True),
            )
        )

    def save_model(self, request, obj, form, change):
        save_organisation(organisation=obj, by=request.user)

    @admin.display(description="Current logo")
    def logo_now(self, obj):
        return current_picture(obj, "logo", "logo")

    @admin.display(description="Logo")
    def logo_preview(self, obj):
        return thumbnail(obj, "logo", "logo")

    @admin.display(description="Website", ordering="website")
    def website_link(self, obj):
        # The host alone: a full address with its path took a third of the list's width.
        if not obj.website:
            return "—"
        parts = urlsplit(obj.website)
        host = parts.netloc.removeprefix("www.") or obj.website
        # Only a web address is a link: the form refuses any other, but a row written
        # another way (the shell, a fixture) must not become a live javascript: link.
        if parts.scheme not in ("http", "https"):
            return host
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.website, host)

    @admin.display(description="People", ordering="people_total")
    def people(self, obj):
        return obj.people_total

    @admin.display(description="Partnerships", ordering="partnership_total")
    def partnerships_count(self, obj):
        return obj.partnership_total


class CohortInline(LabelledTabularInline):
    model = Cohort
    fields = ["name", "slug", "start_date"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0


class PathwayStepInline(LabelledTabularInline):
    """The programme's theory of change: its steps in order, in its own words."""

    model = PathwayStep
    fields = ["stage", "title", "description", "order"]
    extra = 0
    verbose_name = "step on the pathway of change"
    verbose_name_plural = "pathway of change (activities to impact)"
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    # The pathway is part of the programme: who may change the programme may change its
    # steps, and who may read it may read them (no rights of their own to grant).
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("participants.view_programme")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("participants.change_programme")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("participants.change_programme")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("participants.change_programme")


@admin.register(Programme)
class ProgrammeAdmin(OneRenewalPerWrite, FillsEmptySlug, admin.ModelAdmin):
    ordering = ["name", "pk"]
    list_display = ["name", "cohort_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CohortInline, PathwayStepInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cohort_total=Count("cohorts"))

    @admin.display(description="Cohorts", ordering="cohort_total")
    def cohort_count(self, obj):
        return obj.cohort_total


@admin.register(Cohort)
class CohortAdmin(
    DatesInRange, OneRenewalPerWrite, FillsEmptySlug, ForgivingAutocomplete, admin.ModelAdmin
):
    ordering = ["programme__name", "-start_date", "name", "pk"]
    list_display = ["name", "programme", "start_date", "participant_count"]
    list_select_related = ["programme"]
    list_filter = ["programme"]
    search_fields = ["name", "programme__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["programme"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        # select_related: a cohort's name includes its programme's, in lists and pickers.
        return (
            super()
            .get_queryset(request)
            .select_related("programme")
            .annotate(participant_total=Count("participants"))
        )

    @admin.display(description="Participants", ordering="participant_total")
    def participant_count(self, obj):
        return obj.participant_total


@admin.register(ConsentWording)
class ConsentWordingAdmin(admin.ModelAdmin):
    """The versions of the consent text; one that someone agreed to is never edited."""

    list_display = ["version", "in_use_from", "opening"]
    fields = ["version", "in_use_from", "text"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        agreed = obj is not None and (
            Participant.objects.filter(consent_wording=obj).exists()
            or ConsentChange.objects.filter(wording=obj).exists()
        )
        return not agreed

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )

    @admin.display(description="Text")
    def opening(self, obj):
        return obj.text[:120]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The record of erasures: who erased which id, and when. Nothing else is kept."""

    list_display = ["participant_id", "by", "at"]
    fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
