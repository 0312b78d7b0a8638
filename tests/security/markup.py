"""Reading a page as a browser would, for what an injected payload needs to run or restyle it.

`read_page` parses HTML with the standard library's parser and reports every
live thing that the site's own templates never make: a script that is not the
site's JSON-LD, an event handler, a `javascript:`/`data:`/`vbscript:` address,
a style, an element that runs or embeds content, or an element given the class
or id a payload asked for. It also keeps the page's text and JSON-LD, so a test
can check that hostile text arrived as text.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

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


def _our_chart(tag: str, attrs) -> bool:
    found = dict(attrs)
    classes = (found.get("class") or "").split()
    return tag == "svg" and any(
        mark in classes and found.get(name) == value for mark, (name, value) in OUR_SVG.items()
    )


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.json_ld_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        problems = self.page.problems
        names = {name for name, _ in attrs}
        if tag == "script":
            script_type = dict(attrs).get("type")
            if script_type != JSON_LD or "src" in names:
                problems.append(f"<script type={script_type!r}>")
            else:
                self.json_ld_text = []
        if tag in FORBIDDEN_ELEMENTS and not _our_chart(tag, attrs):
            problems.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in names:
            problems.append("<meta http-equiv>")
        for name, value in attrs:
            value = value or ""
            self.page.attributes.append((tag, name, value))
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            elif name == "style":
                problems.append(f"<{tag} style=...>")
            elif name in ADDRESS_ATTRIBUTES and live_address(value):
                problems.append(f"<{tag} {name}={value!r}>")
            elif name in ("class", "id") and PAYLOAD_MARKER in value:
                problems.append(f"<{tag} {name}={value!r}> from content")

    def handle_endtag(self, tag):
        if tag == "script" and self.json_ld_text is not None:
            raw, self.json_ld_text = "".join(self.json_ld_text), None
            try:
                self.page.json_ld.append(json.loads(raw))
            except ValueError:
                self.page.problems.append(f"JSON-LD that is not JSON: {raw[:80]!r}")

    def handle_data(self, data):
        if self.json_ld_text is not None:
            self.json_ld_text.append(data)
        else:
            self.page.texts.append(data)


def read_page(html: str) -> Page:
    page = Page()
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    return page
