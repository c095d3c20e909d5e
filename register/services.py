"""Writes to the agency register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from register.imports import RegisterImportError, RegisterProblem, RegisterRow, register_rows_check
from register.models import Agency, AgencyFormerName, AgencyYear
from register.orgnr import orgnr_format

BATCH_SIZE = 500
AGENCY_FIELDS: tuple[str, ...] = ("name", "short_name", "department")
AGENCY_YEAR_FIELDS: tuple[str, ...] = ("employees", "fte")
# Model field -> file column, so a validation message points at the cell to fix.
_COLUMNS: dict[type[models.Model], dict[str, str]] = {
    Agency: {"name": "agency", "org_nr": "org_nr"},
    AgencyYear: {"year": "register_year", "fte": "aa_arsarbetskrafter"},
    AgencyFormerName: {"name": "old_names"},
}


@dataclass(frozen=True)
class AgencyRef:
    """Which agency a report line is about."""

    org_nr: str
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({orgnr_format(self.org_nr)})"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object

    def __str__(self) -> str:
        return _("%(field)s: ”%(old)s” → ”%(new)s”") % {
            "field": self.field,
            "old": "" if self.old is None else self.old,
            "new": "" if self.new is None else self.new,
        }


@dataclass(frozen=True)
class AgencyChange:
    agency: AgencyRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class AgencyYearChange:
    agency: AgencyRef
    year: int
    changes: tuple[FieldChange, ...]


@dataclass
class RegisterImportReport:
    """What one register import created or changed. Nothing is ever deleted."""

    rows_read: int = 0
    agencies_created: list[AgencyRef] = field(default_factory=list)
    agencies_changed: list[AgencyChange] = field(default_factory=list)
    agencies_unchanged: int = 0
    former_names_added: list[tuple[AgencyRef, str]] = field(default_factory=list)
    years_created: list[tuple[AgencyRef, int]] = field(default_factory=list)
    years_changed: list[AgencyYearChange] = field(default_factory=list)
    years_unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(
            self.agencies_created
            or self.agencies_changed
            or self.former_names_added
            or self.years_created
            or self.years_changed
        )

    def summary_lines(self) -> list[str]:
        """The counts, in the active language (Swedish by default)."""

        def n(value: int) -> str:
            return number_format(value, force_grouping=True)

        lines = [
            _("Rader i filen: %(rows)s.") % {"rows": n(self.rows_read)},
            _("Myndigheter: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade.")
            % {
                "created": n(len(self.agencies_created)),
                "changed": n(len(self.agencies_changed)),
                "unchanged": n(self.agencies_unchanged),
            },
            _("Tidigare namn: %(added)s nya.") % {"added": n(len(self.former_names_added))},
            _("Myndighetsår: %(created)s nya, %(changed)s ändrade, %(unchanged)s oförändrade.")
            % {
                "created": n(len(self.years_created)),
                "changed": n(len(self.years_changed)),
                "unchanged": n(self.years_unchanged),
            },
        ]
        if not self.has_changes:
            lines.append(_("Inga ändringar: registret var redan aktuellt."))
        return lines

    def detail_lines(self, *, include_created: bool) -> list[str]:
        """Each change, one per line; with ``include_created`` also each new row."""
        lines: list[str] = []
        if include_created:
            lines.extend(
                _("Ny myndighet: %(agency)s") % {"agency": agency}
                for agency in self.agencies_created
            )
        for change in self.agencies_changed:
            lines.append(
                _("Ändrad myndighet: %(agency)s: %(changes)s")
                % {"agency": change.agency, "changes": "; ".join(map(str, change.changes))}
            )
        if include_created:
            lines.extend(
                _("Nytt tidigare namn: %(agency)s: ”%(name)s”") % {"agency": agency, "name": name}
                for agency, name in self.former_names_added
            )
            lines.extend(
                _("Nytt myndighetsår: %(agency)s %(year)d") % {"agency": agency, "year": year}
                for agency, year in self.years_created
            )
        for year_change in self.years_changed:
            lines.append(
                _("Ändrat myndighetsår: %(agency)s %(year)d: %(changes)s")
                % {
                    "agency": year_change.agency,
                    "year": year_change.year,
                    "changes": "; ".join(map(str, year_change.changes)),
                }
            )
        return lines


@dataclass
class _AgencyData:
    """One agency as the file describes it (the first row's values; the check made them equal)."""

    row: RegisterRow
    former_names: list[str]
    years: list[RegisterRow]

    @property
    def ref(self) -> AgencyRef:
        return AgencyRef(self.row.org_nr, self.row.name)


@dataclass
class _Plan:
    """What the import will write, worked out and validated before the first write."""

    report: RegisterImportReport
    problems: list[RegisterProblem] = field(default_factory=list)
    new_agencies: list[Agency] = field(default_factory=list)
    changed_agencies: list[Agency] = field(default_factory=list)
    new_years: dict[str, list[AgencyYear]] = field(default_factory=dict)  # by org nr
    changed_years: list[AgencyYear] = field(default_factory=list)
    new_former: dict[str, list[AgencyFormerName]] = field(default_factory=dict)  # by org nr


@transaction.atomic
def register_import(*, rows: Sequence[RegisterRow]) -> RegisterImportReport:
    """Bring the register in line with ``rows``: create or update agencies, former names, years.

    Idempotent: importing the same rows again changes nothing. Agencies, former names and
    years missing from the rows are left alone (never deleted: responses refer to them).
    Everything is validated before the first write; on any problem
    :class:`RegisterImportError` is raised and nothing is written. A handful of queries
    whatever the size of the file (bulk reads and writes).
    """
    problems = register_rows_check(rows)
    if problems:
        raise RegisterImportError(problems)

    by_org_nr: dict[str, _AgencyData] = {}
    for row in rows:
        data = by_org_nr.setdefault(row.org_nr, _AgencyData(row=row, former_names=[], years=[]))
        data.years.append(row)
        data.former_names.extend(n for n in row.former_names if n not in data.former_names)

    # The register is small (a few thousand rows): read it whole, in three queries.
    existing = {a.org_nr: a for a in Agency.objects.select_for_update().all()}
    stored_years = {(y.agency_id, y.year): y for y in AgencyYear.objects.all()}
    stored_former = set(AgencyFormerName.objects.values_list("agency_id", "name"))

    plan = _Plan(report=RegisterImportReport(rows_read=len(rows)))
    now = timezone.now()
    for org_nr, data in by_org_nr.items():
        agency = existing.get(org_nr)
        _plan_agency(plan, data, agency, now=now)
        agency_id = agency.pk if agency else None
        for row in data.years:
            stored = stored_years.get((agency_id, row.year)) if agency_id else None
            _plan_year(plan, data, row, stored)
        for former_name in data.former_names:
            if agency_id is None or (agency_id, former_name) not in stored_former:
                former = AgencyFormerName(name=former_name)
                plan.problems += _validate(former, line=data.row.line)
                plan.new_former.setdefault(org_nr, []).append(former)
                plan.report.former_names_added.append((data.ref, former_name))
    if plan.problems:
        raise RegisterImportError(plan.problems)
    _write(plan)
    return plan.report


def _plan_agency(plan: _Plan, data: _AgencyData, agency: Agency | None, *, now: datetime) -> None:
    wanted = {
        "name": data.row.name,
        "short_name": data.row.short_name,
        "department": data.row.department,
    }
    if agency is None:
        agency = Agency(org_nr=data.row.org_nr, created_at=now, updated_at=now, **wanted)
        plan.problems += _validate(agency, line=data.row.line)
        plan.new_agencies.append(agency)
        plan.report.agencies_created.append(data.ref)
        return
    changes = _changes(Agency, agency, wanted)
    if not changes:
        plan.report.agencies_unchanged += 1
        return
    for name, value in wanted.items():
        setattr(agency, name, value)
    agency.updated_at = now  # bulk_update skips auto_now
    plan.problems += _validate(agency, line=data.row.line)
    plan.changed_agencies.append(agency)
    plan.report.agencies_changed.append(AgencyChange(data.ref, changes))


def _plan_year(
    plan: _Plan, data: _AgencyData, row: RegisterRow, agency_year: AgencyYear | None
) -> None:
    wanted: dict[str, int | None] = {"employees": row.employees, "fte": row.fte}
    if agency_year is None:
        agency_year = AgencyYear(year=row.year, **wanted)
        plan.problems += _validate(agency_year, line=row.line)
        plan.new_years.setdefault(row.org_nr, []).append(agency_year)
        plan.report.years_created.append((data.ref, row.year))
        return
    changes = _changes(AgencyYear, agency_year, wanted)
    if not changes:
        plan.report.years_unchanged += 1
        return
    for name, value in wanted.items():
        setattr(agency_year, name, value)
    plan.problems += _validate(agency_year, line=row.line)
    plan.changed_years.append(agency_year)
    plan.report.years_changed.append(AgencyYearChange(data.ref, row.year, changes))


def _write(plan: _Plan) -> None:
    """Agencies first, then the years and names that point at them."""
    Agency.objects.bulk_create(plan.new_agencies, batch_size=BATCH_SIZE)
    Agency.objects.bulk_update(
        plan.changed_agencies, [*AGENCY_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    agency_ids = dict(Agency.objects.values_list("org_nr", "pk"))
    new_years = [
        _linked(agency_year, agency_ids[org_nr])
        for org_nr, agency_years in plan.new_years.items()
        for agency_year in agency_years
    ]
    new_former = [
        _linked(former, agency_ids[org_nr])
        for org_nr, former_names in plan.new_former.items()
        for former in former_names
    ]
    AgencyYear.objects.bulk_create(new_years, batch_size=BATCH_SIZE)
    AgencyYear.objects.bulk_update(plan.changed_years, AGENCY_YEAR_FIELDS, batch_size=BATCH_SIZE)
    AgencyFormerName.objects.bulk_create(new_former, batch_size=BATCH_SIZE)


_Linked = TypeVar("_Linked", AgencyYear, AgencyFormerName)


def _linked(instance: _Linked, agency_id: int) -> _Linked:
    instance.agency_id = agency_id
    return instance


def _changes(
    model: type[models.Model], instance: models.Model, wanted: dict[str, Any]
) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(_verbose(model, name), getattr(instance, name), value)
        for name, value in wanted.items()
        if getattr(instance, name) != value
    )


def _verbose(model: type[models.Model], name: str) -> str:
    model_field = model._meta.get_field(name)
    return str(model_field.verbose_name) if isinstance(model_field, models.Field) else name


def _validate(instance: models.Model, *, line: int) -> list[RegisterProblem]:
    """Field validation without queries (the agency link is set later, so it is skipped)."""
    try:
        instance.full_clean(exclude=["agency"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        columns = _COLUMNS.get(type(instance), {})
        return [
            RegisterProblem(
                line=line, column=columns.get(name, name), code="invalid", message=message
            )
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []
