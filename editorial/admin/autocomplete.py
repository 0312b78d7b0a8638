"""An autocomplete that shows a form sent back with a value that names nothing.

Django's admin autocomplete, redrawing a form that failed validation, looks up the
value sent as it came: a tampered one ("1 OR 1=1") makes the lookup raise, and the
page a 500, where the form's own "Select a valid choice" should be seen.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class ForgivingAutocompleteSelect(AutocompleteSelect):
    """An AutocompleteSelect that leaves out of its lookup a value of the wrong type."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        return super().optgroups(name, [v for v in value if _valid(target, v)], attr)


def _valid(field, value) -> bool:
    try:
        field.to_python(value)
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
