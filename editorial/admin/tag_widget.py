"""The story's tags as chips, with the tags other stories already use offered as you type.

The field stays taggit's: one text value that taggit parses (commas between tags,
double quotes round a tag that holds a comma or a space). Without JavaScript the
editor types that value, with the tags in use listed beside it to copy from;
static/admin/js/tag-chips.js turns the same markup into chips and a suggestion
list, and writes the chips back into the value in taggit's own quoting, so the
server parses and validates exactly as before, and refuses a name too long to store.
"""

from django import forms
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from stories.models import Story

# Enough to cover the tags an editor reuses; the rest are still typed by hand.
SUGGESTION_LIMIT = 200
# taggit makes a tag's slug from its name, and adds "_1", "_2"… when another tag has
# that slug: room is kept for the suffix, so the slug always fits its column.
SLUG_SUFFIX_ROOM = 4


class TagChipsWidget(TagWidget):
    template_name = "admin/widgets/tag_chips.html"

    class Media:
        css = {"all": ["admin/css/tag-chips.css"]}
        js = ["admin/js/tag-chips.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Read as the form is drawn, not when it is built: a save that succeeds never asks.
        context["widget"]["suggestions"] = Story.objects.tag_names_by_use(limit=SUGGESTION_LIMIT)
        return context


class TagNamesField(TagField):
    """taggit's field, refusing on the form a name longer than a tag can hold.

    Unchecked, SQLite stores it whole and PostgreSQL refuses it mid-save (an error page).
    """

    def clean(self, value):
        names = super().clean(value)
        longest = Tag._meta.get_field("name").max_length - SLUG_SUFFIX_ROOM
        too_long = [name for name in names if len(name) > longest]
        if too_long:
            raise forms.ValidationError(
                [
                    f"A tag can be at most {longest} characters long; "
                    f"“{name[:40]}…” has {len(name)}."
                    for name in too_long
                ],
                code="tag_too_long",
            )
        return names


# For StoryAdmin.formfield_overrides: the story's tags field, drawn as chips.
TAGS_AS_CHIPS = {
    "form_class": TagNamesField,
    "widget": TagChipsWidget,
    "help_text": "Separate tags with commas. A tag that holds a comma goes in double quotes.",
}
