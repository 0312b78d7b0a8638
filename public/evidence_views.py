"""Uploaded evidence files as the public and staff open them: always a download.

A file is served by the app from its own address, never from the media folder
nor by a redirect to the bucket, so the check before it is made on every request:
the moment its evidence stops being public (unticked, its story unpublished, its
participant's consent withdrawn or lapsed) the address answers 404. Browsers and
shared caches may keep a copy but must ask again before each use (no-cache); a
stored name never changes content, so the name is the ETag and a browser that
still may have it gets a 304 without the storage being read.
"""

from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from images.serving import etag
from stories.evidence_files import EXTENSIONS
from stories.models import Evidence

# Nothing in the file may run, even if a browser were asked to show it.
SANDBOX = "sandbox; default-src 'none'"


@require_safe
def evidence_file(request, pk: int, name: str):
    """An uploaded evidence file, while it is marked public and its story is public.

    One query. Whatever the reason (no such evidence, a link rather than a file, not
    public, another file's name), the answer is the same 404, so probing learns nothing.
    """
    evidence = Evidence.objects.public().filter(pk=pk).exclude(file="").only("pk", "file").first()
    if evidence is None or PurePath(evidence.file.name).name != name:
        raise Http404
    return download(request, evidence, cache_control="no-cache")


def download(request, evidence: Evidence, *, cache_control: str):
    """The evidence's file as an attachment (304 if the browser has it); 404 if it is
    not in storage. The caller has decided that this request may have it."""
    name = evidence.file.name
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise Http404  # a name no upload is given (images.names): not ours to serve
    tag = etag(name)
    response = get_conditional_response(request, etag=tag)
    if response is None:
        try:
            handle = evidence.file.storage.open(name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"evidence-{evidence.pk}{extension}",
            content_type=EXTENSIONS[extension],
        )
    response["ETag"] = tag
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    return response
