import pytest

from tests.editorial.personal_data import make_person


@pytest.fixture
def person(editor):
    """Zebedee Quillfeather, with something of every kind held about them (personal_data)."""
    return make_person(editor)
