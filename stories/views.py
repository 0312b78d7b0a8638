from django.shortcuts import get_object_or_404, render

from pagecache.data import remember
from participants.models import Cohort, Programme
from stories.filters import ALL_FILTERS, StoryFilters
from stories.models import Story, Theme
from stories.pagination import page_of
from stories.search import service as search
from stories.seo import article_data

THEME_PAGE_FILTERS = ("tag", "programme", "cohort", "q")
TAG_PAGE_FILTERS = ("theme", "programme", "cohort", "q")


def home(request):
    public = Story.objects.public()
    cards = public.with_cards().latest_first()
    featured = list(cards.filter(featured=True)[:3])
    themes = _themes_with_public_counts()
    figures = remember("home:figures", public.headline_figures)
    figures["themes"] = sum(1 for theme in themes if theme.story_count)
    return render(
        request,
        "stories/home.html",
        {
            "featured": featured,
            "latest": list(cards.exclude(pk__in=[s.pk for s in featured])[:6]),
            "themes": themes,
            "figures": figures,
        },
    )


def _themes_with_public_counts() -> list[Theme]:
    return remember("themes:public-counts", lambda: list(Theme.objects.with_public_story_counts()))


def _listing(request, stories, filter_names, filters=None):
    """What every filterable list of stories shows: the page, the filters, the facets.

    With words to search for, results come best match first, with snippets.
    """
    filters = filters or StoryFilters.from_query(request.GET, filter_names)
    filtered = filters.apply(stories, with_words=False)
    if filters.words:
        matching = search.matching(filtered, filters.words)
        ordered = search.ranked(filtered, filters.words)
    else:
        matching = filtered
        ordered = filtered.latest_first()
    # Counts over the whole archive are kept until the content changes.
    scope = f"{request.path}?{filters.query()}"
    count = remember(f"count:{scope}", matching.count)
    page = page_of(ordered.with_cards(), request.GET.get("page"), count=count)
    if filters.words:
        page.object_list = list(page.object_list)
        extracts = search.snippets([story.pk for story in page.object_list], filters.words)
        for story in page.object_list:
            story.snippet = extracts.get(story.pk)
    return {
        "filters": filters,
        "query": filters.query(),
        "page": page,
        "facets": remember(
            f"facets:{scope}", lambda: list(Theme.objects.with_story_counts(matching))
        )
        if "theme" in filter_names
        else [],
        "tag_options": remember("options:tags", lambda: list(Story.objects.public().tags_used()))
        if "tag" in filter_names
        else [],
        "programme_options": remember(
            "options:programmes", lambda: list(Programme.objects.public())
        )
        if "programme" in filter_names
        else [],
        "cohort_options": remember(
            "options:cohorts",
            lambda: list(Cohort.objects.public().select_related("programme")),
        )
        if "cohort" in filter_names
        else [],
    }


def search_page(request):
    filters = StoryFilters.from_query(request.GET)
    if filters.words:
        context = _listing(request, Story.objects.public(), ALL_FILTERS, filters)
    else:
        context = {"filters": filters, "page": None}
    if context["page"] is None or not context["page"].paginator.count:
        # Nothing to show: suggest the themes instead.
        context["suggested_themes"] = [
            theme for theme in _themes_with_public_counts() if theme.story_count
        ]
    return render(request, "stories/search.html", context)


def story_list(request):
    context = _listing(request, Story.objects.public(), ALL_FILTERS)
    return render(request, "stories/story_list.html", context)


def story_page_context(request, story: Story, *, with_related: bool = True) -> dict:
    """What the story template shows, for the public page and for previews alike.

    `story` comes from `with_details()`. A draft may lack the participant or date
    structured data needs; it then has none, as search engines never see a draft.
    """
    return {
        "story": story,
        # Ranking every public story by shared themes costs the archive's size: kept.
        "related": remember(f"related:{story.pk}", lambda: Story.objects.related_to(story))
        if with_related
        else [],
        "article": article_data(story, request)
        if story.participant_id and story.published_at
        else None,
    }


def story_detail(request, slug):
    story = get_object_or_404(Story.objects.public().with_details(), slug=slug)
    return render(request, "stories/story_detail.html", story_page_context(request, story))


def theme_list(request):
    return render(request, "stories/theme_list.html", {"themes": _themes_with_public_counts()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = _listing(request, Story.objects.public().for_theme(theme), THEME_PAGE_FILTERS)
    related = remember(
        f"related-themes:{theme.pk}", lambda: list(Theme.objects.occurring_with(theme))
    )
    context |= {"theme": theme, "related_themes": related}
    return render(request, "stories/theme_detail.html", context)


def tag_detail(request, slug):
    # Only a tag on a public story has a page: a draft's tags stay unseen.
    tag = get_object_or_404(Story.objects.public().tags_used(), slug=slug)
    context = _listing(request, Story.objects.public().for_tag(tag), TAG_PAGE_FILTERS)
    return render(request, "stories/tag_detail.html", context | {"tag": tag})
