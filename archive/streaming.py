"""Reading an archive's JSON a piece at a time: never a whole file, never more than one row.

`counted` yields a zip member's bytes as they are decompressed and stops the
moment there are more than a limit, whatever the zip's header declared.
`json_rows` turns those bytes into the objects of a JSON list, parsing each
once it is whole and refusing one that grows past a limit before it ends.
"""

import codecs
import json
import re
from collections.abc import Iterable, Iterator

CHUNK = 64 * 1024

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# A parse error this far before the end of the text read so far is in the text itself:
# more text cannot mend it. (An unterminated string reports where it started instead.)
_NEAR_THE_END = 32


class Unreadable(ValueError):
    """What is wrong with the data, in words that follow the file's name."""


def counted(member, limit: int, *, too_large: str) -> Iterator[bytes]:
    """The bytes of an open zip member as they are decompressed, up to `limit` of them."""
    seen = 0
    while block := member.read(CHUNK):
        seen += len(block)
        if seen > limit:
            raise Unreadable(too_large)
        yield block


class _Text:
    """UTF-8 text decoded from blocks of bytes, kept only from the first character not yet read."""

    def __init__(self, blocks: Iterable[bytes]):
        self.blocks = iter(blocks)
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text, self.at, self.ended = "", 0, False

    def more(self, wanted: int) -> bool:
        """Read on until `wanted` more characters are here or the text ends; False if none came."""
        pieces, got = [self.text[self.at :]], 0
        while got < wanted and not self.ended:
            block = next(self.blocks, None)
            self.ended = block is None
            try:
                piece = self.decoder.decode(block or b"", final=self.ended)
            except UnicodeDecodeError:
                raise Unreadable("is not UTF-8 text") from None
            pieces.append(piece)
            got += len(piece)
        self.text, self.at = "".join(pieces), 0
        return got > 0

    def next_char(self) -> str:
        """The next character that is not white space, not consumed; "" at the end."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more(CHUNK):
                return ""

    def value(self, limit: int, what: str):
        """The JSON value starting here, read on as far as `limit` characters for its end."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except RecursionError:
                raise Unreadable(f"is not valid JSON at {what} (nested too deeply)") from None
            except json.JSONDecodeError as exc:
                pending = len(self.text) - self.at
                unterminated = exc.msg.startswith("Unterminated string")
                mendable = unterminated or exc.pos >= len(self.text) - _NEAR_THE_END
                if mendable and pending > limit:
                    raise Unreadable(too_long(what, limit)) from None
                # Doubling what is read keeps a long row's reparsing linear in its length.
                if not (mendable and self.more(min(max(CHUNK, pending), limit + 1 - pending))):
                    raise Unreadable(f"is not valid JSON at {what}: {exc.msg}") from None
                continue
            except ValueError as exc:  # a number too long to convert
                raise Unreadable(f"is not valid JSON at {what}: {exc}") from None
            if end - self.at > limit:
                raise Unreadable(too_long(what, limit))
            self.at = end
            return value


def too_long(what: str, limit: int) -> str:
    return f"holds {what}, longer than the {limit:,} characters a row may have"


def json_rows(blocks: Iterable[bytes], *, row_limit: int) -> Iterator[tuple[int, dict]]:
    """The objects of the JSON list in `blocks`, numbered from 1, each as soon as it is whole."""
    text = _Text(blocks)
    if text.next_char() != "[":
        raise Unreadable("is not a JSON list of rows")
    text.at += 1
    number, char = 0, text.next_char()
    while char != "]":
        number += 1
        what = f"row {number}"
        if char != "{":
            ending = "it ends too soon" if not char else "it is not a JSON object"
            raise Unreadable(f"is not valid JSON at {what}: {ending}")
        yield number, text.value(row_limit, what)
        char = text.next_char()
        if char == ",":
            text.at += 1
            char = text.next_char()
            if char == "]":
                raise Unreadable(f"is not valid JSON after {what}")
        elif char != "]":
            raise Unreadable(f"is not valid JSON after {what}")
    text.at += 1  # the closing bracket
    if text.next_char():
        raise Unreadable("holds more after its list of rows")
