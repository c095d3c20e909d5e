"""The follow-up office's pages: one round in every status, three agencies, five roles.

Alfaverket (A) and Betaverket (B) are in the rule's population of every year;
Gammaverket (C) is too small (30 ÅA) and is only ever added by hand.

- 2023 **published** (version 1): A and B answered and approved;
- 2024 **closed**: A approved, B submitted;
- 2025 **open** (deadline 2026-02-28): A submitted with an explained warning, B a
  draft, C not started;
- 2026 **draft**: only A in the population (the rule would give A and B).

Users: ``respondent_a`` reports for A, ``respondent_b`` for B, ``centre`` (a service
centre) for B and C, ``analyst`` and ``administrator`` are the office. The answers are
written through the models (as tests/factories.py does) so that each test starts from a
known state; the pages and actions under test go through HTTP.

Test modules import the fixtures they use from here::

    from tests.surveys.views.office_world import office_world  # noqa: F401
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_create
from keyfigures.services import results_refresh
from publishing.models import Publication
from publishing.services import round_publish
from register.models import Agency
from surveys.models import (
    FindingLevel,
    Reminder,
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
    WorkflowState,
)
from tests.factories import create_agency, create_round

PASSWORD = "rätt-häst-batteri-häftklammer"
LOGIN_PATH = "/konto/logga-in/"
COUNTS = ("supplier_invoices", "e_invoices", "matched_invoices", "e_orders")


@dataclass
class OfficeWorld:
    published_2023: Round
    closed_2024: Round
    open_2025: Round
    draft_2026: Round
    alfa: Agency
    beta: Agency
    gamma: Agency
    respondent_a: User
    respondent_b: User
    centre: User
    analyst: User
    administrator: User

    def response(self, round_: Round, agency: Agency) -> Response:
        return Response.objects.get(round=round_, agency=agency)

    def users(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "respondent_a": self.respondent_a,
            "respondent_b": self.respondent_b,
            "analyst": self.analyst,
            "administrator": self.administrator,
        }


def _answer(
    round_: Round,
    agency: Agency,
    fte: int,
    counts: tuple[int, int, int, int] | None,
    workflow: str,
) -> Response:
    now = timezone.now()
    values = dict(zip(COUNTS, counts, strict=True)) if counts else {}
    return Response.objects.create(
        round=round_,
        agency=agency,
        fte=fte,
        fte_year=round_.year,
        status=ResponseStatus.ANSWERED if counts else ResponseStatus.NOT_ANSWERED,
        workflow=workflow,
        submitted_at=now if workflow in (WorkflowState.SUBMITTED, WorkflowState.APPROVED) else None,
        approved_at=now if workflow == WorkflowState.APPROVED else None,
        **values,
    )


def _user(email: str, role: str = Role.RESPONDENT, agencies: tuple[Agency, ...] = ()) -> User:
    return user_create(
        email=email,
        role=role,
        password=PASSWORD,
        agencies=agencies,
        first_name="Test",
        last_name="Person",
    )


def build_office_world() -> OfficeWorld:
    years = range(2023, 2028)
    alfa = create_agency("Alfaverket", fte=dict.fromkeys(years, 200))
    beta = create_agency("Betaverket", fte=dict.fromkeys(years, 300))
    gamma = create_agency("Gammaverket", fte=dict.fromkeys(years, 30))

    published = create_round(year=2023, status=RoundStatus.CLOSED)
    _answer(published, alfa, 200, (1000, 800, 300, 400), WorkflowState.APPROVED)
    _answer(published, beta, 300, (2000, 1500, 700, 900), WorkflowState.APPROVED)
    round_publish(round=published)

    closed = create_round(year=2024, status=RoundStatus.CLOSED)
    _answer(closed, alfa, 200, (1000, 850, 320, 420), WorkflowState.APPROVED)
    _answer(closed, beta, 300, (2000, 1600, 750, 950), WorkflowState.SUBMITTED)

    open_ = create_round(year=2025, status=RoundStatus.OPEN)
    open_.opens_on = datetime.date(2026, 1, 15)
    open_.deadline = datetime.date(2026, 2, 28)
    open_.save(update_fields=["opens_on", "deadline"])
    alfa_2025 = _answer(open_, alfa, 200, (1100, 900, 950, 430), WorkflowState.SUBMITTED)
    ResponseFinding.objects.create(
        response=alfa_2025,
        code="matched_exceed_e_invoices",
        level=FindingLevel.WARNING,
        field="matched_invoices",
        saved_message="Fler matchade fakturor än e-fakturor.",
        explanation="Abonnemang matchas mot avtal.",
    )
    _answer(open_, beta, 300, (2100, 1700, 800, 990), WorkflowState.DRAFT)
    _answer(open_, gamma, 30, None, WorkflowState.NOT_STARTED)

    draft = create_round(year=2026, status=RoundStatus.DRAFT)
    _answer(draft, alfa, 200, None, WorkflowState.NOT_STARTED)

    results_refresh()
    return OfficeWorld(
        published_2023=published,
        closed_2024=closed,
        open_2025=open_,
        draft_2026=draft,
        alfa=alfa,
        beta=beta,
        gamma=gamma,
        respondent_a=_user("svar@alfaverket.se", agencies=(alfa,)),
        respondent_b=_user("svar@betaverket.se", agencies=(beta,)),
        centre=_user("svar@servicecenter.se", agencies=(beta, gamma)),
        analyst=_user("analytiker@uppfoljning.se", role=Role.ANALYST),
        administrator=_user("admin@uppfoljning.se", role=Role.ADMINISTRATOR),
    )


@pytest.fixture
def office_world(db) -> OfficeWorld:
    return build_office_world()


@pytest.fixture
def live_office_world(transactional_db) -> OfficeWorld:
    """``office_world`` for browser tests: committed, so the live server's thread sees it."""
    return build_office_world()


def client_for(user: User | None) -> Client:
    """A client logged in as ``user``; anonymous for ``None``."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def state_fingerprint() -> tuple[object, ...]:
    """Everything an office action can change, to show that a refused one changed nothing."""
    rounds = tuple(
        Round.objects.order_by("slug").values_list("slug", "status", "opens_on", "deadline")
    )
    responses = tuple(
        Response.objects.order_by("round__slug", "agency__name").values_list(
            "round__slug",
            "agency__name",
            "workflow",
            "revision",
            "status",
            *COUNTS,
            "office_comment",
        )
    )
    return (
        rounds,
        responses,
        Response.history.count(),
        Reminder.objects.count(),
        Publication.objects.count(),
    )
