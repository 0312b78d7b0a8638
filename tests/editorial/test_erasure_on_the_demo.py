"""Erasing the seed participant of the demo site, timed (`-s` prints how long it took)."""

import time

import pytest
from reversion.models import Version

from demo.loader import load_demo
from editorial.erasure import erase_participant
from participants.models import Erasure, Participant
from stories.models import Story
from tests.editorial.personal_data import rows_naming_them

pytestmark = pytest.mark.django_db

SEED = "Andrew Wilesmith"


def test_erasing_andrew_leaves_his_name_only_where_others_name_him(
    django_capture_on_commit_callbacks, capsys
):
    load_demo()
    andrew = Participant.objects.get(name=SEED)
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_participant(participant=andrew, by=None)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nErasing {SEED} from the demo site took {seconds * 1000:.0f} ms: {report.removed}")
    assert Erasure.objects.filter(participant_id=andrew.pk).exists()
    # Kwame's bio and story name him: listed for an editor, not changed by erasure.
    kwame = Participant.objects.get(slug="kwame-mensah")
    kwame_story = Story.objects.get(participant=kwame)
    assert sorted((m.kind, m.label) for m in report.mentions) == [
        ("participant", kwame.name),
        ("story", kwame_story.title),
    ]
    # Kwame's outcome names him too: he vouched for the rooms offered (issue 22's grades).
    vouched = kwame_story.outcomes.filter(verified_by__icontains="wilesmith")
    assert vouched.exists()
    kwame_versions = [
        *Version.objects.get_for_object(kwame_story).values_list("pk", flat=True),
        *(
            pk
            for outcome in vouched
            for pk in Version.objects.get_for_object(outcome).values_list("pk", flat=True)
        ),
    ]
    left = {row.rsplit(" ", 1)[0] for row in rows_naming_them(marks=("wilesmith",))}
    assert left == {
        f"participants.Participant #{kwame.pk}",
        f"stories.Story #{kwame_story.pk}",
        f"stories.SearchDocument #{kwame_story.pk}",
        *(f"stories.Outcome #{outcome.pk}" for outcome in vouched),
        # The search vocabulary keeps the word while Kwame's story has it.
        "stories.SearchWord #wilesmith",
        *(f"reversion.Version #{pk}" for pk in kwame_versions),
    }
