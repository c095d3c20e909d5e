"""``manage.py create_demo_users``: idempotent, development only, never in production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Role, User
from accounts.services import DEMO_PASSWORD
from tests.factories import create_agency

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("create_demo_users", "--site-url", "http://127.0.0.1:8080", stdout=out)
    return out.getvalue()


def test_creates_an_analyst_and_a_respondent_for_two_named_agencies(settings):
    settings.DEBUG = True
    create_agency("Arbetsförmedlingen")
    kammarkollegiet = create_agency("Kammarkollegiet")
    servicecenter = create_agency("Statens servicecenter")

    output = run()

    analyst = User.objects.get(email="analytiker@example.se")
    respondent = User.objects.get(email="uppgiftslamnare@example.se")
    assert (analyst.role, analyst.is_staff) == (Role.ANALYST, True)
    assert (respondent.role, respondent.is_staff) == (Role.RESPONDENT, False)
    assert set(respondent.agencies.all()) == {kammarkollegiet, servicecenter}
    assert DEMO_PASSWORD in output
    assert "analytiker@example.se" in output
    assert "Kammarkollegiet, Statens servicecenter" in output
    assert "http://127.0.0.1:8080/konto/logga-in/" in output
    for email in ("analytiker@example.se", "uppgiftslamnare@example.se"):
        response = Client().post("/konto/logga-in/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email


def test_running_it_again_changes_nothing_and_repairs_the_demo_users(settings):
    settings.DEBUG = True
    create_agency("Kammarkollegiet")
    create_agency("Statens servicecenter")
    run()
    analyst = User.objects.get(email="analytiker@example.se")
    analyst.set_password("något-annat")
    analyst.save()

    output = run()

    assert User.objects.count() == 2
    assert "(skapad)" not in output
    analyst.refresh_from_db()
    assert analyst.check_password(DEMO_PASSWORD)
    respondent = User.objects.get(email="uppgiftslamnare@example.se")
    assert respondent.agencies.count() == 2


def test_falls_back_to_other_agencies_when_the_named_ones_are_missing(settings):
    settings.DEBUG = True
    create_agency("Kammarkollegiet")
    create_agency("Alfaverket")
    create_agency("Betaverket")
    run()
    respondent = User.objects.get(email="uppgiftslamnare@example.se")
    assert sorted(respondent.agencies.values_list("name", flat=True)) == [
        "Alfaverket",
        "Kammarkollegiet",
    ]


def test_without_a_register_the_respondent_has_no_agencies_and_says_so(settings):
    settings.DEBUG = True
    output = run()
    assert "inga myndigheter" in output
    assert User.objects.get(email="uppgiftslamnare@example.se").agencies.count() == 0


def test_refused_in_production_even_with_demo_users_set(settings):
    settings.PRODUCTION = True
    settings.DEBUG = True
    settings.DEMO_USERS = True
    with pytest.raises(CommandError, match="aldrig med DJANGO_ENV=production"):
        run()
    assert not User.objects.exists()


def test_outside_debug_it_needs_demo_users(settings):
    settings.DEBUG = False
    settings.DEMO_USERS = False
    with pytest.raises(CommandError, match="DEMO_USERS=1"):
        run()
    settings.DEMO_USERS = True
    run()
    assert User.objects.count() == 2
