"""Page addresses built from a slug are the ones reverse() gives."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from common.addresses import slug_address

NAMES = ["stories:detail", "stories:theme", "stories:tag", "participants:participant"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", ["leisure-centres", "a_b-9", "ward-7"])
def test_a_plain_slug_gives_the_address_reverse_gives(name, slug):
    assert slug_address(name, slug) == reverse(name, kwargs={"slug": slug})


def test_a_unicode_tag_is_quoted_as_reverse_quotes_it():
    assert slug_address("stories:tag", "gofal-cymdeithasol-ŵyr") == reverse(
        "stories:tag", kwargs={"slug": "gofal-cymdeithasol-ŵyr"}
    )
    assert slug_address("stories:tag", "王小明").startswith("/tags/%E7%8E%8B")


def test_the_script_prefix_of_the_request_is_kept():
    set_script_prefix("/impact/")
    try:
        assert slug_address("stories:detail", "leisure") == "/impact/stories/leisure/"
    finally:
        clear_script_prefix()
    assert slug_address("stories:detail", "leisure") == "/stories/leisure/"
