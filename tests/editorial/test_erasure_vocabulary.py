"""Attack: an erased person's name must leave the spelling vocabulary with them."""

import pytest

from editorial.erasure import erase_participant
from stories.models import SearchWord
from tests.factories import make_participant, make_story

pytestmark = pytest.mark.django_db


def test_erasing_a_person_removes_their_name_from_the_search_words_and_did_you_mean(client):
    person = make_participant(name="Hortensia Wallington", slug="hortensia")
    make_story(title="Her story", body="<p>Hortensia Wallington speaks.</p>", participant=person)
    make_story(title="Walls", body="<p>The walls of the town.</p>")
    assert SearchWord.objects.filter(word="hortensia").exists()
    erase_participant(participant=person, by=None)
    # Everything held about them goes, the words the search kept of them too.
    assert not SearchWord.objects.filter(word__in=["hortensia", "wallington"]).exists()
    page = client.get("/search/", {"q": "Walington"}).content.decode()
    assert "Wallington" not in page
