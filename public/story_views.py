from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from impact.summary import theme_impact
from pagecache import dependencies
from pagecache.data import remember
from pagecache.decorators import not_shared
from stories import facets, options, tallies
from stories.filters import ALL_FILTERS, StoryFilters, listing_reads
from stories.models import Consideration, Story, Theme
from stories.pagination import newest_first_page, page_of
from stories.search import service as search
from stories.search import spelling
from stories.story_page import story_page_context

THEME_PAGE_FILTERS = ("tag", "programme", "cohort", "q")
# A theme page's "Chosen by the panel": the latest choices, a short section.
CHOSEN_ON_THEME_PAGE = 4
TAG_PAGE_FILTERS = ("theme", "programme", "cohort", "q")
# What each listing reads of its query string: the page cache keys the page on it
# and hands the view nothing else (public.story_urls).
LISTING_READS = listing_reads(ALL_FILTERS)
THEME_PAGE_READS = listing_reads(THEME_PAGE_FILTERS)
TAG_PAGE_READS = listing_reads(TAG_PAGE_FILTERS)


def home(request):
    public = Story.objects.public()
    cards = public.with_cards().latest_first()
    featured = list(cards.filter(featured=True)[:3])
    themes = _themes_with_public_counts()
    figures = remember("home:figures", tallies.headline_figures)
    figures["themes"] = len(themes)
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
    """The themes of public stories, with how many each has: none only drafts have."""
    return remember("themes:public-counts", tallies.public_themes_counted)


# A filter that keeps at least one story in this many is walked in date order,
# testing each story (EXISTS); a rarer one lists its few stories and sorts them.
WALK_WHEN_ONE_IN = 200


def _listing(
    request,
    filter_names,
    *,
    filters=None,
    within=lambda stories, probe: stories,
    within_key: str | None = None,
    shows=(dependencies.LISTING,),
):
    """What every filterable list of stories shows: the page, the filters, the facets.

    `within` narrows the public stories to the page's own theme or tag (its
    tally key `within_key`), and `shows` names it for the page cache (a theme
    page is renewed by its own stories' edits, not by others'). With words to
    search for, results come best match first, with snippets.
    """
    dependencies.depends_on(*shows)
    filters = filters or StoryFilters.from_query(request.GET, filter_names)
    public = Story.objects.public()

    def narrowed(*, probe=False):
        return filters.apply(within(public, probe), with_words=False, probe=probe)

    words = filters.words
    # Counts over the whole archive are kept until the content changes; once for all
    # filters that name nothing, or each made-up value would keep one (issue 19).
    scope = f"{request.path}?{filters.scope}"
    # Kept as stories change for the common choices (stories.tallies); any other mix
    # is counted once and kept until what it shows changes.
    tallied = filters.tallied(within_key)
    matching = search.matching(narrowed(), words) if words else narrowed()
    counting = (lambda: tallies.count(tallied)) if tallied else matching.count
    count = remember(f"count:{scope}", counting, shows=shows)
    # A misspelt word: "Did you mean", and when the words as typed find nothing, the
    # results of the corrected ones (one query to know the words; more only for a typo).
    suggestion = (
        remember(f"spelling:{scope}", lambda: spelling.suggest(narrowed(), words), shows=shows)
        if words and filters.all_found
        else None
    )
    corrected = suggestion is not None and not count
    typed = words
    if corrected:
        words, count = suggestion.text, suggestion.count
        # The filters narrow the corrected search: their choices are counted for the
        # corrected words, so their links carry them, or each linked page would make
        # a correction of its own (perhaps another word) and show another number.
        filters = replace(filters, words=words)
    number = request.GET.get("page")
    if words:
        best = search.ranked(narrowed(), words) if count else []
        page = page_of(best, number)
        cards = Story.objects.filter(pk__in=page.object_list).with_cards().in_bulk()
        extracts = search.snippets(page.object_list, words)
        page.object_list = [cards[pk] for pk in page.object_list if pk in cards]
        for story in page.object_list:
            story.snippet = extracts.get(story.pk)
    else:
        # Only which way to walk (the page is the same either way): kept per version.
        every = (
            count
            if tallied == tallies.STORIES
            else remember("count:public", lambda: tallies.count(tallies.STORIES), shows=())
        )
        common = count * WALK_WHEN_ONE_IN >= every
        ordered = narrowed(probe=common).latest_first().with_cards()
        page = newest_first_page(ordered, number, count=count, scope=scope, shows=shows)
    # Each filter's choices that find stories, with how many: kept until what the page
    # shows or the choices change; once for all filters that name nothing.
    # Filters that name nothing find nothing, so no choice would find anything either.
    choices = (
        remember(
            f"choices:{scope}",
            lambda: facets.offered(
                filters,
                filter_names,
                stories=within(public, False),
                within_key=within_key,
                words=words,
            ),
            shows=[*shows, dependencies.OPTIONS],
        )
        if filters.all_found
        else {}
    )
    return {
        "filters": filters,
        "query": filters.query(),
        "spelling": {
            "words": suggestion.text,
            "typed": typed,
            "query": filters.query_with_words(suggestion.text),
            "exact_query": filters.query_with_words(suggestion.exact),
            "corrected": corrected,
        }
        if suggestion
        else None,
        "page": page,
        # A common word matches more than are ranked: the page says how many matched.
        "matches": count,
        "facets": choices.get("theme", []),
        "tag_options": choices.get("tag", []),
        "programme_options": choices.get("programme", []),
        "cohort_options": choices.get("cohort", []),
    }


def _listing_page(request, template: str, context: dict):
    """A listing's page; one whose filters name nothing public is answered but kept by
    no cache, since it shows what was asked for: each made-up value would keep a page."""
    response = render(request, template, context)
    return response if context["filters"].all_found else not_shared(response)


def search_page(request):
    filters = StoryFilters.from_query(request.GET)
    if filters.words:
        context = _listing(request, ALL_FILTERS, filters=filters)
    else:
        context = {"filters": filters, "page": None}
    if context["page"] is None or not context["page"].paginator.count:
        # Nothing to show: suggest the themes instead.
        context["suggested_themes"] = _themes_with_public_counts()
    return _listing_page(request, "stories/search.html", context)


def story_list(request):
    return _listing_page(request, "stories/story_list.html", _listing(request, ALL_FILTERS))


def story_detail(request, slug):
    story = get_object_or_404(
        Story.objects.public().with_details().with_public_evidence(), slug=slug
    )
    dependencies.depends_on(dependencies.key("story", story.pk))
    return render(request, "stories/story_detail.html", story_page_context(request, story))


def theme_list(request):
    themes = remember("themes:index", _themes_pictured)
    return render(request, "stories/theme_list.html", {"themes": themes})


def _themes_pictured() -> list[Theme]:
    """The public themes with their counts, each with the picture of its newest public
    story that has one (`cover`, or None): two queries, whatever the number of themes."""
    public = Story.objects.public()
    themes = list(
        tallies.with_counts(tallies.public_themes(), "theme:")
        .with_newest_picture(public)
        .order_by(*Theme._meta.ordering)
    )
    covers = public.pictures_only().in_bulk([theme.cover_id for theme in themes if theme.cover_id])
    for theme in themes:
        theme.cover = covers.get(theme.cover_id)
    return themes


def theme_detail(request, slug):
    # Only a theme of a public story has a page: one only drafts have stays unseen.
    theme = get_object_or_404(tallies.public_themes(), slug=slug)
    shows = [dependencies.key("theme", theme.pk)]
    context = _listing(
        request,
        THEME_PAGE_FILTERS,
        within=lambda stories, probe: stories.for_theme(theme, probe=probe),
        within_key=tallies.key("theme", theme.pk),
        shows=shows,
    )
    related = remember(
        f"related-themes:{theme.pk}",
        lambda: tallies.occurring_with(theme),
        shows=[*shows, dependencies.OPTIONS],
    )
    chosen = remember(
        f"panel-choices:{theme.pk}",
        lambda: list(
            Consideration.objects.public_choices()
            .filter(theme=theme)
            .with_stories()[:CHOSEN_ON_THEME_PAGE]
        ),
        shows=shows,
    )
    context |= {
        "theme": theme,
        "related_themes": related,
        "impact": theme_impact(theme),
        "panel_choices": chosen,
    }
    return _listing_page(request, "stories/theme_detail.html", context)


def tag_detail(request, slug):
    # Only a tag on a public story has a page: a draft's tags stay unseen.
    tag = options.with_slug(options.public_tags(), slug)
    if tag is None:
        raise Http404("No public story carries this tag.")
    shows = [dependencies.key("tag", tag.pk)]
    context = _listing(
        request,
        TAG_PAGE_FILTERS,
        within=lambda stories, probe: stories.for_tag(tag, probe=probe),
        within_key=tallies.key("tag", tag.pk),
        shows=shows,
    )
    return _listing_page(request, "stories/tag_detail.html", context | {"tag": tag})
