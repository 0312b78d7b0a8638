import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


def test_makes_a_superuser_and_prints_the_password_that_logs_in():
    printed = run()
    password = printed.split("password: ")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)


def test_an_existing_account_is_left_as_it_is():
    run()
    before = get_user_model().objects.get(username="admin").password
    printed = run()
    assert "exists" in printed
    assert get_user_model().objects.get(username="admin").password == before
