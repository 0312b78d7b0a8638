import pytest

from tests.factories import make_participant
from tests.portal.helpers import sign_in_as


@pytest.fixture
def participant(db):
    return make_participant(name="Amara Okafor", email="amara@example.org")


@pytest.fixture
def participant_client(client, participant):
    sign_in_as(client, participant)
    return client
