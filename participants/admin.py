from django.contrib import admin
from django.db import models
from django.db.models import Count

from impactcms.admin_display import thumbnail
from impactcms.admin_inlines import LabelledTabularInline
from impactcms.admin_slugs import FillsEmptySlug
from participants.models import Cohort, Organisation, Participant, Programme
from stories.models import Story


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


class ConsentFilter(admin.SimpleListFilter):
    title = "consent"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [("stands", "Stands"), ("missing", "Not given or withdrawn")]

    def queryset(self, request, queryset):
        if self.value() == "stands":
            return queryset.with_consent()
        if self.value() == "missing":
            return queryset.exclude(pk__in=Participant.objects.with_consent().values("pk"))
        return queryset


@admin.register(Participant)
class ParticipantAdmin(FillsEmptySlug, admin.ModelAdmin):
    # Explicit: an annotated (GROUP BY) query drops Meta.ordering, and the autocomplete pages it.
    ordering = ["name", "pk"]
    list_display = ["name", "photo_preview", "job_title", "organisation", "consent", "story_count"]
    list_select_related = ["organisation"]
    list_filter = [ConsentFilter, "organisation__kind", "cohorts__programme", "cohorts"]
    search_fields = ["name", "job_title", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "cohorts"]
    inlines = [StoryOfParticipantInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "organisation", "cohorts", "bio"]}),
        (
            "Photo",
            {
                "fields": ["photo", "photo_alt", "photo_decorative"],
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
                ],
                "description": "A participant appears in public only while consent stands: "
                "given, for the website, to be named, not past its end date and not "
                "withdrawn. Nothing is deleted when it lapses.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_total=Count("stories"))

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
class OrganisationAdmin(FillsEmptySlug, admin.ModelAdmin):
    ordering = ["name", "pk"]
    list_display = ["name", "logo_preview", "kind", "website", "people", "partnerships_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    # A web address typed without a scheme is taken as https, as browsers now do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                people_total=Count("participants", distinct=True),
                partnership_total=Count("partnerships", distinct=True),
            )
        )

    @admin.display(description="Logo")
    def logo_preview(self, obj):
        return thumbnail(obj, "logo", "logo")

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


@admin.register(Programme)
class ProgrammeAdmin(FillsEmptySlug, admin.ModelAdmin):
    ordering = ["name", "pk"]
    list_display = ["name", "cohort_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CohortInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cohort_total=Count("cohorts"))

    @admin.display(description="Cohorts", ordering="cohort_total")
    def cohort_count(self, obj):
        return obj.cohort_total


@admin.register(Cohort)
class CohortAdmin(FillsEmptySlug, admin.ModelAdmin):
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
