"""The formatted-text field for story bodies.

Editors format text with a toolbar (django-prose-editor); they never type HTML.
The same extension list drives both the toolbar and the nh3 allow-list, so what
the editor can make is exactly what survives sanitising.
"""

from django_prose_editor.fields import ProseEditorField

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


class SanitizedBodyField(ProseEditorField):
    """A ProseEditorField that sanitises on every write, not only in forms.

    The library cleans in `clean()`, which forms call; `pre_save()` also runs for
    `save()` and `bulk_create()`, so code paths that skip forms (imports, demo
    content, services) cannot store unsafe markup either.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, path, args, kwargs
