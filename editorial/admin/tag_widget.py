"""The story's tags as chips, with the tags other stories already use offered as you type.

The field stays taggit's: one text value that taggit parses (commas between tags,
double quotes round a tag that holds a comma or a space). Without JavaScript the
editor types that value, with the tags in use listed beside it to copy from;
static/admin/js/tag-chips.js turns the same markup into chips and a suggestion
list, and writes the chips back into the value in taggit's own quoting, so the
server parses and validates exactly as before.
"""

from taggit.forms import TagWidget

from stories.models import Story

# Enough to cover the tags an editor reuses; the rest are still typed by hand.
SUGGESTION_LIMIT = 200


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
