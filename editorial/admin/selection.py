"""Selection rounds as editors record them: the panel, the stories read in each theme,
the one chosen per theme and the panel's reason.

Editors add and change rounds; view-only staff and contributors read them. Every
save goes through editorial.selection.save_round, which checks the rules again and
tells the chosen stories' participants once the round is decided.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q

from common.dates import local_datetime
from editorial import selection
from editorial.admin.autocomplete import ForgivingAutocomplete
from editorial.admin.changelists import DatesInRange
from editorial.admin.inlines import LabelledTabularInline
from editorial.admin.writes import OneRenewalPerWrite
from stories.models import Consideration, PanelMember, SelectionRound


class PanelInline(LabelledTabularInline):
    model = PanelMember
    fields = ["name", "role", "order"]
    extra = 0
    verbose_name = "panel member"
    verbose_name_plural = "the panel"


class ConsiderationFormSet(forms.BaseInlineFormSet):
    """The rules across the round's rows, as errors on the rows that break them."""

    def clean(self):
        rows = [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data
            and not self._should_delete_form(form)
            and form.instance.story_id is not None
            and form.instance.theme_id is not None
        ]
        programme_id = self.instance.programme_id
        for form in rows:
            problems = selection.consideration_problems(form.instance, programme_id=programme_id)
            for field, message in problems.items():
                form.add_error(field, message)
        across = selection.round_problems([form.instance for form in rows])
        for index, problems in across.items():
            for field, message in problems.items():
                rows[index].add_error(field, message)
        super().clean()


class ConsiderationInline(ForgivingAutocomplete, LabelledTabularInline):
    model = Consideration
    formset = ConsiderationFormSet
    fields = ["theme", "story", "chosen", "reason", "told"]
    readonly_fields = ["told"]
    autocomplete_fields = ["story"]
    extra = 0
    verbose_name = "story considered"
    verbose_name_plural = "stories considered, by theme"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "reason":  # a few sentences, in the panel's words
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("theme", "story"):
            # A panel reads the stories there are: no adding or editing one from a row.
            for action in ("add", "change", "delete"):
                setattr(field.widget, f"can_{action}_related", False)
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story", "theme")

    @admin.display(description="Participant told")
    def told(self, obj):
        return local_datetime(obj.told_at)


@admin.register(SelectionRound)
class SelectionRoundAdmin(
    DatesInRange, ForgivingAutocomplete, OneRenewalPerWrite, admin.ModelAdmin
):
    # Explicit: the chosen count (a GROUP BY) drops Meta.ordering, and the autocomplete pages it.
    ordering = ["-period_end", "-id"]
    list_display = ["title", "programme", "period", "decided_on", "chosen_count"]
    list_select_related = ["programme"]
    list_filter = ["programme"]
    search_fields = ["title", "programme__name"]
    autocomplete_fields = ["programme"]
    date_hierarchy = "period_end"
    inlines = [PanelInline, ConsiderationInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", ("period_start", "period_end"), "decided_on"]}),
        ("Notes", {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        chosen = Count("considerations", filter=Q(considerations__chosen=True))
        return super().get_queryset(request).annotate(chosen_total=chosen)

    def save_model(self, request, obj, form, change):
        # Saved with its panel and considerations, as one write (save_related).
        pass

    def save_related(self, request, form, formsets, change):
        rows = {PanelMember: [], Consideration: []}
        removed = []
        for formset in formsets:
            rows[formset.model] += formset.save(commit=False)
            removed += formset.deleted_objects
        try:
            selection.save_round(
                selection_round=form.instance,
                panel=rows[PanelMember],
                considerations=rows[Consideration],
                removed=removed,
                by=request.user,
            )
        except ValidationError as error:
            # The forms showed these already; a rule broken another way is refused whole.
            raise PermissionDenied("; ".join(error.messages)) from None

    def delete_model(self, request, obj):
        selection.delete_round(selection_round=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for selection_round in queryset:
            selection.delete_round(selection_round=selection_round, by=request.user)

    @admin.display(description="Period", ordering="period_end")
    def period(self, obj):
        return f"{obj.period_start:%-d %b %Y} to {obj.period_end:%-d %b %Y}"

    @admin.display(description="Chosen", ordering="chosen_total")
    def chosen_count(self, obj):
        return obj.chosen_total
