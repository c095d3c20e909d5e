"""The network's tests: the fixture world plus the people around it.

``respondent`` reports for Storverket, ``other_respondent`` for Småverket,
``no_agency`` is a respondent without agencies, ``inactive`` reports for Storverket but
is deactivated, ``office`` is an analyst. Passwords are unusable: tests log in with
``force_login`` (the browser tests set their own).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import Role, User
from accounts.services import user_create
from tests.world import World


@dataclass
class People:
    world: World
    respondent: User
    other_respondent: User
    no_agency: User
    inactive: User
    office: User


def build_people(world: World, password: str | None = None) -> People:
    return People(
        world=world,
        respondent=user_create(
            email="anna.respondent@example.se",
            role=Role.RESPONDENT,
            password=password,
            first_name="Anna",
            last_name="Andersson",
            agencies=[world.storverket],
        ),
        other_respondent=user_create(
            email="bo.respondent@example.se",
            role=Role.RESPONDENT,
            password=password,
            agencies=[world.smaverket],
        ),
        no_agency=user_create(
            email="ingen.myndighet@example.se", role=Role.RESPONDENT, password=password
        ),
        inactive=user_create(
            email="slutat@example.se",
            role=Role.RESPONDENT,
            password=password,
            agencies=[world.storverket],
            is_active=False,
        ),
        office=user_create(email="kansliet@example.se", role=Role.ANALYST, password=password),
    )


@pytest.fixture
def people(world: World) -> People:
    return build_people(world)
