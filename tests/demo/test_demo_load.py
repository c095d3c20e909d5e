"""``load_demo``: the register plus five simulated, published, calibrated rounds."""

from __future__ import annotations

import io
from fractions import Fraction

import pytest
from django.core.management import call_command

from keyfigures.models import AgencyResult, Basis, GroupKind, GroupResult
from register.models import Agency
from surveys.demo import DEMO_YEARS
from surveys.demo_load import OPEN_DEMO_YEAR, DemoRoundOutcome, demo_load, demo_open_round_load
from surveys.models import (
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
    WorkflowState,
)
from tests.demo.conftest import Published, read_published

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_creates_simulated_published_calibrated_rounds(
    django_capture_on_commit_callbacks,
) -> None:
    # The results are refreshed when the command's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        output = load_demo()

    published = read_published()
    assert Agency.objects.count() > 300
    rounds = list(Round.objects.filter(year__in=DEMO_YEARS).order_by("year"))
    assert [r.year for r in rounds] == list(DEMO_YEARS)
    # and one open round to try the workflow in, never published
    open_round = Round.objects.get(year=OPEN_DEMO_YEAR)
    assert open_round.status == RoundStatus.OPEN
    assert not open_round.publications.exists()
    for round_ in rounds:
        assert round_.is_simulated
        assert round_.status == RoundStatus.PUBLISHED
        assert round_.published_at is not None
        assert round_.publications.get().version == 1
        responses = list(round_.responses.all())
        assert responses
        assert all(r.is_simulated for r in responses)
        check_calibration(responses, published[round_.year])
    # The results were refreshed once the rounds were in: the stored national e-invoice
    # share is the published one.
    assert AgencyResult.objects.filter(round__in=rounds, basis=Basis.PUBLISHED).exists()
    for round_ in rounds:
        national = GroupResult.objects.get(
            round=round_, figure="andel-e-faktura", kind=GroupKind.NATIONAL, basis=Basis.PUBLISHED
        )
        assert national.value is not None
        assert round(national.value) == published[round_.year].share_e_invoice_pct
    assert "Demodata: 5 omgångar skapade (simulerade värden)" in output
    for year in DEMO_YEARS:
        assert f"{year}: " in output
    assert "Digg" in output

    # A second run changes nothing and says so.
    history_before = Response.history.count()
    updated_before = sorted(Response.objects.values_list("updated_at", flat=True))
    again = load_demo()
    assert "Demodata finns redan, inget att göra" in again
    assert Response.history.count() == history_before
    assert sorted(Response.objects.values_list("updated_at", flat=True)) == updated_before
    assert Round.objects.count() == len(DEMO_YEARS) + 1  # and the open round


def check_calibration(responses: list[Response], expected: Published) -> None:
    answered = [r for r in responses if r.status == ResponseStatus.ANSWERED]
    assert len(answered) == expected.n_respondents
    invoices = sum(r.supplier_invoices or 0 for r in answered)
    assert invoices == expected.n_supplier_invoices
    assert sum(r.e_orders or 0 for r in answered) == expected.n_e_orders
    e_share = Fraction(100 * sum(r.e_invoices or 0 for r in answered), invoices)
    matched = Fraction(100 * sum(r.matched_invoices or 0 for r in answered), invoices)
    assert abs(e_share - expected.share_e_invoice_pct) <= Fraction(1, 2)
    assert abs(matched - expected.share_matched_pct) <= Fraction(1, 2)
    fte = sum(r.fte or 0 for r in answered if r.fte is not None)
    per_100 = Fraction(100 * sum(r.e_orders or 0 for r in answered if r.fte), fte)
    target = expected.e_orders_per_100_aa
    assert abs(per_100 - target) / target < Fraction(3, 100)
    for r in responses:
        if r.status != ResponseStatus.ANSWERED:
            assert r.supplier_invoices is None
        if r.status == ResponseStatus.NOT_APPLICABLE:
            assert r.not_applicable_reason


def test_a_round_with_real_answers_is_never_overwritten() -> None:
    from surveys.services import round_create

    call_command("import_register", stdout=io.StringIO())
    real = round_create(year=2022, period_type="year")
    real_responses = list(real.responses.values_list("pk", "updated_at"))

    report = demo_load()

    assert report.years(DemoRoundOutcome.SKIPPED_REAL) == [2022]
    assert report.years(DemoRoundOutcome.CREATED) == [2019, 2020, 2023, 2024]
    real.refresh_from_db()
    assert not real.is_simulated
    assert real.status == RoundStatus.DRAFT
    assert list(real.responses.values_list("pk", "updated_at")) == real_responses
    assert not real.responses.filter(is_simulated=True).exists()

    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "Omgång 2022 har verkliga svar och lämnades orörd" in output.getvalue()
    assert "inget att göra" not in output.getvalue()


def test_the_open_demo_round_has_answers_in_every_state_and_stays_private(client) -> None:
    call_command("import_register", stdout=io.StringIO())
    round_ = demo_open_round_load(leave_for=["Kammarkollegiet"])
    assert round_ is not None
    states = set(round_.responses.values_list("workflow", flat=True))
    assert {WorkflowState.SUBMITTED, WorkflowState.DRAFT, WorkflowState.NOT_STARTED} <= states
    reserved = round_.responses.get(agency__name="Kammarkollegiet")
    assert reserved.workflow == WorkflowState.NOT_STARTED
    assert reserved.e_orders is None
    submitted = round_.responses.filter(workflow=WorkflowState.SUBMITTED)
    # every warning of a submitted answer is explained, as submitting requires
    assert not ResponseFinding.objects.filter(
        response__in=submitted, level="warning", explanation=""
    ).exists()
    assert demo_open_round_load() is None  # idempotent
    # embargo: the open round is nowhere on the public site
    assert client.get(f"/omgangar/{round_.slug}/").status_code == 404
    sample = submitted.first()
    assert sample is not None
    html = client.get(f"/myndigheter/{sample.agency.org_nr}/").content.decode()
    assert f">{round_.label}<" not in html
