"""An autocomplete that shows a form sent back with a value that names nothing.

Django's admin autocomplete, redrawing a form that failed validation, looks up the
value sent as it came: a tampered one ("1 OR 1=1") makes the lookup raise, and the
page a 500, where the form's own "Select a valid choice" should be seen.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField


class _LeavesOutTheWrongType:
    """Leaves out of the autocomplete's lookup a value of the wrong type."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        field_name = getattr(remote, "field_name", None)  # a many-to-many has none: the pk
        target = remote.model._meta.get_field(field_name) if field_name else remote.model._meta.pk
        return super().optgroups(name, [v for v in value if _valid(target, v)], attr)


class ForgivingAutocompleteSelect(_LeavesOutTheWrongType, AutocompleteSelect):
    pass


class ForgivingAutocompleteSelectMultiple(_LeavesOutTheWrongType, AutocompleteSelectMultiple):
    pass


def _valid(field, value) -> bool:
    try:
        # Converted and within the database's range (a 30-digit id overflows SQLite).
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class ForgivingAutocomplete:
    """A ModelAdmin (or inline) mixin: its `autocomplete_fields` use the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = ForgivingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = ForgivingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("form_class", InRangeMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class InRangeMultipleChoiceField(ModelMultipleChoiceField):
    """Refuses an id the database cannot hold ("Select a valid choice") before asking
    for it: SQLite raises on an integer past 64 bits, which Django does not catch."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for pk in value:
            if not _valid(key, pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
