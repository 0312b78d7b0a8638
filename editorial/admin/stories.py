import nested_admin
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.text import format_lazy
from taggit.admin import TagAdmin
from taggit.managers import TaggableManager
from taggit.models import Tag

from editorial import services
from editorial.admin.autocomplete import ForgivingAutocomplete
from editorial.admin.changelists import DatesInRange
from editorial.admin.display import current_picture
from editorial.admin.history import RevisionsAdmin
from editorial.admin.inlines import LabelledNestedTabularInline
from editorial.admin.media import NoncedMediaAdmin
from editorial.admin.outcomes import OutcomeInline, RowsFollowTheStory
from editorial.admin.sharing import ShareLinkInline, SharingAdmin
from editorial.admin.slugs import FillsEmptySlug
from editorial.admin.tag_widget import TAGS_AS_CHIPS
from editorial.admin.told import ToldByParticipantAdmin
from editorial.admin.writes import OneRenewalPerWrite
from editorial.forms import StoryAdminForm
from editorial.revisions import save_revision
from editorial.sharing import sign_off_warning
from editorial.todo import ToDoFilter
from editorial.workflow import EDITOR_ONLY_STATUSES, can_publish
from stories.models import Story, StoryPartner, Theme


class StoryPartnerInline(ForgivingAutocomplete, LabelledNestedTabularInline):
    model = StoryPartner
    fields = ["organisation", "role", "order"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name = "partner organisation"
    verbose_name_plural = "partner organisations"


def _run_workflow_action(modeladmin, request, queryset, service, verb):
    """Apply a workflow service to each selected story and say what happened."""
    done, refused, unapproved = [], [], []
    for story in queryset.select_related("participant"):
        # Asked before the move: publishing counts as an edit, and would make any
        # approval look out of date.
        warning = sign_off_warning(story) if story.status != Story.Status.PUBLISHED else None
        try:
            service(story=story, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
            refused.append(f"“{story}”: {reason}")
            continue
        done.append(story)
        if warning and story.status == Story.Status.PUBLISHED:
            unapproved.append(warning)
    if done:
        noun = "story" if len(done) == 1 else "stories"
        modeladmin.message_user(request, f"{verb} {len(done)} {noun}.", messages.SUCCESS)
    for warning in unapproved:
        modeladmin.message_user(request, warning, messages.WARNING)
    if refused:
        modeladmin.message_user(
            request,
            format_lazy("Not changed ({}): {}", len(refused), "; ".join(refused)),
            messages.WARNING,
        )


@admin.action(description="Publish selected stories", permissions=["publish"])
def publish(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.publish_story, "Published")


@admin.action(description="Send selected stories for review", permissions=["change"])
def send_for_review(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.send_for_review, "Sent for review")


@admin.action(description="Unpublish selected stories (back to draft)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.unpublish_story, "Unpublished")


@admin.action(description="Archive selected stories", permissions=["publish"])
def archive(modeladmin, request, queryset):
    _run_workflow_action(modeladmin, request, queryset, services.archive_story, "Archived")


@admin.register(Story)
class StoryAdmin(
    DatesInRange,
    OneRenewalPerWrite,
    NoncedMediaAdmin,
    SharingAdmin,
    RevisionsAdmin,
    FillsEmptySlug,
    ToldByParticipantAdmin,
    RowsFollowTheStory,
    ForgivingAutocomplete,
    nested_admin.NestedModelAdmin,  # each outcome holds its evidence rows
):
    form = StoryAdminForm
    slug_source = "title"
    # What fits at 1366 pixels beside the filters with a title on two lines: the
    # organisation is a filter and a search away, the hero picture is on the form, and
    # one status column says where the story stands for readers too.
    list_display = [
        "title",
        "participant",
        "public_state",
        "featured",
        "published",
        "theme_list",
    ]
    list_select_related = ["participant"]
    list_filter = [
        ToDoFilter,
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
    formfield_overrides = {TaggableManager: TAGS_AS_CHIPS}
    inlines = [StoryPartnerInline, OutcomeInline, ShareLinkInline]
    actions = [publish, send_for_review, unpublish, archive]
    readonly_fields = [
        "created_at",
        "updated_at",
        "sign_off_summary",
        "approval_summary",
        "hero_image_now",
        "told_by_participant",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "participant",
                    "summary",
                    "pull_quote",
                    "body",
                    "opened_version",  # hidden: the edit this form was opened at
                ]
            },
        ),
        (
            "Hero image",
            {
                "fields": [
                    "hero_image_now",
                    "hero_image",
                    "hero_image_alt",
                    "hero_image_decorative",
                ],
                "description": "JPEG, PNG or WebP, up to 20 MB and 50 megapixels. Location and "
                "camera details are removed when it is saved.",
            },
        ),
        ("Themes and tags", {"fields": ["themes", "tags"]}),
        ("Publication", {"fields": ["status", "published_at", "expires_at", "featured"]}),
        ("Participant sign-off", {"fields": ["sign_off_summary", "approval_summary"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def get_readonly_fields(self, request, obj=None):
        # Scheduling and featuring are editors' decisions.
        if can_publish(request.user):
            return self.readonly_fields
        return [*self.readonly_fields, "published_at", "expires_at", "featured"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def view_on_site(self, obj):
        # Only a story the public can see has a page to view; drafts use Preview.
        if Story.objects.public().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return None

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        # A published (or archived) story changes only by an editor's hand: contributors
        # see it read-only, so nothing they do reaches the public.
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.status not in EDITOR_ONLY_STATUSES or can_publish(request.user)

    def save_model(self, request, obj, form, change):
        current = form.initial.get("status") if change else None
        publishing = obj.status == Story.Status.PUBLISHED and current != Story.Status.PUBLISHED
        # Asked before saving: this save counts as an edit, and would make any
        # approval of the story as it stood look out of date.
        warning = sign_off_warning(obj) if publishing else None
        # The services check again what the form checked: no path goes round the rules.
        try:
            services.save_edit(story=obj, from_status=current, by=request.user)
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from None
        if warning:
            self.message_user(request, warning, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        story = form.instance
        comment = "Changed" if change else "Created"
        if story.status != form.initial.get("status"):
            comment = f"{comment}; {services.VERBS[story.status].lower()}"
        save_revision(story, by=request.user, comment=comment)

    @admin.display(description="Status", ordering="status")
    def public_state(self, obj):
        return obj.public_state

    @admin.display(description="Published", ordering="published_at")
    def published(self, obj):
        return f"{timezone.localtime(obj.published_at):%-d %b %Y}" if obj.published_at else "—"

    @admin.display(description="Current picture")
    def hero_image_now(self, obj):
        return current_picture(obj, "hero_image", "card")

    @admin.display(description="Themes")
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())


@admin.register(Theme)
class ThemeAdmin(OneRenewalPerWrite, FillsEmptySlug, admin.ModelAdmin):
    # Explicit: an annotated (GROUP BY) query drops Meta.ordering, and the autocomplete pages it.
    ordering = ["order", "name", "pk"]
    list_display = ["name", "order", "summary", "story_count"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_total=Count("stories"))

    @admin.display(description="Stories (all statuses)", ordering="story_total")
    def story_count(self, obj):
        return obj.story_total


admin.site.unregister(Tag)


@admin.register(Tag)
class RawTagAdmin(TagAdmin):
    """Raw tags (renaming or merging one changes every story that uses it) are for
    superusers; editors and contributors tag stories on the story form."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
