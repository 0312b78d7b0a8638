"""A story's outcomes on the story form, each with the evidence behind it (nested rows)."""

import nested_admin
from django.db import models

from editorial.admin.inlines import LabelledNestedTabularInline, OwnRowsOnly
from editorial.outcome_forms import EvidenceAdminForm, OutcomeAdminForm, OutcomeFormSet
from stories.models import Evidence, Outcome


class FollowsOutcomeRights:
    """Evidence is part of an outcome's record: who may add, change or delete a story's
    outcomes may do the same to their evidence (no rights of its own to grant)."""

    def _may(self, request, action):
        return request.user.has_perm(f"stories.{action}_outcome")

    def has_view_permission(self, request, obj=None):
        return self._may(request, "view") or self._may(request, "change")

    def has_add_permission(self, request, obj=None):
        return self._may(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._may(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._may(request, "delete")


class EvidenceRows(OwnRowsOnly):
    """An outcome's evidence rows, read from the evidence prefetched with the outcomes:
    the story page runs the same queries for one outcome as for twenty."""

    def get_queryset(self):
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {}).get("evidence")
        if prefetched is None or self.instance.pk is None:
            return super().get_queryset()
        return list(prefetched)


class EvidenceInline(FollowsOutcomeRights, LabelledNestedTabularInline):
    model = Evidence
    form = EvidenceAdminForm
    formset = EvidenceRows
    fields = ["kind", "description", "url", "file", "public", "order"]
    extra = 0
    verbose_name = "evidence item"
    verbose_name_plural = "evidence"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class OutcomeRows(OutcomeFormSet, OwnRowsOnly):
    pass


class OutcomeInline(nested_admin.NestedStackedInline):
    """An outcome as a record: what kind, how much, how far it reached, who checked it,
    the evidence behind it, and (folded) what outcome harvesting asks of it.

    Stacked, in rows, because its fields do not fit beside each other.
    """

    model = Outcome
    form = OutcomeAdminForm
    formset = OutcomeRows
    inlines = [EvidenceInline]
    fieldsets = [
        (None, {"fields": [("kind", "description"), ("value", "unit"), ("level", "verification")]}),
        (
            "Who checked it",
            {
                "fields": [
                    ("verified_by", "verifier_organisation"),
                    ("verifier_relationship", "verified_on"),
                ]
            },
        ),
        (
            "Who changed, how, and why it matters (outcome harvesting)",
            {
                "fields": [
                    ("who_changed", "change_kind", "intended"),
                    "contribution",
                    "significance",
                    ("pathway_step", "achieved_on"),
                    "evidence_url",
                    "order",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    # Opens the folded part by itself when it holds an error or a value, and gives each
    # fieldset's heading an id of its own on a page of many outcomes.
    fieldset_template = "admin/stories/outcome/fieldset.html"
    is_sortable = False  # ordered by the "order" field, not dragged
    extra = 0
    classes = ["outcome-records"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("pathway_step__programme")
            .prefetch_related("evidence")
        )


class RowsFollowTheStory:
    """Mixed into the story admin: every row on the page, nested ones included, is
    read-only for someone who may not change the story itself (a contributor reading a
    published story), as Django's admin does for its own inlines. nested-admin asks only
    each inline's own rights, so the story's answer is kept on the request for its rows."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None, **kwargs):
        if not kwargs.get("allow_nested"):
            request.story_editable = (
                self.has_change_permission(request, obj)
                if obj
                else self.has_add_permission(request)
            )
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj, **kwargs
        )
        if not getattr(request, "story_editable", True):
            for rows in inline_admin_formsets:
                rows.has_add_permission = rows.has_change_permission = False
                rows.has_delete_permission = False
                rows.formset.extra = rows.formset.max_num = 0
        return inline_admin_formsets
