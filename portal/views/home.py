from django.db.models import Prefetch
from django.shortcuts import render

from portal.access import participant_required
from stories.models import Consideration, Story, StoryDraft


@participant_required
def home(request):
    """The participant's own page: their stories, what they are writing, their consent and data."""
    participant = request.participant
    context = {
        "participant": participant,
        "stories": list(
            Story.objects.on_participant_page(participant).prefetch_related(
                Prefetch(
                    "considerations",
                    queryset=Consideration.objects.public_choices().with_round(),
                    to_attr="panel_choices",
                )
            )
        ),
        "drafts": list(StoryDraft.objects.filter(participant=participant, submitted_at=None)),
    }
    return render(request, "portal/home.html", context)
