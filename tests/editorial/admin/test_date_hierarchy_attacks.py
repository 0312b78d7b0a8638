"""A list's date hierarchy asked for the last day, month or year `datetime` can hold
(`?period_end__year=9999&period_end__month=12&period_end__day=31`) is a wacky lookup
like any other, the list without it ("?e=1"), not a 500: the period after it is past
the calendar's end."""

import pytest

from tests.selection_world import choose, make_world

pytestmark = pytest.mark.django_db

LISTS = {
    "/admin/stories/selectionround/": "period_end",
    "/admin/stories/story/": "published_at",
    "/admin/participants/cohort/": "start_date",
    "/admin/notifications/notification/": "created_at",
}
PERIODS = ["year=9999", "year=9999&{f}__month=12", "year=9999&{f}__month=12&{f}__day=31"]


@pytest.mark.parametrize("address, field", LISTS.items())
@pytest.mark.parametrize("period", PERIODS)
def test_the_calendars_last_period_is_a_wacky_lookup_not_a_500(
    admin_client, address, field, period
):
    world = make_world()
    choose(world.programme, (world.ward, world.housing))
    response = admin_client.get(f"{address}?{field}__" + period.format(f=field))
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize("address, field", LISTS.items())
def test_a_period_inside_the_calendar_still_filters(admin_client, address, field):
    response = admin_client.get(f"{address}?{field}__year=2024&{field}__month=12&{field}__day=31")
    assert response.status_code == 200
