"""The admin's inline rows, named for screen readers; nested ones (django-nested-admin) let
a story's outcomes hold their evidence on the story's own page."""

import nested_admin
from django.contrib import admin


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


class LabelledTabularInline(NamesEachInput, admin.TabularInline):
    """A tabular inline whose inputs carry the name of their column."""


class LabelledNestedTabularInline(NamesEachInput, nested_admin.NestedTabularInline):
    """The same, for a page of nested inlines (every inline of a nested admin is nested)."""

    is_sortable = False  # rows keep the order their "order" field gives, as before
