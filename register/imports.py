"""Parse the agency register CSV into validated rows. No database access.

The file is the long-format conversion of ESV's agency register (see
``data/register/README.md``): one row per agency and register year, with the agency's
latest name, short name and department repeated on every row. Every problem found is
collected with its line and column; nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.fileproblems import RowProblem, header_differences
from register.orgnr import OrgNrError, orgnr_format, orgnr_normalise

REGISTER_COLUMNS: tuple[str, ...] = (
    "agency",
    "short_name",
    "org_nr",
    "department",
    "register_year",
    "employees",
    "aa_arsarbetskrafter",
    "old_names",
)
FORMER_NAMES_SEPARATOR = "|"
# Field lengths of the register models; checked here so a bad file fails with a line number.
NAME_MAX_LENGTH = 200
SHORT_NAME_MAX_LENGTH = 40
DEPARTMENT_MAX_LENGTH = 120
YEAR_MIN = 1990
YEAR_MAX = 2100
# A problem list longer than this is cut when shown; the error keeps all of them.
PROBLEMS_SHOWN = 50


# A register problem is reported like any other file problem.
RegisterProblem = RowProblem


class RegisterImportError(Exception):
    """The register file (or the rows given to the import) has problems; nothing was written."""

    def __init__(self, problems: Sequence[RegisterProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self, limit: int = PROBLEMS_SHOWN) -> str:
        count = len(self.problems)
        lines = [
            _(
                "Registret lästes inte in: %(count)d problem hittades. Inget har sparats. "
                "Rätta filen och kör kommandot igen."
            )
            % {"count": count}
        ]
        lines.extend(str(problem) for problem in self.problems[:limit])
        if count > limit:
            lines.append(_("… och %(more)d problem till.") % {"more": count - limit})
        return "\n".join(lines)


@dataclass(frozen=True)
class RegisterRow:
    """One agency and register year, validated. ``org_nr`` is ten digits."""

    line: int
    org_nr: str
    name: str
    short_name: str
    department: str
    year: int
    employees: int | None
    fte: int | None
    former_names: tuple[str, ...]


def parse_register_csv(data: bytes) -> list[RegisterRow]:
    """Rows of a register file, or :class:`RegisterImportError` listing every problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegisterImportError(
            [
                RegisterProblem(
                    line=text_line_of_offset(data, error.start),
                    column="",
                    code="encoding",
                    message=_("Filen är inte UTF-8. Spara den som CSV med teckenkodningen UTF-8."),
                )
            ]
        ) from error

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise RegisterImportError(
            [RegisterProblem(line=1, column="", code="empty", message=_("Filen är tom."))]
        )
    columns = [name.strip() for name in header]
    header_problem = _header_problem(columns)
    if header_problem:
        raise RegisterImportError([header_problem])
    index = {name: columns.index(name) for name in REGISTER_COLUMNS}

    rows: list[RegisterRow] = []
    problems: list[RegisterProblem] = []
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(columns):
            problems.append(
                RegisterProblem(
                    line=start,
                    column="",
                    code="field_count",
                    message=_(
                        "Raden har %(found)d fält men rubrikraden har %(expected)d. "
                        "Kontrollera kommatecken och citattecken på raden."
                    )
                    % {"found": len(record), "expected": len(columns)},
                )
            )
            continue
        cells = {name: record[index[name]].strip() for name in REGISTER_COLUMNS}
        row, row_problems = _parse_row(start, cells)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)

    problems.extend(register_rows_check(rows))
    if not rows and not problems:
        problems.append(
            RegisterProblem(
                line=2, column="", code="no_rows", message=_("Filen har inga rader med data.")
            )
        )
    if problems:
        raise RegisterImportError(sorted(problems, key=lambda p: p.line))
    return rows


def register_rows_check(rows: Sequence[RegisterRow]) -> list[RegisterProblem]:
    """Problems between rows: a repeated agency and year, or one agency described two ways."""
    problems: list[RegisterProblem] = []
    seen_years: dict[tuple[str, int], int] = {}
    first_row: dict[str, RegisterRow] = {}
    for row in rows:
        key = (row.org_nr, row.year)
        if key in seen_years:
            problems.append(
                RegisterProblem(
                    line=row.line,
                    column="register_year",
                    code="duplicate_year",
                    message=_(
                        "Myndigheten med organisationsnummer %(org_nr)s har redan en rad för "
                        "registeråret %(year)d (rad %(first)d). Ta bort en av raderna."
                    )
                    % {
                        "org_nr": orgnr_format(row.org_nr),
                        "year": row.year,
                        "first": seen_years[key],
                    },
                )
            )
        else:
            seen_years[key] = row.line
        first = first_row.setdefault(row.org_nr, row)
        for column, attribute in (
            ("agency", "name"),
            ("short_name", "short_name"),
            ("department", "department"),
        ):
            if getattr(row, attribute) != getattr(first, attribute):
                problems.append(
                    RegisterProblem(
                        line=row.line,
                        column=column,
                        code="inconsistent_agency",
                        message=_(
                            "Myndigheten med organisationsnummer %(org_nr)s har värdet "
                            "”%(first_value)s” på rad %(first)d men ”%(value)s” här. Alla rader "
                            "för samma myndighet ska ha samma namn, kortnamn och departement."
                        )
                        % {
                            "org_nr": orgnr_format(row.org_nr),
                            "first_value": getattr(first, attribute),
                            "first": first.line,
                            "value": getattr(row, attribute),
                        },
                    )
                )
    return problems


def text_line_of_offset(data: bytes, offset: int) -> int:
    """The 1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def _header_problem(columns: list[str]) -> RegisterProblem | None:
    details = header_differences(columns, REGISTER_COLUMNS)
    if details is None:
        return None
    return RegisterProblem(
        line=1,
        column="",
        code="header",
        message=_("Rubrikraden ska ha kolumnerna %(expected)s (%(details)s). Rätta rubrikraden.")
        % {"expected": ",".join(REGISTER_COLUMNS), "details": details},
    )


def _parse_row(
    line: int, cells: dict[str, str]
) -> tuple[RegisterRow | None, list[RegisterProblem]]:
    parser = _RowParser(line)
    name = parser.text(cells, "agency", NAME_MAX_LENGTH, required=True)
    short_name = parser.text(cells, "short_name", SHORT_NAME_MAX_LENGTH)
    department = parser.text(cells, "department", DEPARTMENT_MAX_LENGTH)
    org_nr = parser.org_nr(cells["org_nr"])
    year = parser.year(cells["register_year"])
    employees = parser.count(cells, "employees")
    fte = parser.count(cells, "aa_arsarbetskrafter")
    former_names = parser.former_names(cells["old_names"], current=name)
    if parser.problems or year is None:
        return None, parser.problems
    row = RegisterRow(
        line=line,
        org_nr=org_nr,
        name=name,
        short_name=short_name,
        department=department,
        year=year,
        employees=employees,
        fte=fte,
        former_names=former_names,
    )
    return row, []


class _RowParser:
    """Reads the cells of one line, collecting every problem instead of stopping at the first."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.problems: list[RegisterProblem] = []

    def problem(self, column: str, code: str, message: str) -> None:
        self.problems.append(
            RegisterProblem(line=self.line, column=column, code=code, message=message)
        )

    def text(
        self, cells: dict[str, str], column: str, max_length: int, *, required: bool = False
    ) -> str:
        value = " ".join(cells[column].split())
        if required and not value:
            self.problem(column, "required", _("Värde saknas. Fyll i cellen."))
        elif len(value) > max_length:
            self.problem(
                column,
                "too_long",
                _("Texten är längre än %(max)d tecken. Korta den.") % {"max": max_length},
            )
        return value

    def org_nr(self, raw: str) -> str:
        try:
            return orgnr_normalise(raw)
        except OrgNrError as error:
            if error.code == "check_digit":
                message = _(
                    "Organisationsnumret ”%(value)s” har fel kontrollsiffra. Kontrollera numret "
                    "mot myndighetsregistret."
                )
            else:
                message = _(
                    "Organisationsnumret ”%(value)s” ska ha formen NNNNNN-NNNN (tio siffror, "
                    "bindestreck valfritt). Rätta numret."
                )
            self.problem("org_nr", f"org_nr_{error.code}", message % {"value": raw})
            return ""

    def year(self, raw: str) -> int | None:
        year = _parse_int(raw)
        if year is not None and YEAR_MIN <= year <= YEAR_MAX:
            return year
        self.problem(
            "register_year",
            "bad_year",
            _("Registeråret ”%(value)s” ska vara ett årtal mellan %(min)d och %(max)d. Rätta det.")
            % {"value": raw, "min": YEAR_MIN, "max": YEAR_MAX},
        )
        return None

    def count(self, cells: dict[str, str], column: str) -> int | None:
        """A whole number of zero or more; an empty cell is None (the figure is missing)."""
        raw = cells[column]
        if not raw:
            return None
        value = _parse_int(raw)
        if value is not None:
            return value
        if _parse_int(raw.removeprefix("-")) is not None:
            self.problem(
                column,
                "negative",
                _("”%(value)s” är negativt. Antalet kan inte vara mindre än noll; rätta det.")
                % {"value": raw},
            )
        else:
            self.problem(
                column,
                "not_a_number",
                _(
                    "”%(value)s” är inte ett heltal. Skriv ett heltal utan decimaler, eller "
                    "lämna cellen tom om uppgiften saknas."
                )
                % {"value": raw},
            )
        return None

    def former_names(self, raw: str, *, current: str) -> tuple[str, ...]:
        names: list[str] = []
        for part in raw.split(FORMER_NAMES_SEPARATOR):
            name = " ".join(part.split())
            if not name or name == current or name in names:
                continue
            if len(name) > NAME_MAX_LENGTH:
                self.problem(
                    "old_names",
                    "too_long",
                    _("Det tidigare namnet ”%(name)s…” är längre än %(max)d tecken. Korta det.")
                    % {"name": name[:40], "max": NAME_MAX_LENGTH},
                )
                continue
            names.append(name)
        return tuple(names)


def _parse_int(raw: str) -> int | None:
    """A non-negative whole number written with digits only, else None."""
    text = raw.strip()
    if not text.isascii() or not text.isdigit():
        return None
    return int(text)
