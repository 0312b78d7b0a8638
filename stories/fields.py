"""The formatted-text field for story bodies.

Editors format text with a toolbar (django-prose-editor); they never type HTML.
The same extension list drives both the toolbar and the nh3 allow-list, so what
the editor can make is exactly what survives sanitising.
"""

import re

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
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


_TOP_HEADING = re.compile(r"<(/?)h1(\W)", re.IGNORECASE)
_LOW_HEADING = re.compile(r"<(/?)h[4-6](\W)", re.IGNORECASE)
_BLOCK_END = re.compile(
    r"(</(?:td|th|tr|table|div|section|article|header|footer|figure|figcaption|dd|dt|li)>)(?!\s)",
    re.IGNORECASE,
)


def tidy_pasted_markup(html: str) -> str:
    """Make markup pasted from elsewhere survive sanitising readably.

    Headings move to the levels the editor offers (h2, h3), and a space follows
    every block the sanitiser removes, so "<td>a</td><td>b</td>" reads "a b".
    """
    html = _TOP_HEADING.sub(r"<\1h2\2", html)
    html = _LOW_HEADING.sub(r"<\1h3\2", html)
    return _BLOCK_END.sub(r"\1 ", html)


# A relative address has no colon before its first "/", "?" or "#" (RFC 3986, 4.2);
# one that does and is no real scheme is a scheme in disguise.
_FIRST_SEGMENT = re.compile(r"^[^/?#]*")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_ADDRESS_ATTRIBUTES = {"href", "src"}
_ONE_EMPTY_ELEMENT = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


def without_disguised_scheme(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: drop an address like "java\u200bscript:alert(1)".

    nh3 refuses schemes it does not allow, but reads that one as a relative
    address and keeps it. No browser runs it today; no reader needs it either.
    """
    if attribute not in _ADDRESS_ATTRIBUTES:
        return value
    first = _FIRST_SEGMENT.match(value).group()
    if ":" in first and not _SCHEME.match(first):
        return None
    return value


def body_sanitizer(extensions):
    """nh3 allowing exactly what the toolbar makes, as django-prose-editor's own does."""
    cleaner = nh3.Cleaner(
        **allowlist_from_extensions(expand_extensions(extensions)),
        attribute_filter=without_disguised_scheme,
    )

    def sanitize(html: str) -> str:
        clean = cleaner.clean(html)
        # The editor sends one empty paragraph for an empty body: store it as empty.
        return "" if _ONE_EMPTY_ELEMENT.match(clean) else clean

    return sanitize


class SanitizedBodyField(ProseEditorField):
    """A ProseEditorField that sanitises on every write, not only in forms.

    The library cleans in `clean()`, which forms call; `pre_save()` also runs for
    `save()` and `bulk_create()`, so code paths that skip forms (imports, demo
    content, services) cannot store unsafe markup either.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", body_sanitizer(kwargs["extensions"]))
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        return super().clean(tidy_pasted_markup(value or ""), model_instance)

    def pre_save(self, model_instance, add):
        value = self.sanitize(tidy_pasted_markup(getattr(model_instance, self.attname) or ""))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, path, args, kwargs
