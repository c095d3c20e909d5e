"""``python manage.py load_demo``: the register plus simulated, calibrated demo rounds."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.services import DEMO_RESPONDENT_AGENCIES
from keyfigures.formatting import format_number, round_half_up
from surveys.demo import DEMO_YEARS, DemoTarget, DemoTotals
from surveys.demo_load import DemoReport, DemoRoundOutcome, demo_load, demo_open_round_load
from surveys.models import WorkflowState


class Command(BaseCommand):
    help = _(
        "Läser in myndighetsregistret (om det är tomt) och simulerade svar för omgångarna "
        "2019, 2020, 2022, 2023 och 2024, kalibrerade mot Diggs publicerade totaler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            choices=DEMO_YEARS,
            help=_("Bara detta år (kan anges flera gånger)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_load(years=tuple(options["years"] or DEMO_YEARS))
        for line in report_lines(report):
            self.stdout.write(line)
        if options["years"]:
            return
        open_round = demo_open_round_load(leave_for=DEMO_RESPONDENT_AGENCIES)
        if open_round is not None:
            counts = {
                state: open_round.responses.filter(workflow=state).count()
                for state in (WorkflowState.SUBMITTED, WorkflowState.DRAFT)
            }
            self.stdout.write(
                _(
                    "Demodata: omgång %(round)s är öppen för svar, med sista svarsdag "
                    "%(deadline)s: %(submitted)d inlämnade och %(drafts)d utkast av "
                    "%(population)d (simulerade, inte publicerade)."
                )
                % {
                    "round": open_round.label,
                    "deadline": open_round.deadline,
                    "submitted": counts[WorkflowState.SUBMITTED],
                    "drafts": counts[WorkflowState.DRAFT],
                    "population": open_round.responses.count(),
                }
            )


def report_lines(report: DemoReport) -> list[str]:
    """What the load did and the national totals per round against Digg's."""
    lines: list[str] = []
    if report.register_imported:
        lines.append(
            _("Demodata: myndighetsregistret inläst (%(n)s myndigheter).")
            % {"n": format_number(report.n_agencies)}
        )
    created = report.years(DemoRoundOutcome.CREATED)
    existing = report.years(DemoRoundOutcome.EXISTING)
    skipped = report.years(DemoRoundOutcome.SKIPPED_REAL)
    if created:
        lines.append(
            ngettext(
                "Demodata: %(n)d omgång skapad (simulerade värden): %(years)s.",
                "Demodata: %(n)d omgångar skapade (simulerade värden): %(years)s.",
                len(created),
            )
            % {"n": len(created), "years": _years(created)}
        )
    if existing:
        message = (
            _("Demodata finns redan, inget att göra: %(years)s.")
            if report.nothing_done and not skipped
            else _("Demodata fanns redan och lämnades orörd: %(years)s.")
        )
        lines.append(message % {"years": _years(existing)})
    lines.extend(
        _(
            "Omgång %(year)d har verkliga svar och lämnades orörd: "
            "demodata skriver aldrig över verkliga svar."
        )
        % {"year": year}
        for year in skipped
    )
    compared = [r for r in report.rounds if r.totals is not None]
    if compared:
        lines.append(_("Nationella totaler (svarande myndigheter) jämfört med Diggs publicerade:"))
    for round_report in compared:
        assert round_report.totals is not None
        lines.extend(_round_lines(round_report.year, round_report.totals, round_report.target))
    return lines


def _years(years: list[int]) -> str:
    return ", ".join(str(year) for year in years)


def _round_lines(year: int, totals: DemoTotals, target: DemoTarget) -> list[str]:
    header = _("%(year)d: %(respondents)s svarande av %(population)s") % {
        "year": year,
        "respondents": format_number(totals.n_respondents),
        "population": format_number(totals.n_population),
    }
    if totals.n_not_applicable:
        header += _(" (%(n)s ej tillämplig)") % {"n": format_number(totals.n_not_applicable)}
    if target.n_respondents is not None:
        published = format_number(target.n_respondents)
        header += (
            _("; Digg: %(n)s svarande (beräknat ur svarsfrekvensen)") % {"n": published}
            if target.n_respondents_is_derived
            else _("; Digg: %(n)s svarande") % {"n": published}
        )
    rows = [
        (
            _("Leverantörsfakturor"),
            format_number(totals.supplier_invoices),
            format_number(target.n_supplier_invoices),
        ),
        (
            _("Andel e-fakturor"),
            _percent(totals.share_e_invoice),
            f"{target.share_e_invoice_pct}\u00a0%",
        ),
        (
            _("Andel matchade fakturor"),
            _percent(totals.share_matched),
            f"{target.share_matched_pct}\u00a0%",
        ),
        (_("E-order"), format_number(totals.e_orders), format_number(target.n_e_orders)),
        (
            _("E-order per 100 ÅA"),
            _per_100(totals.e_orders_per_100_fte),
            format_number(target.e_orders_per_100_aa)
            + _deviation(totals.e_orders_per_100_fte, target.e_orders_per_100_aa),
        ),
    ]
    return [
        header,
        *(
            _("  %(label)-24s %(value)14s   Digg: %(published)s")
            % {"label": label, "value": value, "published": published}
            for label, value, published in rows
        ),
    ]


def _percent(value: Fraction | None) -> str:
    if value is None:
        return _("ej beräkningsbart")
    return f"{format_number(value, decimals=2)}\u00a0%"


def _per_100(value: Fraction | None) -> str:
    if value is None:
        return _("ej beräkningsbart")
    return format_number(value, decimals=1)


def _deviation(value: Fraction | None, published: int) -> str:
    if value is None:
        return ""
    change = round_half_up((value - published) / published * 100, 2)
    sign = "+" if change >= 0 else "\u2212"
    text = format_number(abs(change), decimals=2)
    return " " + _("(avvikelse %(sign)s%(change)s %%)").replace(" %", "\u00a0%") % {
        "sign": sign,
        "change": text,
    }
