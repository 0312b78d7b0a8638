from django.shortcuts import render

from portal.access import participant_required


@participant_required
def home(request):
    """The participant's own page: their stories, their consent, their data."""
    participant = request.participant
    stories = participant.stories.order_by("-updated_at")
    return render(request, "portal/home.html", {"participant": participant, "stories": stories})
