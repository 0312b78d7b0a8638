from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils.text import format_lazy

from impactcms.admin_display import thumbnail
from impactcms.admin_slugs import FillsEmptySlug
from stories import services
from stories.forms import StoryAdminForm
from stories.models import Outcome, Story, StoryPartner, Theme
from stories.workflow import can_publish, status_refusal


class StoryPartnerInline(admin.TabularInline):
    model = StoryPartner
    fields = ["organisation", "role", "order"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name = "partner organisation"
    verbose_name_plural = "partner organisations"


class OutcomeInline(admin.TabularInline):
    model = Outcome
    fields = ["description", "value", "unit", "order"]
    extra = 0


def _run_workflow_action(modeladmin, request, queryset, service, verb):
    """Apply a workflow service to each selected story and say what happened."""
    done, refused = [], []
    for story in queryset.select_related("participant"):
        try:
            service(story=story, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
            refused.append(f"“{story}”: {reason}")
        else:
            done.append(story)
    if done:
        noun = "story" if len(done) == 1 else "stories"
        modeladmin.message_user(request, f"{verb} {len(done)} {noun}.", messages.SUCCESS)
    if refused:
        modeladmin.message_user(
            request,
            format_lazy("Not changed ({}): {}", len(refused), "; ".join(refused)),
            messages.WARNING,
        )


@admin.action(description="Publish selected stories", permissions=["publish"])
def publish(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.publish_story, "Published")


@admin.action(description="Send selected stories for review")
def send_for_review(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.send_for_review, "Sent for review")


@admin.action(description="Unpublish selected stories (back to draft)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.unpublish_story, "Unpublished")


@admin.action(description="Archive selected stories", permissions=["publish"])
def archive(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.archive_story, "Archived")


@admin.register(Story)
class StoryAdmin(FillsEmptySlug, admin.ModelAdmin):
    form = StoryAdminForm
    slug_source = "title"
    list_display = [
        "title",
        "hero_preview",
        "participant",
        "organisation",
        "status",
        "featured",
        "published_at",
        "theme_list",
    ]
    list_select_related = ["participant", "participant__organisation"]
    list_filter = [
        "status",
        "featured",
        "themes",
        ("participant__cohorts__programme", admin.RelatedOnlyFieldListFilter),
        ("participant__cohorts", admin.RelatedOnlyFieldListFilter),
        "participant__organisation__kind",
    ]
    search_fields = [
        "title",
        "summary",
        "participant__name",
        "participant__organisation__name",
        "partners__name",
    ]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["participant", "themes"]
    inlines = [StoryPartnerInline, OutcomeInline]
    actions = [publish, send_for_review, unpublish, archive]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "participant", "summary", "pull_quote", "body"]}),
        (
            "Hero image",
            {
                "fields": ["hero_image", "hero_image_alt", "hero_image_decorative"],
                "description": "JPEG, PNG or WebP, up to 20 MB and 50 megapixels. Location and "
                "camera details are removed when it is saved.",
            },
        ),
        ("Themes and tags", {"fields": ["themes", "tags"]}),
        ("Publication", {"fields": ["status", "published_at", "featured"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def get_readonly_fields(self, request, obj=None):
        # Scheduling and featuring are editors' decisions.
        if can_publish(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, "published_at", "featured"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        # Second line of defence behind the form: never store a status the user may not set.
        current = form.initial.get("status") if change else None
        if obj.status != current and (refusal := status_refusal(request.user, current, obj.status)):
            raise PermissionDenied(refusal)
        super().save_model(request, obj, form, change)

    @admin.display(description="Hero")
    def hero_preview(self, obj):
        return thumbnail(obj, "hero_image", "card")

    @admin.display(description="Organisation", ordering="participant__organisation__name")
    def organisation(self, obj):
        return obj.participant.organisation if obj.participant else None

    @admin.display(description="Themes")
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())


@admin.register(Theme)
class ThemeAdmin(FillsEmptySlug, admin.ModelAdmin):
    list_display = ["name", "order", "summary", "story_count"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_total=Count("stories"))

    @admin.display(description="Stories (all statuses)", ordering="story_total")
    def story_count(self, obj):
        return obj.story_total
