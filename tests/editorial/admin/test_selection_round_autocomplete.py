"""The rounds' own admin lists and pages them in one order (newest period first), as
their model does: its list counts the chosen stories (a GROUP BY, which drops the
model's ordering), so the admin's autocomplete paged them in no order at all, each
page a guess on PostgreSQL."""

import datetime as dt
import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning

from stories.models import SelectionRound
from tests.factories import make_programme, make_selection_round

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/?app_label=stories&model_name=panelmember"


def test_the_rounds_autocomplete_pages_every_round_once_newest_first(editor_client):
    programme = make_programme()
    start = dt.date(2020, 1, 1)
    for n in range(25):  # two pages of twenty
        end = start + dt.timedelta(days=30 * (n % 7))
        make_selection_round(programme, title=f"Round {n}", period_start=start, period_end=end)
    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        for page in (1, 2):
            url = f"{AUTOCOMPLETE}&field_name=selection_round&term=Round&page={page}"
            response = editor_client.get(url)
            assert response.status_code == 200
            seen += [int(result["id"]) for result in response.json()["results"]]
    expected = list(
        SelectionRound.objects.order_by("-period_end", "-id").values_list("pk", flat=True)
    )
    assert seen == expected
