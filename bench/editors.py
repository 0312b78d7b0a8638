"""An editor at the story admin, driven as a browser drives it, for `make load`.

It logs in through /admin/login/, opens a story's change form, changes the
title, summary and body (publishing a draft when asked), and posts the whole
form back: every input, select and textarea the page holds, inline formsets
included, encoded as multipart/form-data. Only the standard library is used.
"""

import html
import http.client
import re
import secrets
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

LOGIN_URL = "/admin/login/"
CHANGELIST_URL = "/admin/stories/story/"
NOT_SUBMITTED = {"submit", "button", "image", "reset"}


def change_url(pk: int) -> str:
    return f"{CHANGELIST_URL}{pk}/change/"


@dataclass
class Answer:
    status: int
    location: str
    text: str
    seconds: float


@dataclass
class Form:
    """What a browser would send for one <form>: (name, value) pairs in page order."""

    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def value(self, name: str) -> str:
        return next(value for key, value in self.fields if key == name)

    def set(self, name: str, value: str) -> None:
        for index, (key, _) in enumerate(self.fields):
            if key == name:
                self.fields[index] = (name, value)
                return
        raise KeyError(f"the form has no field {name!r}")

    def multipart(self, submit: str) -> tuple[bytes, str]:
        boundary = f"----ImpactLoad{secrets.token_hex(12)}"
        parts = []
        for name, value in [*self.fields, (submit, "")]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n')
            parts.append(f"{value}\r\n")
        for name in self.files:  # no new file chosen: an empty part, as a browser sends
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                "Content-Type: application/octet-stream\r\n\r\n\r\n"
            )
        parts.append(f"--{boundary}--\r\n")
        return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


class _FormParser(HTMLParser):
    """Reads the successful controls of the form with a given id."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form: Form | None = None
        self.inside = False
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            if self.inside:
                self.form = Form()
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self._input(name, attrs)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": []}
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self._close_option()
            self.option = {"value": attrs.get("value"), "text": [], "selected": "selected" in attrs}

    def _input(self, name, attrs):
        kind = attrs.get("type", "text").lower()
        if kind in NOT_SUBMITTED:
            return
        if kind == "file":
            self.form.files.append(name)
        elif kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self.form.fields.append((name, attrs.get("value") or "on"))
        else:
            self.form.fields.append((name, attrs.get("value") or ""))

    def handle_data(self, data):
        for open_element in (self.textarea, self.option):
            if open_element is not None:
                open_element["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea["text"])
            # A newline straight after <textarea> is markup, not content (HTML spec).
            text = text[1:] if text.startswith("\n") else text
            # Browsers send line breaks as CRLF.
            self.form.fields.append((self.textarea["name"], re.sub(r"\r?\n", "\r\n", text)))
            self.textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self.select is not None:
            self._close_option()
            self._close_select()

    def _close_option(self):
        if self.option is not None:
            text = "".join(self.option.pop("text")).strip()
            self.option["value"] = text if self.option["value"] is None else self.option["value"]
            self.select["options"].append(self.option)
            self.option = None

    def _close_select(self):
        options = self.select["options"]
        chosen = [option for option in options if option["selected"]]
        if not chosen and not self.select["multiple"] and options:
            chosen = options[:1]  # a single select always sends something
        self.form.fields += [(self.select["name"], option["value"]) for option in chosen]
        self.select = None


def parse_form(page: str, form_id: str) -> Form:
    parser = _FormParser(form_id)
    parser.feed(page)
    parser.close()
    if parser.form is None:
        raise ValueError(f"no form with id {form_id!r} on the page")
    return parser.form


def page_errors(page: str) -> str:
    """The errors an admin form shows, in a line."""
    found = re.findall(r'class="errornote"[^>]*>(.*?)</p>', page, re.S)
    found += re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)) for item in found)
    return " ".join(text.split())[:300] or "no error shown"


class Browser:
    """One editor's cookies, sending requests to the site as a browser would."""

    def __init__(self, base_url: str, timeout: float = 60):
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.timings: list[tuple[str, int, float]] = []  # method, status, seconds

    def get(self, path: str) -> Answer:
        return self._send("GET", path)

    def post(self, path: str, body: bytes, content_type: str) -> Answer:
        headers = {
            "Content-Type": content_type,
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        return self._send("POST", path, body, headers)

    def _send(self, method: str, path: str, body: bytes = b"", headers=None) -> Answer:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # A connection a request: gunicorn's sync workers close each one anyway.
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        self.timings.append((method, response.status, seconds))
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep(header)
        return Answer(response.status, response.getheader("Location", ""), text, seconds)

    def _keep(self, header: str) -> None:
        for name, morsel in SimpleCookie(header).items():
            if morsel.value and morsel["max-age"] != "0":
                self.cookies[name] = morsel.value
            else:
                self.cookies.pop(name, None)

    def login(self, username: str, password: str) -> Answer:
        path = f"{LOGIN_URL}?{urlencode({'next': '/admin/'})}"
        form = parse_form(self.get(path).text, "login-form")
        form.set("username", username)
        form.set("password", password)
        answer = self.post(
            path, urlencode(form.fields).encode(), "application/x-www-form-urlencoded"
        )
        if answer.status != 302:
            raise LoginRefused(
                f"login as {username} answered {answer.status}: {page_errors(answer.text)}"
            )
        return answer


class LoginRefused(Exception):
    pass


class SaveRefused(Exception):
    pass


@dataclass
class Edit:
    """A save the admin said it made: what the story must now hold."""

    story: int
    editor: str
    title: str
    summary: str
    body: str
    status: str


# What earlier edits appended, removed before adding this one's, so text never grows.
OLD_TITLE_MARK = re.compile(r" \[edit [^\]]*\]$")
OLD_SUMMARY_MARK = re.compile(r"^\[edit [^\]]*\] ")
OLD_BODY_MARK = re.compile(r"<p>Edited under load: [^<]*</p>$")


def edit_story(browser: Browser, pk: int, *, editor: str, mark: str, publish: bool) -> Edit:
    """Open story `pk`, change its title, summary and body, save; publish a draft if asked.

    Raises SaveRefused unless the admin answers as it does for a save that was
    made: a redirect to the story list.
    """
    opened = browser.get(change_url(pk))
    if opened.status != 200:
        raise SaveRefused(f"opening story {pk} answered {opened.status}")
    form = parse_form(opened.text, "story_form")
    title = OLD_TITLE_MARK.sub("", form.value("title"))[:160] + f" [edit {mark}]"
    summary = f"[edit {mark}] " + OLD_SUMMARY_MARK.sub("", form.value("summary"))[:300]
    body = OLD_BODY_MARK.sub("", form.value("body")) + f"<p>Edited under load: {mark}.</p>"
    form.set("title", title)
    form.set("summary", summary)
    form.set("body", body)
    if publish and form.value("status") == "draft":
        form.set("status", "published")
    saved = browser.post(change_url(pk), *form.multipart("_save"))
    if saved.status != 302 or urlsplit(saved.location).path != CHANGELIST_URL:
        raise SaveRefused(f"saving story {pk} answered {saved.status}: {page_errors(saved.text)}")
    return Edit(
        story=pk,
        editor=editor,
        title=title,
        # As they are stored: with one kind of line break.
        summary=summary.replace("\r\n", "\n"),
        body=body.replace("\r\n", "\n"),
        status=form.value("status"),
    )


@dataclass
class Shift:
    """What one editor did in a load run."""

    editor: str
    edits: list[Edit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timings: list[tuple[str, int, float]] = field(default_factory=list)


FAILURES = (LoginRefused, SaveRefused, ValueError, KeyError, OSError, http.client.HTTPException)


def work_shift(
    base_url: str,
    username: str,
    password: str,
    stories: list[int],
    until: float,
    at_least=0,
    publish=True,
    pause=0.0,
):
    """Log in, then edit `stories` in turn (publishing the drafts, if `publish`) until
    `until` (monotonic), and at least `at_least` times (so a test on a busy machine
    needs no lucky timing); `pause` seconds after each save."""
    browser = Browser(base_url)
    shift = Shift(username)
    try:
        browser.login(username, password)
        done = 0
        while time.monotonic() < until or done < at_least:
            pk = stories[done % len(stories)]
            done += 1
            try:
                mark = f"{username}.{done}"
                shift.edits.append(
                    edit_story(browser, pk, editor=username, mark=mark, publish=publish)
                )
                time.sleep(pause)  # a person reads what they saved before the next
            except FAILURES as error:
                shift.errors.append(f"{type(error).__name__}: {error}")
    except FAILURES as error:
        shift.errors.append(f"{type(error).__name__}: {error}")
    shift.timings = browser.timings
    return shift
