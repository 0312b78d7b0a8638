"""Who "the editors" are for an email: read in one query, however many staff there are."""

from django.contrib.auth.models import Permission

from notifications.send import editors
from tests.factories import make_staff


def test_editors_are_those_who_may_publish_with_an_address(db, django_assert_num_queries):
    group_editor = make_staff("erin", "Editors")
    direct = make_staff("dana")
    direct.user_permissions.add(Permission.objects.get(codename="publish_story"))
    boss = make_staff("sam")
    boss.is_superuser = True
    contributor = make_staff("casey", "Contributors")
    gone = make_staff("gone", "Editors")
    gone.is_active = False
    silent = make_staff("silent", "Editors")
    for user in [group_editor, direct, boss, contributor, gone]:
        user.email = f"{user.username}@example.org"
        user.save()
    for number in range(10):
        make_staff(f"editor-{number}", "Editors").save()  # no address: never emailed
    with django_assert_num_queries(1):
        found = editors()
    assert found == [group_editor, direct, boss]
    assert silent not in found
