"""Reads for the reports: which rounds have a report, group results per department, the
stored PDF files and the keys that say whether a stored file is still current.

Like ``keyfigures.selectors`` (which the reports use for everything else), the results
read here are on the **published** basis only. Only full-year rounds with a publication
have a yearly report; any other round does not exist for these readers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Max

from keyfigures.models import Basis, GroupKind, GroupResult
from keyfigures.registry import KEY_FIGURES
from keyfigures.selectors import published_rounds
from learning.models import AgencyTypeOverride, Goal
from practices.selectors import published_practices
from publishing.models import Publication
from register.models import Agency
from reports.models import ReportFile, ReportKind
from surveys.models import PeriodType, Round

# Bump when the report's layout or content changes: every stored file is rebuilt.
REPORT_LAYOUT_VERSION = "1"


def report_rounds() -> list[Round]:
    """The published full-year rounds, oldest first: the rounds with a yearly report."""
    return [r for r in published_rounds() if r.period_type == PeriodType.YEAR]


def report_round_get(*, slug: str) -> Round | None:
    return next((r for r in report_rounds() if r.slug == slug), None)


@dataclass
class DepartmentRow:
    department: str
    groups: dict[str, GroupResult]  # figure slug -> the department's published result

    @property
    def n_respondents(self) -> int:
        return max((g.n_included for g in self.groups.values()), default=0)


def department_results(*, round_: Round) -> list[DepartmentRow]:
    """Each department's ratio of sums and median per key figure in the round, by name."""
    rows: dict[str, dict[str, GroupResult]] = {}
    for group in GroupResult.objects.filter(
        round=round_, kind=GroupKind.DEPARTMENT, basis=Basis.PUBLISHED
    ).exclude(key=""):
        rows.setdefault(group.key, {})[group.figure] = group
    slugs = {f.slug for f in KEY_FIGURES}
    return [
        DepartmentRow(department=key, groups={k: v for k, v in groups.items() if k in slugs})
        for key, groups in sorted(rows.items())
    ]


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _publication_parts(round_: Round) -> list[str]:
    """The latest published version of every round up to the report's year."""
    latest = (
        Publication.objects.filter(round__year__lte=round_.year)
        .values("round_id")
        .annotate(version=Max("version"))
        .order_by("round_id")
    )
    return [f"round {row['round_id']} v{row['version']}" for row in latest]


def source_key_yearly(*, round_: Round) -> str:
    """Changes when any publication the yearly report shows changes (a correction too)."""
    return _digest([REPORT_LAYOUT_VERSION, "yearly", *_publication_parts(round_)])


def source_key_card(*, round_: Round, agency: Agency) -> str:
    """Changes with the publications, the agency's goals, its published practices and the
    office's corrections of agency types (they decide the type group)."""
    goals = Goal.objects.filter(agency=agency).order_by("pk").values_list("pk", "updated_at")
    practices = published_practices(agency=agency).values_list("pk", "updated_at")
    overrides = AgencyTypeOverride.objects.aggregate(latest=Max("set_at"))["latest"]
    return _digest(
        [
            REPORT_LAYOUT_VERSION,
            f"card {agency.pk} {agency.name}",
            *_publication_parts(round_),
            *(f"goal {pk} {updated.isoformat()}" for pk, updated in goals),
            *(f"practice {pk} {updated.isoformat()}" for pk, updated in sorted(practices)),
            f"types {overrides.isoformat() if overrides else '-'}",
        ]
    )


def report_file_get(*, round_: Round, kind: str, agency: Agency | None = None) -> ReportFile | None:
    files = ReportFile.objects.filter(round=round_, kind=kind)
    files = files.filter(agency=agency) if agency is not None else files.filter(agency__isnull=True)
    return files.first()


def card_agencies(*, round_: Round) -> list[Agency]:
    """The agencies in the round's latest published version: those with a report card."""
    latest = Publication.objects.filter(round=round_).order_by("-version").first()
    if latest is None:
        return []
    return list(Agency.objects.filter(pk__in=latest.responses.values("agency_id")).order_by("name"))


def agency_in_round(*, round_: Round, agency: Agency) -> bool:
    """Whether the agency is in the round's latest published version."""
    latest = Publication.objects.filter(round=round_).order_by("-version").first()
    return latest is not None and latest.responses.filter(agency=agency).exists()


__all__ = [
    "REPORT_LAYOUT_VERSION",
    "DepartmentRow",
    "ReportKind",
    "agency_in_round",
    "card_agencies",
    "department_results",
    "report_file_get",
    "report_round_get",
    "report_rounds",
    "source_key_card",
    "source_key_yearly",
]
