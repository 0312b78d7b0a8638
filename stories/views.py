from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from stories.models import Story, Theme

STORIES_PER_PAGE = 12


def home(request):
    stories = Story.objects.public().with_cards().latest_first()
    return render(
        request,
        "stories/home.html",
        {
            "featured": list(stories.filter(featured=True)[:3]),
            "latest": list(stories[:6]),
            "themes": list(Theme.objects.with_public_story_counts()),
        },
    )


def story_list(request):
    stories = Story.objects.public().with_cards().latest_first()
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "stories/story_list.html", {"page": page})


def story_detail(request, slug):
    story = get_object_or_404(
        Story.objects.public()
        .with_cards()
        .select_related("participant__organisation")
        .prefetch_related("partnerships__organisation", "outcomes", "participant__cohorts"),
        slug=slug,
    )
    return render(request, "stories/story_detail.html", {"story": story})


def theme_list(request):
    return render(
        request,
        "stories/theme_list.html",
        {"themes": list(Theme.objects.with_public_story_counts())},
    )


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    stories = Story.objects.public().for_theme(theme).with_cards().latest_first()
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "stories/theme_detail.html", {"theme": theme, "page": page})
