"""Who may fetch a picture: the addresses of renditions, whose they are, and signatures.

Every picture a page shows is a rendition served at /pictures/<storage name>
(public.site_views.picture), never straight from MEDIA_ROOT or the bucket. Its
storage name says whose it is (images.renditions.folder_for):

    renditions/<app>.<model>/<pk>/<field>-<random part>/<spec>-<width>.<format>

so the view finds its owner with one query and serves it only while the owner
is public, or to an address signed here. Signed addresses are for private
pages alone (the admin, previews): they work for SIGNED_FOR seconds whatever
the owner's state, so they are never put on a page anyone else may see.
"""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from django.apps import apps
from django.core import signing
from django.db.models import FileField
from django.urls import get_script_prefix, reverse

from images.models import HasImages

SALT = "images.access.picture"
SIGNED_FOR = 60 * 60  # seconds: long enough to read a preview, short enough to be private
SIGNATURE = "sig"  # the query parameter that carries it
_PK = re.compile(r"[1-9][0-9]{0,17}")  # a primary key any database can hold


@dataclass(frozen=True)
class Owner:
    """Whose rendition a storage name says it is."""

    model: type
    pk: int
    field: str

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"


def owner_of(name: str) -> Owner | None:
    """The owner a rendition's storage name names, or None if it names no image field."""
    parts = name.split("/")
    if len(parts) != 5 or parts[0] != "renditions" or not _PK.fullmatch(parts[2]):
        return None
    field = parts[3].partition("-")[0]
    try:
        model = apps.get_model(parts[1])
    except (LookupError, ValueError):
        return None
    if not issubclass(model, HasImages) or field not in model.IMAGES:
        return None
    return Owner(model, int(parts[2]), field)


def is_listed(rows, owner: Owner, name: str) -> bool:
    """Whether the owner, looked for among `rows`, lists `name` as a rendition. One query."""
    described = rows.filter(pk=owner.pk).values_list("renditions", flat=True).first()
    return name in ((described or {}).get(owner.field) or {}).get("files", ())


def original_owner(name: str):
    """The row whose file field holds the original upload `name`, or None: a picture's
    (an image field), or another upload stored by folder the same way (evidence)."""
    folder = name.partition("/")[0]
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            upload_to = getattr(field, "upload_to", None)
            if not isinstance(field, FileField) or getattr(upload_to, "folder", None) != folder:
                continue
            if row := model._default_manager.filter(**{field.name: name}).first():
                return row
    return None


def signature(name: str) -> str:
    """A timestamped signature of `name` (what follows the name in a signed value)."""
    return signing.TimestampSigner(salt=SALT).sign(name)[len(name) + 1 :]


def signature_is_valid(name: str, token: str | None) -> bool:
    """Whether `token` was made by signature(name) less than SIGNED_FOR seconds ago."""
    if not token:
        return False
    try:
        signer = signing.TimestampSigner(salt=SALT)
        return signer.unsign(f"{name}:{token}", max_age=SIGNED_FOR) == name
    except signing.BadSignature:
        return False


@cache
def _prefix(script_prefix: str) -> str:
    # The URLconf stays the one source of the address; reverse() is asked once.
    return reverse("picture", kwargs={"name": "x"})[:-1]


def picture_url(name: str, *, signed: bool = False) -> str:
    """The address of the rendition stored as `name`; `signed` for private pages only."""
    url = _prefix(get_script_prefix()) + quote(name)
    return f"{url}?{SIGNATURE}={quote(signature(name))}" if signed else url
