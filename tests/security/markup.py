"""Reading a page as a browser would, for what an injected payload needs to run or restyle it.

`read_page` reads HTML as a tree (tests.markup) and reports every live thing
that the site's own templates never make: a script that is not the site's
JSON-LD or one of its own files under /static/, an event handler, a
`javascript:`/`data:`/`vbscript:` address, a style, an element that runs or
embeds content, or an element given the class or id a payload asked for. It
also keeps the page's text and JSON-LD, so a test can check that hostile text
arrived as text.
"""

import json
import re
from dataclasses import dataclass, field

from tests.markup import Element, parse

JSON_LD = "application/ld+json"
# The class and id the payloads try to give elements; the site's templates never use it.
PAYLOAD_MARKER = "pwned"
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background"}
LIVE_SCHEMES = ("javascript:", "data:", "vbscript:")
# Elements that run, embed or restyle content: none is in a public template.
FORBIDDEN_ELEMENTS = {
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "svg",
    "math",
}
# What a browser drops from an address before reading its scheme, and more for safety:
# white space, control characters and invisible formatting characters.
_IGNORED_IN_ADDRESS = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def live_address(value: str) -> bool:
    """Whether an (already HTML-unescaped) address would run or carry code."""
    return _IGNORED_IN_ADDRESS.sub("", value).lower().startswith(LIVE_SCHEMES)


@dataclass
class Page:
    problems: list[str] = field(default_factory=list)
    json_ld: list = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)

    @property
    def text(self) -> str:
        # NUL never comes from a page (the admin refuses it), so it separates text runs.
        return "\x00".join(self.texts)

    def shows(self, value: str) -> bool:
        """Whether `value` is on the page as text, as typed."""
        return value in self.text


# The impact charts are SVG drawn by our own templates (templates/impact/charts/):
# a picture with a title, or a legend's swatch hidden from screen readers.
# Content could only reach an <svg> by escaping, and never with these marks.
OUR_SVG = {"chart-svg": ("role", "img"), "swatch": ("aria-hidden", "true")}


def _our_chart(element: Element) -> bool:
    return element.tag == "svg" and any(
        mark in element.classes and element.attrs.get(name) == value
        for mark, (name, value) in OUR_SVG.items()
    )


def _json_ld(element: Element) -> bool:
    """A script the site writes its JSON-LD in: its text is data, not a script."""
    return (
        element.tag == "script"
        and element.attrs.get("type") == JSON_LD
        and "src" not in element.attrs
    )


def _our_file(element: Element) -> bool:
    """A script file of the site's own (static/js/): empty, loaded from /static/.

    Content could only make a <script> by escaping, and could not give it this address
    on our own origin without a file of ours there.
    """
    return (
        element.tag == "script"
        and element.attrs.get("src", "").startswith("/static/")
        and not element.text("").strip()
    )


def _problems(element: Element) -> list[str]:
    tag, attrs = element.tag, element.attrs
    problems = []
    if tag == "script" and not (_json_ld(element) or _our_file(element)):
        problems.append(f"<script type={attrs.get('type')!r}>")
    if tag in FORBIDDEN_ELEMENTS and not _our_chart(element):
        problems.append(f"<{tag}> element")
    if tag == "meta" and "http-equiv" in attrs:
        problems.append("<meta http-equiv>")
    # Each attribute as written: a browser obeys the first of two with one name.
    for name, value in element.attributes:
        if name.startswith("on"):
            problems.append(f"<{tag} {name}=...> event handler")
        elif name == "style":
            problems.append(f"<{tag} style=...>")
        elif name in ADDRESS_ATTRIBUTES and live_address(value):
            problems.append(f"<{tag} {name}={value!r}>")
        elif name in ("class", "id") and PAYLOAD_MARKER in value:
            problems.append(f"<{tag} {name}={value!r}> from content")
    return problems


def read_page(html: str) -> Page:
    document = parse(html)
    page = Page(texts=list(document.strings(skip=_json_ld)))
    for element in document.iter():
        page.problems += _problems(element)
        page.attributes += [(element.tag, name, value) for name, value in element.attributes]
        if _json_ld(element):
            raw = element.text("")
            try:
                page.json_ld.append(json.loads(raw))
            except ValueError:
                page.problems.append(f"JSON-LD that is not JSON: {raw[:80]!r}")
    return page
