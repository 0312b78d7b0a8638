"""A participant's own data: what is held about them, and the download of all of it."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from editorial.subject_access import export_participant
from portal.access import participant_required


@participant_required
def data(request):
    return render(request, "portal/data.html", {"participant": request.participant})


@participant_required
def download(request):
    """The same zip as `manage.py export_participant`, never kept by any cache."""
    participant = request.participant
    response = HttpResponse(export_participant(participant), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="my-data-{participant.slug}.zip"'
    add_never_cache_headers(response)
    return response
