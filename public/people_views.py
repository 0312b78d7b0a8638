from django.db.models import F
from django.shortcuts import get_object_or_404, render

from pagecache.dependencies import depends_on, key
from participants.models import Organisation, Participant
from stories.models import Story
from stories.pagination import page_of

PEOPLE_PER_PAGE = 24
ORGANISATIONS_PER_PAGE = 48


def participant_list(request):
    people = (
        Participant.objects.public()
        .select_related("organisation")
        .with_public_story_counts()
        .order_by("name", "pk")
    )
    page = page_of(people, request.GET.get("page"), PEOPLE_PER_PAGE)
    return render(request, "participants/participant_list.html", {"page": page})


def participant_detail(request, slug):
    participant = get_object_or_404(
        Participant.objects.public().select_related("organisation"), slug=slug
    )
    depends_on(key("participant", participant.pk))
    stories = Story.objects.public().filter(participant=participant).with_cards().latest_first()
    return render(
        request,
        "participants/participant_detail.html",
        {
            "participant": participant,
            "cohorts": list(participant.cohorts.select_related("programme")),
            "stories": list(stories),
        },
    )


def organisation_list(request):
    organisations = Organisation.objects.public().with_public_story_counts().order_by("name", "pk")
    page = page_of(organisations, request.GET.get("page"), ORGANISATIONS_PER_PAGE)
    return render(request, "participants/organisation_list.html", {"page": page})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    depends_on(key("organisation", organisation.pk))
    public = Story.objects.public().with_cards().latest_first()
    people = Participant.objects.public().filter(organisation=organisation).order_by("name")
    partnered = public.filter(partnerships__organisation=organisation).annotate(
        partner_role=F("partnerships__role")
    )
    return render(
        request,
        "participants/organisation_detail.html",
        {
            "organisation": organisation,
            "people": list(people),
            "people_stories": list(public.filter(participant__organisation=organisation)),
            "partner_stories": list(partnered),
        },
    )
