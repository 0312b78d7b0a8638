"""What the loaded demo shows: each story under its leading theme's cover, each
organisation under its wordmark, and no invented face for any participant."""

import pytest

from demo import pictures
from demo.loader import load_demo, read
from participants.models import Organisation, Participant
from stories.models import Story, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(with_pictures=True)


def test_each_story_shows_the_cover_of_the_theme_it_leads_with(demo):
    themes = dict(Theme.objects.values_list("slug", "name"))
    for item in read("stories"):
        story = Story.objects.get(slug=item["slug"])
        lead = item["themes"][0]
        assert story.hero_image_alt.startswith("Illustration: "), story.slug
        assert f"“{themes[lead]}”" in story.hero_image_alt, story.slug
        drawn, _ = pictures.cover(seed=story.slug, theme_slug=lead, theme_name=themes[lead])
        with story.hero_image.open("rb") as stored:
            assert stored.read() == drawn, "the same demo, the same bytes"
        assert story.renditions["hero_image"]["card"], story.slug


def test_organisations_get_a_wordmark_and_participants_no_made_up_photo(demo):
    assert Participant.objects.count() == len(read("participants"))
    assert not Participant.objects.exclude(photo="").exists(), "the site's placeholder shows"
    assert not Participant.objects.exclude(photo_alt="").exists()
    with_logo = Organisation.objects.exclude(logo="")
    assert with_logo.count() >= 20
    for organisation in with_logo:
        assert organisation.logo_alt == f"{organisation.name} logo"
        assert organisation.renditions["logo"]["logo"], organisation.slug
