"""As the commands run for real: no test transaction around them, so the export's own
snapshot (REPEATABLE READ on PostgreSQL, a deferred read on SQLite) and the import's
own transaction and rollback are the ones at work."""

import json

import pytest
from django.core.management.base import CommandError
from django.db import connection

from stories.models import Story
from tests.archive.site import build_site, media_tree, rewritten, rows, run, wipe_site

# serialized_rollback, as the browser tests: the tables are emptied after the test without
# migrate's signal refilling content types, so the next such test can reload its data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_real_export_and_import_round_trip_and_a_failed_import_rolls_back(tmp_path):
    build_site()
    before, files = rows(), media_tree()
    archive = tmp_path / "site.zip"
    run("export_site", archive)
    assert not connection.in_atomic_block  # the export's snapshot was closed again

    wipe_site()
    run("import_site", archive)
    assert rows() == before and media_tree() == files

    def break_the_last_story(content):
        stories = json.loads(content)
        stories[-1]["fields"]["participant"] = 999_999  # checked only as the load ends
        return json.dumps(stories)

    bad = rewritten(
        archive, tmp_path / "bad.zip", replace={"data/stories.story.json": break_the_last_story}
    )
    wipe_site()
    with pytest.raises(CommandError, match="nothing was changed"):
        run("import_site", bad)
    assert not Story.objects.exists() and media_tree() is None
