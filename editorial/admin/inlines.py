"""The admin's inline rows, named for screen readers; nested ones (django-nested-admin) let
a story's outcomes hold their evidence on the story's own page."""

import nested_admin
from django.contrib import admin
from django.forms.models import BaseModelFormSet
from nested_admin.formsets import NestedInlineFormSet


class NamesEachInput:
    """Each input of a tabular inline carries the name of its column.

    Django names a tabular inline's fields only in the column headings, so a
    screen reader reaching a field by Tab announces an unnamed input.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)  # adds DELETE and ORDER, which need names too
                for field in form.fields.values():
                    # A related-object wrapper shares its attrs with the widget it
                    # wraps only until it is copied: name the inner widget itself.
                    widget = getattr(field.widget, "widget", field.widget)
                    if field.label and not widget.is_hidden:
                        widget.attrs.setdefault("aria-label", str(field.label))

        return LabelledFormSet


class OwnRowsOnly(NestedInlineFormSet):
    """Nested rows that change only their own parent's rows.

    nested-admin lets a row be dragged from one parent to another, so it reads the ids
    posted against the whole table, not the parent's rows: a tampered form could change,
    move here or delete another story's outcome or evidence. No row moves on our pages,
    so a posted id counts only when it is one of this parent's rows; any other is a form
    error (and, on a row ticked for deletion, is left alone).
    """

    def _own_rows(self):
        if self.instance is None or self.instance.pk is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{self.fk.name: self.instance})

    def get_queryset(self):
        return BaseModelFormSet.get_queryset(self)  # Django's: the parent's rows, in order

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self._pk_field.name].queryset = self._own_rows()

    def save_existing_objects(self, initial_forms=None, commit=True):
        own = {str(pk) for pk in self._own_rows().values_list("pk", flat=True)}
        name = self._pk_field.name
        initial_forms = [
            form for form in initial_forms or [] if form.data.get(form.add_prefix(name)) in own
        ]
        return super().save_existing_objects(initial_forms, commit)


class LabelledTabularInline(NamesEachInput, admin.TabularInline):
    """A tabular inline whose inputs carry the name of their column."""


class LabelledNestedTabularInline(NamesEachInput, nested_admin.NestedTabularInline):
    """The same, for a page of nested inlines (every inline of a nested admin is nested)."""

    formset = OwnRowsOnly
    is_sortable = False  # rows keep the order their "order" field gives, as before
