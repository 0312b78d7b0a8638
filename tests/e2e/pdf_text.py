"""The text of each page of a PDF that Chromium printed, read with the standard library.

Chromium (Skia) writes an uncompressed page tree, Flate-compressed content streams
and Type0 fonts with a ToUnicode map; that is all this reads. It is for tests that
check what a printed page says (its title, that it holds more than a stray line),
not a general PDF reader. No PDF library is installed, and none is needed for this.
"""

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*")
_REF = rb"(\d+) 0 R"
_LENGTH = re.compile(rb"/Length (\d+)")
_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]|/([^\s/<>\[\]()]+)|([^\s<>\[\]/()]+)")


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each object's dictionary and, if it has one, its decoded stream."""
    found, at = {}, 0
    while match := _OBJECT.search(pdf, at):
        start = match.end()
        stream_at = pdf.find(b"stream", start)
        end = pdf.find(b"endobj", start)
        if 0 <= stream_at < end:
            head = pdf[start:stream_at]
            body_at = stream_at + len(b"stream")
            body_at += 2 if pdf[body_at : body_at + 2] == b"\r\n" else 1
            length = int(_LENGTH.search(head)[1])
            data = pdf[body_at : body_at + length]
            if b"/FlateDecode" in head:
                data = zlib.decompress(data)
            found[int(match[1])] = (head, data)
            at = pdf.find(b"endobj", body_at + length) + len(b"endobj")
        else:
            found[int(match[1])] = (pdf[start:end], None)
            at = end + len(b"endobj")
    return found


def _ref(head: bytes, name: bytes) -> int:
    return int(re.search(rb"/" + name + rb"\s+" + _REF, head)[1])


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's glyph codes and the text each stands for."""
    codes = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            codes[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(text, 16)
            for offset in range(int(last, 16) - int(first, 16) + 1):
                codes[int(first, 16) + offset] = chr(start + offset)
    return codes


def _page_ids(objects, pages_id: int) -> list[int]:
    head, _ = objects[pages_id]
    kids = [int(pk) for pk in re.findall(_REF, re.search(rb"/Kids\s*\[(.*?)\]", head, re.S)[1])]
    found = []
    for kid in kids:
        if b"/Type /Pages" in objects[kid][0]:
            found += _page_ids(objects, kid)
        else:
            found.append(kid)
    return found


def _fonts(objects, page_head: bytes) -> dict[bytes, dict[int, str]]:
    fonts = re.search(rb"/Font\s*<<(.*?)>>", page_head, re.S)
    found = {}
    for name, pk in re.findall(rb"/(\w+)\s+" + _REF, fonts[1] if fonts else b""):
        head, _ = objects[int(pk)]
        found[name] = _to_unicode(objects[_ref(head, b"ToUnicode")][1])
    return found


def _text(content: bytes, fonts) -> str:
    """The text a content stream shows; a space at each new line (Skia places each
    glyph with `Td` and shows spaces as glyphs, and starts a line with `Tm`)."""
    words, font = [], {}
    operands = []
    for match in _TOKEN.finditer(content):
        hexed, name, word = match.groups()
        if hexed is not None:
            operands.append(bytes.fromhex(hexed.decode()))
        elif name is not None:
            operands.append(("name", name))
        elif word is None:
            continue
        elif word == b"Tf":
            names = [operand[1] for operand in operands if isinstance(operand, tuple)]
            font = fonts.get(names[-1], {}) if names else {}
            operands = []
        elif word in (b"Tj", b"TJ", b"'", b'"'):
            for shown in operands:
                if isinstance(shown, bytes):
                    codes = [int.from_bytes(shown[i : i + 2]) for i in range(0, len(shown), 2)]
                    words.append("".join(font.get(code, "") for code in codes))
            operands = []
        elif word in (b"Tm", b"BT", b"ET", b"T*"):
            words.append(" ")
            operands = []
        elif not re.fullmatch(rb"-?[\d.]+", word):
            operands = []
    return " ".join("".join(words).split())


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, in order, its whitespace collapsed to single spaces."""
    objects = _objects(pdf)
    catalog = next(head for head, _ in objects.values() if b"/Type /Catalog" in head)
    texts = []
    for pk in _page_ids(objects, _ref(catalog, b"Pages")):
        head, _ = objects[pk]
        content = objects[_ref(head, b"Contents")][1] or b""
        texts.append(_text(content, _fonts(objects, head)))
    return texts
