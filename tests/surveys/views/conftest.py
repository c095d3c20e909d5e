"""The respondent's pages: three agencies, an open round and the round before it.

Alfaverket and Betaverket are in the open round 2025; Gammaverket is in it too but
nobody here reports for it. ``respondent`` reports for Alfaverket, ``centre`` (a
service centre) for Alfaverket and Betaverket, ``office`` is an analyst. Users are
made through ``accounts.services.user_create`` with a fast password hasher.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from accounts.models import Role, User
from accounts.services import user_create
from register.models import Agency
from surveys.models import Response, ResponseStatus, Round, RoundStatus
from tests.browser.chromium import browser_type_launch_args
from tests.factories import create_agency, create_response, create_round

__all__ = ["browser_type_launch_args"]

PASSWORD = "rätt-häst-batteri-häftklammer"
# Values that give no warning against the previous round's (1 000, 800, 300, 400).
GOOD = {
    "supplier_invoices": "1 000",
    "e_invoices": "900",
    "matched_invoices": "400",
    "e_orders": "420",
}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Setting:
    round: Round
    previous: Round
    alfa: Agency
    beta: Agency
    gamma: Agency
    outside: Agency  # assigned to the respondent, not in the round's population
    responses: dict[str, Response]
    respondent: User
    centre: User
    office: User

    def form_url(self, key: str = "alfa", *, round_: Round | None = None) -> str:
        agency = getattr(self, key)
        return f"/rapportera/{(round_ or self.round).slug}/{agency.org_nr}/"

    @property
    def upload_url(self) -> str:
        return f"/rapportera/{self.round.slug}/ladda-upp/"

    @property
    def confirm_url(self) -> str:
        return f"/rapportera/{self.round.slug}/ladda-upp/bekrafta/"

    @property
    def template_url(self) -> str:
        return f"/rapportera/{self.round.slug}/mall.xlsx"

    def response(self, key: str = "alfa") -> Response:
        return Response.objects.get(pk=self.responses[key].pk)


def build_setting() -> Setting:
    previous = create_round(year=2024, status=RoundStatus.CLOSED)
    alfa = create_agency("Alfaverket", fte={2024: 200, 2025: 200})
    beta = create_agency("Betaverket", fte={2024: 300, 2025: 300})
    gamma = create_agency("Gammaverket", fte={2025: 400})
    outside = create_agency("Utanförverket", fte={2025: 40})
    for agency, fte, values in (
        (alfa, 200, (1000, 800, 300, 400)),
        (beta, 300, (2000, 1500, 700, 900)),
        (gamma, 400, (5000, 4000, 2000, 3000)),
    ):
        supplier, e_invoices, matched, e_orders = values
        create_response(
            round=previous,
            agency=agency,
            status=ResponseStatus.ANSWERED,
            supplier_invoices=supplier,
            e_invoices=e_invoices,
            matched_invoices=matched,
            e_orders=e_orders,
            fte=fte,
            fte_year=2024,
        )
    round_ = create_round(year=2025, status=RoundStatus.OPEN)
    round_.opens_on = datetime.date(2026, 1, 15)
    round_.deadline = datetime.date(2026, 2, 28)
    round_.save()
    responses = {
        key: create_response(round=round_, agency=agency, fte=fte, fte_year=2025)
        for key, agency, fte in (("alfa", alfa, 200), ("beta", beta, 300), ("gamma", gamma, 400))
    }

    def user(email: str, role: str = Role.RESPONDENT, agencies: tuple[Agency, ...] = ()) -> User:
        return user_create(
            email=email,
            role=role,
            password=PASSWORD,
            agencies=agencies,
            first_name="Test",
            last_name="Person",
        )

    return Setting(
        round=round_,
        previous=previous,
        alfa=alfa,
        beta=beta,
        gamma=gamma,
        outside=outside,
        responses=responses,
        respondent=user("svar@alfaverket.se", agencies=(alfa, outside)),
        centre=user("svar@servicecenter.se", agencies=(alfa, beta)),
        office=user("analytiker@uppfoljning.se", role=Role.ANALYST),
    )


@pytest.fixture
def setting(db) -> Setting:
    return build_setting()


@pytest.fixture
def live_setting(transactional_db) -> Setting:
    """``setting`` for browser tests: committed, so the live server's thread sees it."""
    return build_setting()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(response: Response, **values: Any) -> dict[str, Any]:
    """A POST of the answer form: status answered, the GOOD counts, the current revision."""
    data: dict[str, Any] = {
        "status": ResponseStatus.ANSWERED,
        **GOOD,
        "not_applicable_reason": "",
        "comment": "",
        "revision": response.revision,
        "action": "save",
    }
    data.update(values)
    return data


def set_workflow(response: Response, state: str) -> None:
    Response.objects.filter(pk=response.pk).update(workflow=state)
