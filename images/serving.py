"""A stored picture as an HTTP response, from MEDIA_ROOT or the bucket alike.

The file is streamed by the app, never handed over as a redirect to a signed
bucket address, which would keep working after the picture stopped being
public. Browsers may keep it, but ask again on every use (no-cache): a stored
name never changes content, so the name is the ETag, and a browser that holds
it gets a 304 without the storage being read; the access check before it is
made every time, so a picture taken down is gone on the next request.
"""

import hashlib
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response

CONTENT_TYPES = {
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def etag(name: str) -> str:
    return f'"{hashlib.sha256(name.encode()).hexdigest()[:32]}"'


def stored_file(request, name: str, *, cache_control: str):
    """The file stored as `name` (304 if the browser has it); a 404 if it is not there.

    The caller has decided that this request may see it.
    """
    content_type = CONTENT_TYPES.get(PurePath(name).suffix.lower())
    if content_type is None:
        raise Http404
    tag = etag(name)
    response = get_conditional_response(request, etag=tag)
    if response is None:
        try:
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        except (FileNotFoundError, OSError):
            raise Http404 from None
    response["ETag"] = tag
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
