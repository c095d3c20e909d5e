"""Fixtures for the accounts tests: users of every role, two agencies, a clock we own.

Users are made through ``accounts.services.user_create`` (the only way the product makes
them), with a fast password hasher so that a test can log in many times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_create
from register.models import Agency
from tests.browser.chromium import browser_type_launch_args
from tests.factories import create_agency

__all__ = ["browser_type_launch_args"]

PASSWORD = "rätt-häst-batteri-häftklammer"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def create_user(
    email: str = "person@myndighet.se",
    *,
    role: str = Role.RESPONDENT,
    agencies: tuple[Agency, ...] = (),
    password: str | None = PASSWORD,
    first_name: str = "Test",
    last_name: str = "Person",
) -> User:
    return user_create(
        email=email,
        role=role,
        password=password,
        agencies=agencies,
        first_name=first_name,
        last_name=last_name,
    )


@dataclass
class People:
    agency_a: Agency
    agency_b: Agency
    administrator: User
    analyst: User
    respondent_a: User
    service_centre: User  # reports for both agencies


def build_people() -> People:
    agency_a = create_agency("Alfaverket")
    agency_b = create_agency("Betaverket")
    return People(
        agency_a=agency_a,
        agency_b=agency_b,
        administrator=create_user("admin@uppfoljning.se", role=Role.ADMINISTRATOR),
        analyst=create_user("analytiker@uppfoljning.se", role=Role.ANALYST),
        respondent_a=create_user("svar@alfaverket.se", agencies=(agency_a,)),
        service_centre=create_user("svar@servicecenter.se", agencies=(agency_a, agency_b)),
    )


@pytest.fixture
def people(db) -> People:
    return build_people()


@pytest.fixture
def live_people(transactional_db) -> People:
    """``people`` for browser tests: committed, so the live server's thread sees them."""
    return build_people()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class Clock:
    """A settable ``timezone.now``: ``clock.advance(minutes=16)``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Patches django.utils.timezone.now (what the services call) for one test."""
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock
