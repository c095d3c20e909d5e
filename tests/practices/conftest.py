"""Practices on the memorable world (tests/world.py): a respondent for Mellanverket, one
for Småverket, an analyst, and an opted-in network contact of Mellanverket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_create
from network.models import Contact
from practices.models import Practice
from practices.services import (
    PracticeData,
    practice_create,
    practice_publish,
    practice_submit,
)
from register.models import Agency
from tests.browser.chromium import browser_type_launch_args
from tests.world import World, build_world

__all__ = ["browser_type_launch_args"]

PASSWORD = "rätt-häst-batteri-häftklammer"
CONTACT_NAME = "Kerstin Kontaktsson"
CONTACT_EMAIL = "kerstin.kontaktsson@mellanverket.se"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class PracticeWorld:
    world: World
    respondent: User  # Mellanverket
    other: User  # Småverket
    office: User
    contact: Contact

    @property
    def mellanverket(self) -> Agency:
        return self.world.mellanverket

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def contact_create(agency: Agency, name: str = CONTACT_NAME, email: str = CONTACT_EMAIL) -> Contact:
    now = timezone.now()
    return Contact.objects.create(
        agency=agency,
        name=name,
        role="E-handelsansvarig",
        email=email,
        phone="070-123 45 67",
        consent_text="Jag samtycker till att visas för inloggade användare.",
        consent_given_at=now,
        created_at=now,
        updated_at=now,
    )


def build_practice_world() -> PracticeWorld:
    world = build_world()

    def user(email: str, role: str, agencies: tuple[Agency, ...] = ()) -> User:
        return user_create(email=email, role=role, password=PASSWORD, agencies=agencies)

    return PracticeWorld(
        world=world,
        respondent=user("rapportor@mellanverket.se", Role.RESPONDENT, (world.mellanverket,)),
        other=user("rapportor@smaverket.se", Role.RESPONDENT, (world.smaverket,)),
        office=user("analytiker@uppfoljning.se", Role.ANALYST),
        contact=contact_create(world.mellanverket),
    )


@pytest.fixture
def pw(db) -> PracticeWorld:
    return build_practice_world()


def good_data(**changes: object) -> PracticeData:
    data = PracticeData(
        title="Matchning mot avtal",
        description="Vi lade upp alla abonnemang som avtal i systemet.",
        started_on=date(2024, 3, 1),
        themes=["matching", "systems"],
        figures=["andel-matchade", "e-order-per-100-aa"],
        effort="medium",
        effort_note="Två personer i fyra månader.",
        contact_id=None,
        source_url="https://www.mellanverket.se/matchning",
        source_label="Mellanverkets årsredovisning 2024",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def published_practice(pw: PracticeWorld, **changes: object) -> Practice:
    practice = practice_create(
        user=pw.respondent, agency=pw.mellanverket, data=good_data(**changes)
    )
    practice_submit(user=pw.respondent, practice=practice)
    return practice_publish(user=pw.office, practice=practice)
