"""What tests/security/test_role_table.py runs on: roles, checks, forms as browsers send them.

A row of the role table names something a person can do in the admin and a
check that does it. The check is run once as each role and asserts either that
it worked or that it was refused *and changed nothing*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client
from reversion.models import Revision, Version
from taggit.models import Tag

from participants.models import (
    Cohort,
    ConsentChange,
    ConsentWording,
    Erasure,
    Organisation,
    Participant,
    Programme,
)
from sitepages.models import SitePage
from stories.models import (
    Outcome,
    ShareLink,
    SignOff,
    StatusChange,
    Story,
    StoryPartner,
    TaggedStory,
    Theme,
)
from tests.markup import form_data, parse

ANONYMOUS, STAFF, VIEWER, CONTRIBUTOR, EDITOR, SUPERUSER = ROLES = (
    "anonymous",
    "staff",
    "viewer",
    "contributor",
    "editor",
    "superuser",
)
# The group each signed-in role is given (None: staff with no group).
GROUPS = {STAFF: None, VIEWER: "Viewers", CONTRIBUTOR: "Contributors", EDITOR: "Editors"}

LOGIN_PATH = "/admin/login/"
SAVE_BUTTON = 'name="_save"'
PROTECTED = "would require deleting the following protected related objects"


@dataclass
class World:
    """What the module's fixture built: primary keys by name, and one user per role."""

    ids: dict[str, int]
    users: dict[str, User | None]
    forms: dict[str, dict] = field(default_factory=dict)  # form data read as the superuser

    def fill(self, template: str) -> str:
        return template.format(**self.ids)

    def pk(self, name: str) -> int:
        return self.ids[name]


# --- Reading a form as a browser would send it ----------------------------------


def read_form(html: str, form_id: str) -> dict[str, list[str]]:
    """What the browser sends from the form with this id, as it stands."""
    sent = form_data(parse(html).one("form", id=form_id))
    # Left out: the admin's template for new inline rows, named with __prefix__.
    data = {name: values for name, values in sent.items() if "__prefix__" not in name}
    assert data, f"the form {form_id!r} sends nothing"
    return data


def admin_form_id(url: str) -> str:
    """The id the admin gives its change and add forms: `<model name>_form`."""
    parts = urlsplit(url).path.strip("/").split("/")
    return f"{parts[2]}_form"  # admin/<app>/<model>/...


# --- What a refused request must leave as it was ---------------------------------

WATCHED = [
    Story,
    Story.themes.through,
    StoryPartner,
    Outcome,
    TaggedStory,
    Tag,
    StatusChange,
    ShareLink,
    SignOff,
    Theme,
    Participant,
    Participant.cohorts.through,
    Organisation,
    Programme,
    Cohort,
    ConsentWording,
    ConsentChange,
    Erasure,
    User,
    User.groups.through,
    User.user_permissions.through,
    Group,
    Group.permissions.through,
    AccessAttempt,
    SitePage,
    Revision,
    Version,
    LogEntry,
]


def everything() -> dict[str, list[dict]]:
    """Every row a role could change through the admin, as plain values."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}


# --- Checks -----------------------------------------------------------------------


def sent_to_login(response) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path == LOGIN_PATH


def _describe(method: str, url: str, role: str, response) -> str:
    where = f" → {response['Location']}" if response.has_header("Location") else ""
    return f"{method} {url} as {role}: {response.status_code}{where}"


@dataclass(frozen=True)
class Page:
    """GET an address. Allowed: `status` (and, with `offers`, the control to act).

    Refused: the login page for the anonymous; 403 for staff, or with `offers`
    a page without that control (a read-only form, an action not offered).
    """

    url: str
    offers: str = ""  # markup of the control that acts: a Save button, an action, a link
    shows: str = ""  # text an allowed role must see on the page
    status: int = 200
    # Django's app pages answer 404 to staff who may see no model in the app.
    refusals: tuple[int, ...] = (403,)

    def __call__(self, client, world: World, role: str, allowed: bool) -> None:
        url = world.fill(self.url)
        response = client.get(url)
        said = _describe("GET", url, role, response)
        if allowed:
            assert response.status_code == self.status, f"{said}; expected {self.status}"
            if self.offers:
                offers = world.fill(self.offers)
                assert offers in response.content.decode(), f"{said}; expected {offers!r}"
            if self.shows:
                shows = world.fill(self.shows)
                assert shows in response.content.decode(), f"{said}; missing {shows!r}"
        elif role == ANONYMOUS:
            assert sent_to_login(response), f"{said}; expected the admin login"
        elif self.offers:
            offers = world.fill(self.offers)
            hidden = response.status_code == 200 and offers not in response.content.decode()
            assert response.status_code == 403 or hidden, f"{said}; expected 403 or no {offers!r}"
        else:
            expected = " or ".join(map(str, self.refusals))
            assert response.status_code in self.refusals, f"{said}; expected {expected}"


@dataclass(frozen=True)
class AdminIndex:
    """The admin index: the login for the anonymous, empty for staff with no group."""

    url: str = "/admin/"

    def __call__(self, client, world: World, role: str, allowed: bool) -> None:
        response = client.get(self.url)
        said = _describe("GET", self.url, role, response)
        if role == ANONYMOUS:
            assert sent_to_login(response), f"{said}; expected the admin login"
            return
        assert response.status_code == 200, f"{said}; expected 200"
        apps = response.context["app_list"]
        if allowed:
            assert apps, f"{said}; expected apps listed"
        else:
            assert apps == [], f"{said}; expected an empty index, got {apps}"


Done = Callable[[World, User | None, object], bool]


@dataclass(frozen=True)
class Post:
    """POST to an address. Allowed: `done` holds afterwards. Refused: nothing changed.

    `data` is sent as given ("{name}" is filled with the world's keys), or, with
    `form`, read from that address's admin form as the superuser sees it, with
    `data` laid over it: the same request a browser would send, fields a role
    sees read-only included. `watch` is what a refusal must leave as it was
    (everything, unless the role may save the object but not this field).
    """

    url: str
    data: dict = field(default_factory=dict)
    done: Done = lambda world, user, response: True
    form: str | None = None
    watch: Callable[[World], object] | None = None

    def request_data(self, world: World) -> dict:
        data = {}
        if self.form is not None:
            form_url = world.fill(self.form)
            if form_url not in world.forms:
                world.forms[form_url] = superuser_form(world, form_url)
            data = dict(world.forms[form_url])
        for key, value in self.data.items():
            if isinstance(value, list):
                data[key] = [world.fill(str(v)) for v in value]
            else:
                data[key] = world.fill(str(value))
        return data

    def __call__(self, client, world: World, role: str, allowed: bool) -> None:
        url = world.fill(self.url)
        data = self.request_data(world)
        watch = self.watch or (lambda world: everything())
        before = watch(world)
        response = client.post(url, data)
        said = _describe("POST", url, role, response)
        if allowed:
            refused = response.status_code in (401, 403) or sent_to_login(response)
            assert not refused, f"{said}; expected it to be allowed"
            errors = _form_errors(response)
            assert self.done(world, world.users[role], response), (
                f"{said}; expected the change to be made{errors}"
            )
            return
        if role == ANONYMOUS:
            assert sent_to_login(response), f"{said}; expected the admin login"
        else:
            assert response.status_code in (200, 302, 403), f"{said}; expected a refusal"
        download = "attachment" in response.get("Content-Disposition", "")
        assert not download, f"{said}; expected a refusal, got a download"
        assert watch(world) == before, f"{said}; expected nothing to change, but data changed"


@dataclass(frozen=True)
class Save(Post):
    """Send the admin form at `url` back to it, with `data` laid over: saving the form."""

    def __post_init__(self):
        object.__setattr__(self, "form", self.url)


def _form_errors(response) -> str:
    """The errors of an admin form answered with 200, to say why a save did not happen."""
    context = getattr(response, "context", None)
    if response.status_code != 200 or not context or context.get("adminform") is None:
        return ""
    found = dict(context["adminform"].form.errors)
    for inline in context.get("inline_admin_formsets") or []:
        if any(inline.formset.errors) or inline.formset.non_form_errors():
            found[inline.formset.prefix] = [
                *inline.formset.errors,
                *inline.formset.non_form_errors(),
            ]
    return f" (form errors: {found})" if found else ""


def superuser_form(world: World, url: str) -> dict:
    """The admin form at `url` as the superuser's browser would submit it unchanged."""
    client = Client()
    client.force_login(world.users[SUPERUSER])
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} as superuser: {response.status_code}"
    fields = read_form(response.content.decode(), admin_form_id(url))
    return {name: values if len(values) > 1 else values[0] for name, values in fields.items()}


@dataclass(frozen=True)
class Row:
    """One line of the role table: what, who may, and the request that does it."""

    what: str
    allowed: frozenset[str]
    check: Callable
    unstated: frozenset[str] = frozenset()  # roles the README's table says nothing about
    marks: tuple = ()
