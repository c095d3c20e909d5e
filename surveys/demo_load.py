"""Load the demo: the real agency register plus simulated, calibrated rounds.

The values come from the pure generator in :mod:`surveys.demo`; this module only wires
it to the database: it creates each missing round through the survey services, fills
the responses in bulk, marks everything simulated, publishes the rounds and refreshes
the stored results once. Idempotent, and it never touches a round with real answers.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from register.models import Agency
from surveys.demo import (
    DEMO_SEED,
    DEMO_YEARS,
    AnswerStatus,
    DemoAgency,
    DemoAnswer,
    DemoTarget,
    DemoTotals,
    demo_targets,
    generate_round,
    national_totals,
)
from surveys.models import PeriodType, Response, ResponseStatus, Round, WorkflowState

DEMO_CHANGE_REASON = "Demodata: simulerade värden kalibrerade mot Diggs publicerade totaler"
RESPONSE_FIELDS: tuple[str, ...] = (
    "status",
    "supplier_invoices",
    "e_invoices",
    "matched_invoices",
    "e_orders",
    "not_applicable_reason",
    "is_simulated",
    "workflow",
    "updated_at",
)


def totals_csv_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "digg" / "totals.csv"


class DemoRoundOutcome(StrEnum):
    CREATED = "created"  # created now with simulated values
    EXISTING = "existing"  # already there, simulated: left as it was
    SKIPPED_REAL = "skipped_real"  # already there with real answers: never touched


@dataclass(frozen=True)
class DemoRoundReport:
    year: int
    outcome: DemoRoundOutcome
    target: DemoTarget
    totals: DemoTotals | None  # None for a skipped round with real answers


@dataclass
class DemoReport:
    register_imported: bool = False
    n_agencies: int = 0
    rounds: list[DemoRoundReport] = field(default_factory=list)

    def years(self, outcome: DemoRoundOutcome) -> list[int]:
        return [r.year for r in self.rounds if r.outcome == outcome]

    @property
    def nothing_done(self) -> bool:
        return not self.register_imported and not self.years(DemoRoundOutcome.CREATED)


def demo_load(
    *,
    years: Sequence[int] = DEMO_YEARS,
    seed: int = DEMO_SEED,
    totals_path: Path | None = None,
) -> DemoReport:
    """Import the register if it is empty, then create the missing demo rounds.

    Each missing year gets a round (created through ``round_create`` and
    ``round_population_set``) whose responses are filled with simulated values
    calibrated to Digg's latest published totals, marked simulated and published.
    Rounds that already exist are left alone: simulated ones are reported as existing,
    real ones as skipped. All rounds and the results refresh are one transaction.
    """
    targets = demo_targets(totals_path or totals_csv_path())
    missing = [year for year in years if year not in targets]
    if missing:
        raise ValueError(f"no published totals for {missing}")

    report = DemoReport()
    if not Agency.objects.exists():
        # The register import prints its own report; the demo command reports in short.
        call_command("import_register", stdout=io.StringIO())
        report.register_imported = True
    report.n_agencies = Agency.objects.count()

    existing = {
        r.year: r for r in Round.objects.filter(year__in=years, period_type=PeriodType.YEAR)
    }
    to_create = [year for year in years if year not in existing]
    if to_create:
        _create_rounds(to_create, targets=targets, seed=seed)

    rounds = {r.year: r for r in Round.objects.filter(year__in=years, period_type=PeriodType.YEAR)}
    for year in years:
        round_ = rounds[year]
        if year in to_create:
            outcome = DemoRoundOutcome.CREATED
        elif round_.is_simulated:
            outcome = DemoRoundOutcome.EXISTING
        else:
            outcome = DemoRoundOutcome.SKIPPED_REAL
        totals = None if outcome == DemoRoundOutcome.SKIPPED_REAL else round_totals(round_)
        report.rounds.append(DemoRoundReport(year, outcome, targets[year], totals))
    return report


@transaction.atomic
def _create_rounds(years: Iterable[int], *, targets: dict[int, DemoTarget], seed: int) -> None:
    from keyfigures.services import results_refresh_on_commit
    from publishing.services import round_publish
    from surveys.lifecycle import round_close, round_open
    from surveys.services import round_create, round_population_set

    now = timezone.now()
    for year in years:
        round_ = round_create(year=year, period_type=PeriodType.YEAR, is_simulated=True)
        round_population_set(round=round_)
        responses = list(round_.responses.select_related("agency"))
        answers = generate_round(
            year=year, population=_population(responses), target=targets[year], seed=seed
        )
        _responses_fill(responses, answers, now=now)
        # The usual life of a round: open for answers, closed, published as version 1.
        round_open(round=round_, opens_on=date(year + 1, 1, 15), deadline=date(year + 1, 2, 28))
        round_close(round=round_)
        round_publish(round=round_)
    results_refresh_on_commit()


def _population(responses: Iterable[Response]) -> list[DemoAgency]:
    return [
        DemoAgency(
            org_nr=r.agency.org_nr,
            name=r.agency.name,
            fte=r.fte,
            fte_year=r.fte_year,
            fte_is_fallback=r.fte_is_fallback,
        )
        for r in responses
    ]


def _responses_fill(
    responses: Sequence[Response], answers: Sequence[DemoAnswer], *, now: datetime
) -> None:
    by_org_nr = {a.org_nr: a for a in answers}
    for response in responses:
        answer = by_org_nr[response.agency.org_nr]
        response.status = ResponseStatus(answer.status.value)
        response.supplier_invoices = answer.supplier_invoices
        response.e_invoices = answer.e_invoices
        response.matched_invoices = answer.matched_invoices
        response.e_orders = answer.e_orders
        response.workflow = (
            WorkflowState.NOT_STARTED
            if response.status == ResponseStatus.NOT_ANSWERED
            else WorkflowState.APPROVED
        )
        response.not_applicable_reason = answer.not_applicable_reason
        response.is_simulated = True
        response.updated_at = now  # bulk updates skip auto_now
        response.full_clean(
            exclude=["round", "agency"], validate_unique=False, validate_constraints=False
        )
    bulk_update_with_history(
        responses,
        Response,
        list(RESPONSE_FIELDS),
        batch_size=500,
        default_change_reason=DEMO_CHANGE_REASON,
        default_date=now,
    )


def round_totals(round_: Round) -> DemoTotals:
    """The national totals of a stored round, from its responses (ratio of sums)."""
    responses = list(round_.responses.select_related("agency"))
    answers = [
        DemoAnswer(
            org_nr=r.agency.org_nr,
            status=AnswerStatus(r.status),
            supplier_invoices=r.supplier_invoices,
            e_invoices=r.e_invoices,
            matched_invoices=r.matched_invoices,
            e_orders=r.e_orders,
            not_applicable_reason=r.not_applicable_reason,
        )
        for r in responses
    ]
    return national_totals(answers, _population(responses))


# The demo's open round: the year after the last published one.
OPEN_DEMO_YEAR = 2025
# Of the agencies with a simulated answer in the open round, by a stable hash of the org
# number: this share has submitted, the next share has a draft, the rest have not started.
OPEN_DEMO_SUBMITTED_PCT = 55
OPEN_DEMO_DRAFT_PCT = 15


def _bucket(org_nr: str, seed: int) -> int:
    """A stable number 0–99 per agency, so the same agencies are in the same state."""
    return int(hashlib.sha256(f"{seed}:{org_nr}".encode()).hexdigest(), 16) % 100


def demo_open_round_load(
    *,
    year: int = OPEN_DEMO_YEAR,
    seed: int = DEMO_SEED,
    leave_for: Iterable[str] = (),
    today: date | None = None,
    totals_path: Path | None = None,
) -> Round | None:
    """An open round with simulated answers in several states, for trying the workflow.

    Some agencies have submitted (with their warnings explained where the rules warn),
    some have drafts, the rest and the agencies named in ``leave_for`` (the demo
    respondent's) have not started. Nothing of it is public: the round is never
    published. Idempotent: does nothing when a round for ``year`` exists.
    """
    from surveys.lifecycle import round_open
    from surveys.services import (
        response_record,
        response_warning_explain,
        round_create,
        round_population_set,
    )

    if Round.objects.filter(year=year, period_type=PeriodType.YEAR).exists():
        return None
    today = today or timezone.localdate()
    targets = demo_targets(totals_path or totals_csv_path())
    level = targets[max(targets)]  # the latest published level
    reserved = set(leave_for)
    with transaction.atomic():
        round_ = round_create(year=year, period_type=PeriodType.YEAR, is_simulated=True)
        round_population_set(round=round_)
        round_open(
            round=round_, opens_on=today - timedelta(days=14), deadline=today + timedelta(days=30)
        )
        responses = list(round_.responses.select_related("agency"))
        answers = {
            a.org_nr: a
            for a in generate_round(
                year=year, population=_population(responses), target=level, seed=seed
            )
        }
        for response in responses:
            answer = answers[response.agency.org_nr]
            bucket = _bucket(response.agency.org_nr, seed)
            if (
                response.agency.name in reserved
                or answer.status != AnswerStatus.ANSWERED
                or bucket >= OPEN_DEMO_SUBMITTED_PCT + OPEN_DEMO_DRAFT_PCT
            ):
                continue
            response_record(
                response=response,
                status=ResponseStatus.ANSWERED,
                supplier_invoices=answer.supplier_invoices,
                e_invoices=answer.e_invoices,
                matched_invoices=answer.matched_invoices,
                e_orders=answer.e_orders,
                is_simulated=True,
            )
            if bucket < OPEN_DEMO_SUBMITTED_PCT:
                for finding in response.findings.filter(level="warning"):
                    response_warning_explain(
                        response=response,
                        code=finding.code,
                        explanation="Demodata: förklaringen är simulerad.",
                    )
                response.workflow = WorkflowState.SUBMITTED
                response.submitted_at = timezone.now()
            else:
                response.workflow = WorkflowState.DRAFT
            response.save(update_fields=["workflow", "submitted_at", "updated_at"])
    return round_
