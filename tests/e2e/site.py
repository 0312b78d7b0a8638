"""The content the browser and HTML tests read, and one address of each public page type."""

from taggit.models import Tag

from demo.loader import load_demo
from editorial.sharing import create_share_link, share_url
from sitepages import defaults
from sitepages.models import SitePage
from stories.models import Story, Theme
from tests.factories import make_participant, make_story

SEED_STORY = "andrew-wilesmith-ipswich-leisure-to-community-health"
THEME = "health-inequalities"
TAG = "physical-activity"
PROGRAMME = "leadership-essentials"

# One address of every kind of public page, with what it shows.
PUBLIC_PAGES = {
    "home": "/",
    "story-list-filtered": f"/stories/?theme={THEME}&theme=system-leadership&tag={TAG}",
    "story-list-not-found-filter": "/stories/?theme=no-such-theme",
    "theme-list": "/themes/",
    "theme": f"/themes/{THEME}/",
    "story": f"/stories/{SEED_STORY}/",
    "participant-list": "/participants/",
    "participant": "/participants/andrew-wilesmith/",
    "organisation-list": "/organisations/",
    "organisation": "/organisations/ipswich-borough-council/",
    "tag": f"/tags/{TAG}/",
    "search-results": "/search/?q=Ipswich",
    "search-no-results": "/search/?q=zebra+crossing+xylophone",
    "search-corrected": "/search/?q=leisure+servise",  # found through "Showing results for"
    "search-did-you-mean": "/search/?q=helth",
    "search-empty": "/search/",
    "not-found": "/stories/no-such-story/",
    "impact": "/impact/",
    "impact-filtered": f"/impact/?theme={THEME}&type=funding",
    "impact-nothing-matches": "/impact/?kind=private&type=partnership",
    "brochure": f"/programmes/{PROGRAMME}/brochure/",
    "cohort-brochure": f"/programmes/{PROGRAMME}/{PROGRAMME}-march-2020/brochure/",
    "report": f"/programmes/{PROGRAMME}/report/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "contact": "/contact/",
}


def load_site(*, more_in_theme: int = 0) -> dict[str, str]:
    """The demo content with its pictures, searchable; optionally more stories on
    the demo theme and tag, so that a filtered theme page has a second page.

    Returns the public pages to visit: PUBLIC_PAGES and the page a participant
    opens from a share link to approve a draft.
    """
    load_demo(with_pictures=True)
    # Made by the migrations, but a browser test before this one emptied the database.
    defaults.add_missing(SitePage)
    theme = Theme.objects.get(slug=THEME)
    tag = Tag.objects.get(slug=TAG)  # by its slug: readers see its name, "Physical activity"
    for n in range(1, more_in_theme + 1):
        story = make_story(
            title=f"Walking group number {n} takes the long way round",
            summary="A walking group that began with three neighbours and a map.",
            participant=make_participant(name=f"Walker {n}", slug=f"walker-{n}"),
        )
        story.themes.add(theme)
        story.tags.add(tag)
    assert Story.objects.public().filter(slug=SEED_STORY).exists()
    draft = Story.objects.filter(status=Story.Status.DRAFT).first()
    link = create_share_link(story=draft, by=None, label="For the participant")
    return PUBLIC_PAGES | {"shared-draft-for-sign-off": share_url(link)}
