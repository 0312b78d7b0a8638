from django.http import Http404
from django.shortcuts import get_object_or_404, render

from participants.models import Organisation, Participant
from stories.models import Story


def participant_detail(request, slug):
    participant = get_object_or_404(
        Participant.objects.with_consent().select_related("organisation"), slug=slug
    )
    stories = list(
        Story.objects.public().filter(participant=participant).with_cards().latest_first()
    )
    if not stories:
        raise Http404("No public stories for this participant.")
    return render(
        request,
        "participants/participant_detail.html",
        {"participant": participant, "stories": stories},
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    public = Story.objects.public().with_cards().latest_first()
    return render(
        request,
        "participants/organisation_detail.html",
        {
            "organisation": organisation,
            "people_stories": list(public.filter(participant__organisation=organisation)),
            "partner_stories": list(public.filter(partners=organisation).distinct()),
        },
    )
