"""Reading HTML in tests: a page as a tree of elements, their text, and what a form sends.

    page = parse(response.content.decode())
    ledger = page.one("table", class_="ledger")
    ledger.one("caption").text()                    # "Outcomes (9), newest first"
    [a.attrs["href"] for a in page.find_all("a", rel=True)]
    table_rows(ledger, "tbody")                      # [["May 2023", "Funding secured", ...], ...]
    form_data(page.one("form", id="story_form"))     # {"title": ["..."], ...}

The standard library's parser reads the markup: tag and attribute names come
lowercased (SVG's viewBox is `viewbox`), character references come as the
characters they stand for, and what is inside <script> and <style> is text. It
does not repair markup as a browser would: an end tag closes the nearest open
element of its name (and whatever was left open inside it), an end tag with
none open is ignored, and `<x/>` is closed at once, whatever x is (as SVG needs).

Text comes two ways (`Element.text`): as the words a reader gets (the default),
or exactly as written, with the runs joined by a separator you choose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never hold anything, so never wait for an end tag.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# The class that hides text from the eye but not from a screen reader.
HIDDEN = "visually-hidden"
# Inputs a browser does not send when a form is submitted without a click on one of them.
UNSENT_INPUTS = frozenset({"submit", "button", "image", "reset", "file"})


@dataclass(eq=False)
class Element:
    tag: str
    # Every attribute as written, in order, a repeated one each time; a valueless one is "".
    attributes: list[tuple[str, str]] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)
    content: list[Element | str] = field(default_factory=list, repr=False)  # in document order

    @property
    def attrs(self) -> dict[str, str]:
        """The attributes by name (a repeated one keeps its last value)."""
        return dict(self.attributes)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def children(self) -> list[Element]:
        return [child for child in self.content if isinstance(child, Element)]

    def iter(self) -> Iterator[Element]:
        """Every element inside this one, in document order."""
        for child in self.children:
            yield child
            yield from child.iter()

    def find_all(self, tag: str | None = None, /, *, class_: str = "", **attrs) -> list[Element]:
        """The elements inside with this tag (any, if None), in document order.

        `class_` is one class the element must have among its classes; any other
        keyword is an attribute, `_` standing for `-` (aria_hidden="true"), that
        must have that value, or with True just be there (href=True).
        """
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (not class_ or class_ in element.classes)
            and all(_matches(element.attrs, name, value) for name, value in wanted.items())
        ]

    def one(self, tag: str | None = None, /, **filters) -> Element:
        """The single element `find_all` would give; a test fails if there are none or several."""
        found = self.find_all(tag, **filters)
        assert len(found) == 1, f"{len(found)} <{tag or '*'}> with {filters} in <{self.tag}>"
        return found[0]

    def strings(self, *, skip: Callable[[Element], bool] = lambda element: False) -> Iterator[str]:
        """Each run of text inside, in document order, as the parser handed it over.

        A run is the text between two tags. Nothing comes from an element that
        `skip` picks, or from inside it.
        """
        return self._runs(skip, line_break=None)

    def text(self, separator: str | None = None, *, seen: bool = False) -> str:
        """The text inside.

        Without a separator: the words, as a reader gets them. The runs are read
        as they join (`<b>3</b> live` is "3 live"), each stretch of white space,
        a <br> included, as one space, and none at either end.

        With a separator: the runs exactly as written, white space and all,
        joined by it. "" gives the characters as the page has them; a character
        no page holds ("\\x00") keeps the runs apart, so that nothing can be
        found across two of them.

        With seen=True, text inside .visually-hidden is left out: what shows.
        """
        skip = _hidden if seen else _nothing
        if separator is not None:
            return separator.join(self._runs(skip, line_break=None))
        return " ".join("".join(self._runs(skip, line_break=" ")).split())

    def _runs(self, skip, line_break: str | None) -> Iterator[str]:
        if skip(self):
            return
        for child in self.content:
            if isinstance(child, str):
                yield child
            elif child.tag == "br":
                if line_break is not None:
                    yield line_break
            else:
                yield from child._runs(skip, line_break)


def _matches(attrs: dict[str, str], name: str, value: str | bool) -> bool:
    return name in attrs if value is True else attrs.get(name) == value


def _hidden(element: Element) -> bool:
    return HIDDEN in element.classes


def _nothing(element: Element) -> bool:
    return False


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.document = self._open = Element("#document")

    def handle_starttag(self, tag, attrs):
        attributes = [(name, value or "") for name, value in attrs]
        element = Element(tag, attributes, parent=self._open)
        self._open.content.append(element)
        if tag not in VOID:
            self._open = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open = self._open.parent

    def handle_endtag(self, tag):
        element = self._open
        while element.parent and element.tag != tag:
            element = element.parent
        if element.parent:
            self._open = element.parent

    def handle_data(self, data):
        self._open.content.append(data)


def parse(html: str) -> Element:
    """The markup as a tree, under an element tagged "#document"."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.document


def table_rows(table: Element, section: str = "") -> list[list[str]]:
    """The table's rows, each as its cells' words as they show.

    Text inside .visually-hidden is left out, so a gap drawn as a dash, with
    words for screen readers, reads as the dash. With a `section` ("thead",
    "tbody" or "tfoot"), only the rows in it.
    """
    parts = table.find_all(section) if section else [table]
    return [
        [cell.text(seen=True) for cell in row.children if cell.tag in ("th", "td")]
        for part in parts
        for row in part.find_all("tr")
    ]


def form_data(form: Element) -> dict[str, list[str]]:
    """What a browser sends when the form is submitted as it stands: values by control name.

    A control with no name, a disabled one, an unchecked box, a button and a
    file input send nothing. A <select> sends its selected options (its first
    if it takes one and none is selected); an option without a value sends its
    text. A <textarea> sends its text without the newline it may open with,
    which HTML does not count.
    """
    data: dict[str, list[str]] = {}
    for control in form.iter():
        name = control.attrs.get("name", "")
        if name and "disabled" not in control.attrs:
            for value in _sent(control):
                data.setdefault(name, []).append(value)
    return data


def _sent(control: Element) -> list[str]:
    attrs = control.attrs
    if control.tag == "select":
        return _selected(control)
    if control.tag == "textarea":
        return [control.text("").removeprefix("\n")]
    kind = attrs.get("type", "text").lower()
    if control.tag != "input" or kind in UNSENT_INPUTS:
        return []
    if kind in ("checkbox", "radio"):
        return [attrs.get("value") or "on"] if "checked" in attrs else []
    return [attrs.get("value", "")]


def _selected(select: Element) -> list[str]:
    options = [option for option in select.find_all("option") if "disabled" not in option.attrs]
    chosen = [option for option in options if "selected" in option.attrs]
    if not chosen and "multiple" not in select.attrs:
        chosen = options[:1]
    return [option.attrs.get("value", option.text("")) for option in chosen]
