"""What `make cluster-test` sends and reads over HTTP, on top of `make load`'s editor client.

The editor (bench.editors) signs in, opens an admin change form and posts it
back whole; here are the pieces it lacks for the cluster checks: a form posted
with a file chosen, a save told apart from an edit conflict, a page polled for
a bounded time, and the pictures a page shows, fetched and recognised.
"""

import html
import io
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench import editors

# What the story form says when another save came in after it was opened
# (templates/admin/stories/story/edit_conflict.html).
CONFLICT_TEXT = "your changes were not saved"
IMG_SRC = re.compile(r"<picture[^>]*>.*?</picture>", re.S)
SRCSET = re.compile(r'srcset="([^"]+)"')
SRC = re.compile(r'<img[^>]* src="([^"]+)"')
# A share link's address as the admin shows it, its path only.
SHARE_URL = re.compile(r"""(/share/[^\s"'<>/]+/)""")


@dataclass(frozen=True)
class Upload:
    """A file chosen in a form's file input."""

    filename: str
    content_type: str
    data: bytes


def jpeg(width: int = 1600, height: int = 1000) -> bytes:
    """A photograph-sized JPEG, different every time (so it is never a copy)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), tuple(secrets.token_bytes(3)))
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 80):
        draw.rectangle((step, step % height, step + 40, height), fill=tuple(secrets.token_bytes(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def multipart(
    form: editors.Form, submit: str, uploads: dict[str, Upload] | None = None
) -> tuple[bytes, str]:
    """The form as a browser posts it, with a file in each input `uploads` names.

    The other file inputs are sent empty, as editors.Form.multipart sends them all.
    """
    uploads = uploads or {}
    unknown = set(uploads) - set(form.files)
    if unknown:
        raise KeyError(f"the form has no file input {sorted(unknown)}")
    boundary = f"----ImpactCluster{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in [*form.fields, (submit, "")]:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for name in form.files:
        upload = uploads.get(name, Upload("", "application/octet-stream", b""))
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{upload.filename}"\r\nContent-Type: {upload.content_type}\r\n\r\n'
        )
        parts.append(head.encode() + upload.data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- Saving a change form ---------------------------------------------------------------


class Refused(Exception):
    """The admin answered neither as for a save nor as for an edit conflict."""


def open_form(browser: editors.Browser, path: str, form_id: str) -> editors.Form:
    opened = browser.get(path)
    if opened.status != 200:
        raise Refused(f"opening {path} answered {opened.status}")
    return editors.parse_form(opened.text, form_id)


def changelist(change_path: str) -> str:
    """/admin/stories/story/12/change/ -> /admin/stories/story/"""
    return change_path.rsplit("/", 3)[0] + "/"


def outcome(change_path: str, answer: editors.Answer) -> str:
    """ "saved" (the admin's redirect to its list after a save), "conflict", or "refused"."""
    if answer.status == 302 and urlsplit(answer.location).path == changelist(change_path):
        return "saved"
    if answer.status == 200 and CONFLICT_TEXT in html.unescape(answer.text):
        return "conflict"
    return "refused"


def save(
    browser: editors.Browser,
    path: str,
    form: editors.Form,
    uploads: dict[str, Upload] | None = None,
) -> editors.Answer:
    """Post the whole form back; raise Refused unless it was saved."""
    answer = browser.post(path, *multipart(form, "_save", uploads))
    if outcome(path, answer) != "saved":
        raise Refused(f"saving {path} answered {answer.status}: {editors.page_errors(answer.text)}")
    return answer


def one_saved_one_conflict(outcomes: dict[str, str]) -> list[str]:
    """The edit-conflict rule for two saves of a story opened at the same edit."""
    if sorted(outcomes.values()) == ["conflict", "saved"]:
        return []
    said = ", ".join(f"{who}: {what}" for who, what in sorted(outcomes.items()))
    return [f"two saves of one opened version: expected one saved, one conflict ({said})"]


def save_at_once(
    browsers: dict[str, editors.Browser],
    pk: int,
    changes: dict[str, Callable],
    *,
    together: bool = True,
) -> tuple[dict[str, str], list[str]]:
    """Each editor opens story `pk`, makes its change, and all post at the same instant
    (or one after the other, in order, when not `together`).

    Exactly one save may go through; the other is shown the conflict, reloads
    the story (now with the winner's change), makes its change again and saves.
    Returns what each first save met, and what broke the rule.
    """
    path = editors.change_url(pk)
    forms = {who: open_form(browser, path, "story_form") for who, browser in browsers.items()}
    for who, form in forms.items():
        changes[who](form)
    start = threading.Barrier(len(browsers) if together else 1)

    def post(who: str) -> str:
        body = multipart(forms[who], "_save")
        start.wait(timeout=30)
        return outcome(path, browsers[who].post(path, *body))

    with ThreadPoolExecutor(len(browsers) if together else 1) as pool:
        outcomes = dict(zip(browsers, pool.map(post, browsers), strict=True))
    problems = one_saved_one_conflict(outcomes)
    for who, met in outcomes.items():
        if met != "conflict":
            continue
        form = open_form(browsers[who], path, "story_form")
        changes[who](form)
        try:
            save(browsers[who], path, form)
        except Refused as error:
            problems.append(f"{who}, saving again after reloading: {error}")
    return outcomes, problems


# --- Reading public pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What a public page must answer once a change is visible."""

    path: str
    status: int = 200
    shows: tuple[str, ...] = ()
    hides: tuple[str, ...] = ()

    def problems(self, status: int, text: str) -> list[str]:
        if status != self.status:
            return [f"{self.path} answered {status}, not {self.status}"]
        text = html.unescape(text)
        return [
            f"{self.path} does not show {word!r}" for word in self.shows if word not in text
        ] + [f"{self.path} still shows {word!r}" for word in self.hides if word in text]


def poll(check, within: float, pause: float = 0.05) -> tuple[list[str], float, int]:
    """Call `check()` (a list of problems) until it has none or `within` seconds pass.

    Returns the last problems ([] on success), the seconds it took, and how many looks.
    """
    started, looks = time.monotonic(), 0
    while True:
        problems = check()
        looks += 1
        waited = time.monotonic() - started
        if not problems or waited >= within:
            return problems, waited, looks
        time.sleep(pause)


def picture_urls(page: str) -> list[str]:
    """Every address the page's <picture> elements offer (srcset and src), in order."""
    found = []
    for picture in IMG_SRC.findall(page):
        for srcset in SRCSET.findall(picture):
            found += [entry.strip().split(" ")[0] for entry in html.unescape(srcset).split(",")]
        found += [html.unescape(src) for src in SRC.findall(picture)]
    return list(dict.fromkeys(found))


def image_kind(data: bytes) -> str | None:
    """ "jpeg" or "webp" by the file's first bytes, else None."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def fetch(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
