"""An imported or merged archive leaves the public counts equal to a recount."""

import pytest

from stories.models import Story
from tests.archive.site import run, wipe_site
from tests.factories import make_story
from tests.stories.tally_checks import made_afresh

pytestmark = pytest.mark.django_db


def test_restoring_and_merging_an_archive_keep_the_counts(archive):
    wipe_site()
    run("import_site", archive)
    restored = made_afresh()
    assert restored.get("stories", 0) == Story.objects.public().count() > 0
    wipe_site()
    make_story(slug="here-already").tags.add("ours")
    run("import_site", archive, "--merge")
    made_afresh()
