"""Writes to rounds, their populations and responses.

A round's population is its set of Response rows. It is set from the register by
:func:`round_population_set` (and edited by hand with :func:`round_population_add` and
:func:`round_population_remove`) while the round is a draft; answers are recorded with
:func:`response_record` or :func:`response_import` while it is open or closed. Every
change to answers schedules one recomputation of the stored results on commit.

Answers are checked with the rules of :mod:`surveys.validation`: an error refuses the
answer (or the whole import), warnings are stored as :class:`ResponseFinding` rows that
the respondent explains with :func:`response_warning_explain`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from register.models import Agency, AgencyFormerName
from register.orgnr import orgnr_format
from register.selectors import agency_former_names, agency_fte_for_year, agency_ids_in_register
from surveys.imports.responses_csv import COLUMNS as CSV_COLUMNS
from surveys.imports.responses_csv import FIELD_COLUMNS as CSV_FIELD_COLUMNS
from surveys.imports.rows import ResponseRow, RowProblem
from surveys.imports.values import COUNT_FIELDS, ValueProblem, response_values_problems
from surveys.models import (
    FindingLevel,
    PeriodType,
    Response,
    ResponseFinding,
    ResponseStatus,
    Round,
    RoundStatus,
    WorkflowState,
)
from surveys.validation import (
    AnswerContext,
    AnswerInput,
    Finding,
    check_answer,
    params_to_json,
)

HALF_YEAR_FIRST = 2015
HALF_YEAR_LAST = 2018
ROUND_YEAR_MIN = 2000
ROUND_YEAR_MAX = 2100
# Answers can be recorded while the round is open, and corrected while it is closed.
RECORDABLE_STATUSES: frozenset[str] = frozenset({RoundStatus.OPEN, RoundStatus.CLOSED})
BATCH_SIZE = 500
SNAPSHOT_FIELDS: tuple[str, ...] = ("fte", "fte_year", "fte_is_fallback")
VALUE_FIELDS: tuple[str, ...] = (
    "status",
    *COUNT_FIELDS,
    "not_applicable_reason",
    "comment",
    "is_simulated",
)
PROBLEMS_SHOWN = 50
EXPLANATION_MAX_LENGTH = 2000


# Errors --------------------------------------------------------------------------------


class SurveysError(Exception):
    """A refused change; ``message`` (Swedish) says why and ``code`` is stable."""

    code = "surveys"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RoundPeriodError(SurveysError):
    """A period that cannot be a round: half-years exist only for 2015–2018."""

    code = "round_period"


class RoundExistsError(SurveysError):
    code = "round_exists"


class PopulationLockedError(SurveysError):
    """The population can only change while the round is a draft."""

    code = "population_locked"


class PopulationMemberError(SurveysError):
    """Adding an agency already in the population, or removing one not in it or answered."""

    code = "population_member"


class ResponseLockedError(SurveysError):
    """Answers can only be recorded while the round is open or closed."""

    code = "response_locked"


class ResponseInvalidError(ValidationError):
    """The values of a response break a rule; ``message_dict`` has the messages by field."""


class FindingNotFoundError(SurveysError):
    """An explanation for a warning the response does not have (any more)."""

    code = "finding_not_found"


class ResponseImportError(SurveysError):
    """Rows of an import have problems; nothing was written."""

    code = "response_import"

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self, limit: int = PROBLEMS_SHOWN) -> str:
        count = len(self.problems)
        lines = [
            _(
                "Svaren lästes inte in: %(count)d problem hittades. Inget har sparats. "
                "Rätta filen och läs in den igen."
            )
            % {"count": count}
        ]
        lines.extend(str(problem) for problem in self.problems[:limit])
        if count > limit:
            lines.append(_("… och %(more)d problem till.") % {"more": count - limit})
        return "\n".join(lines)


# Rounds --------------------------------------------------------------------------------


def round_slug_default(*, year: int, period_type: str) -> str:
    """ "2024" for a year, "2017h1" and "2017h2" for half-years."""
    return str(year) if period_type == PeriodType.YEAR else f"{year}{period_type}"


def round_period_check(*, year: int, period_type: str) -> None:
    """Raise :class:`RoundPeriodError` unless ``year`` and ``period_type`` can be a round."""
    if period_type not in PeriodType.values:
        raise RoundPeriodError(
            _("Okänd period ”%(period)s”. Välj helår, första halvåret eller andra halvåret.")
            % {"period": period_type}
        )
    if not ROUND_YEAR_MIN <= year <= ROUND_YEAR_MAX:
        raise RoundPeriodError(
            _("Året %(year)d är inte rimligt för en uppföljning. Ange ett år som 2024.")
            % {"year": year}
        )
    if period_type != PeriodType.YEAR and not HALF_YEAR_FIRST <= year <= HALF_YEAR_LAST:
        raise RoundPeriodError(
            _(
                "Halvårsomgångar finns bara för %(first)d–%(last)d (ESV:s och Diggs mätningar "
                "två gånger per år). Välj helår för %(year)d."
            )
            % {"first": HALF_YEAR_FIRST, "last": HALF_YEAR_LAST, "year": year}
        )


@transaction.atomic
def round_create(
    *,
    year: int,
    period_type: str = PeriodType.YEAR,
    slug: str | None = None,
    is_simulated: bool = False,
) -> Round:
    """A new draft round. ``slug`` defaults to "2024", or "2017h1"/"2017h2" for half-years."""
    round_period_check(year=year, period_type=period_type)
    slug = slug or round_slug_default(year=year, period_type=period_type)
    existing = Round.objects.filter(year=year, period_type=period_type).first()
    if existing is not None:
        raise RoundExistsError(
            _("Det finns redan en omgång för %(period)s (%(slug)s).")
            % {"period": existing.label, "slug": existing.slug}
        )
    if Round.objects.filter(slug=slug).exists():
        raise RoundExistsError(
            _("Kortnamnet ”%(slug)s” används redan av en annan omgång. Välj ett annat.")
            % {"slug": slug}
        )
    round_ = Round(
        year=year,
        period_type=period_type,
        slug=slug,
        status=RoundStatus.DRAFT,
        is_simulated=is_simulated,
    )
    round_.full_clean()
    round_.save()
    return round_


# Population ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PopulationMember:
    """An agency the rule puts in a round's population, with its ÅA snapshot."""

    agency_id: int
    name: str
    org_nr: str
    fte: int
    fte_year: int
    fte_is_fallback: bool

    def __str__(self) -> str:
        return f"{self.name} ({orgnr_format(self.org_nr)})"


@dataclass(frozen=True)
class PopulationComputation:
    """Who the rule includes for a year, and who it would include but for the exemption."""

    year: int
    members: tuple[PopulationMember, ...]
    exempt: tuple[PopulationMember, ...]


@dataclass
class PopulationReport:
    """What :func:`round_population_set` did to a round's responses."""

    round: Round
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # ÅA snapshot changed
    unchanged: int = 0
    kept_with_answers: list[str] = field(default_factory=list)
    exempt: list[str] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)  # members with an earlier year's ÅA
    size: int = 0

    def summary_lines(self) -> list[str]:
        lines = [
            _(
                "Population för %(round)s: %(size)d myndigheter (%(added)d tillagda, "
                "%(removed)d borttagna, %(updated)d med ändrad ÅA, %(unchanged)d oförändrade)."
            )
            % {
                "round": self.round.label,
                "size": self.size,
                "added": len(self.added),
                "removed": len(self.removed),
                "updated": len(self.updated),
                "unchanged": self.unchanged,
            }
        ]
        if self.exempt:
            lines.append(
                _("Undantagna enligt förordning 2003:770: %(names)s.")
                % {"names": ", ".join(self.exempt)}
            )
        if self.fallbacks:
            lines.append(
                _("ÅA från ett tidigare registerår: %(names)s.")
                % {"names": ", ".join(self.fallbacks)}
            )
        if self.kept_with_answers:
            lines.append(
                _("Behållna eftersom de har svar: %(names)s.")
                % {"names": ", ".join(self.kept_with_answers)}
            )
        return lines


def population_compute(*, year: int) -> PopulationComputation:
    """The population rule for a round year (§1.1 of the domain notes). Reads only.

    An agency is in the population when its ÅA for ``year`` is strictly greater than
    ``settings.POPULATION_MIN_FTE``, unless its current or any former name is in
    ``settings.POPULATION_EXEMPT_AGENCIES``. Without an ÅA for ``year`` the nearest
    earlier year with one is used (and flagged). Agencies the register no longer lists
    in ``year`` or later (closed down or merged) are not in it, whatever their old ÅA;
    see :func:`register.selectors.agency_ids_in_register`.
    """
    present = agency_ids_in_register(year=year)
    snapshots = agency_fte_for_year(year=year, agency_ids=present)
    qualifying = {
        agency_id: snapshot
        for agency_id, snapshot in snapshots.items()
        if snapshot.fte > settings.POPULATION_MIN_FTE
    }
    exempt_names = {_name_key(name) for name in settings.POPULATION_EXEMPT_AGENCIES}
    former_names = agency_former_names()
    members: list[PopulationMember] = []
    exempt: list[PopulationMember] = []
    agencies = Agency.objects.filter(pk__in=list(qualifying)).order_by("name")
    for agency in agencies:
        snapshot = qualifying[agency.pk]
        member = PopulationMember(
            agency_id=agency.pk,
            name=agency.name,
            org_nr=agency.org_nr,
            fte=snapshot.fte,
            fte_year=snapshot.fte_year,
            fte_is_fallback=snapshot.is_fallback,
        )
        names = [agency.name, *former_names.get(agency.pk, [])]
        if any(_name_key(name) in exempt_names for name in names):
            exempt.append(member)
        else:
            members.append(member)
    return PopulationComputation(year=year, members=tuple(members), exempt=tuple(exempt))


@transaction.atomic
def round_population_set(*, round: Round) -> PopulationReport:
    """Make the round's responses the population the rule gives for ``round.year``.

    Adds the agencies newly in it (status "not answered", with the ÅA snapshot), removes
    those no longer in it and refreshes the ÅA snapshots of the others. Responses that
    carry answers are never changed or removed. Manual additions and removals are
    replaced too. Refused with :class:`PopulationLockedError` unless the round is a draft.
    """
    locked = _round_for_population_change(round)
    computation = population_compute(year=locked.year)
    wanted = {member.agency_id: member for member in computation.members}
    existing = {r.agency_id: r for r in locked.responses.select_related("agency")}
    report = PopulationReport(
        round=locked,
        exempt=[str(member) for member in computation.exempt],
        fallbacks=[str(member) for member in computation.members if member.fte_is_fallback],
    )

    to_update: list[Response] = []
    to_delete: list[Response] = []
    for agency_id, response in existing.items():
        if response_has_answers(response):
            report.kept_with_answers.append(str(response.agency))
            continue
        member = wanted.get(agency_id)
        if member is None:
            to_delete.append(response)
            report.removed.append(str(response.agency))
        elif _snapshot_set(response, member):
            to_update.append(response)
            report.updated.append(str(response.agency))
        else:
            report.unchanged += 1
    to_create = [
        Response(
            round=locked,
            agency_id=agency_id,
            status=ResponseStatus.NOT_ANSWERED,
            fte=member.fte,
            fte_year=member.fte_year,
            fte_is_fallback=member.fte_is_fallback,
        )
        for agency_id, member in wanted.items()
        if agency_id not in existing
    ]
    for response in [*to_create, *to_update]:
        response.full_clean(
            exclude=["round", "agency"], validate_unique=False, validate_constraints=False
        )
    report.added = [str(wanted[r.agency_id]) for r in to_create]

    bulk_create_with_history(to_create, Response, batch_size=BATCH_SIZE)
    bulk_update_with_history(
        to_update, Response, [*SNAPSHOT_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    for response in to_delete:
        response.delete()
    report.size = locked.responses.count()
    return report


@transaction.atomic
def round_population_add(*, round: Round, agency: Agency) -> Response:
    """Add one agency to a draft round's population by hand, whatever the rule says.

    Its ÅA snapshot is taken as for the rule (the round's year, else the nearest earlier
    year); without any ÅA it is left empty.
    """
    locked = _round_for_population_change(round)
    if locked.responses.filter(agency=agency).exists():
        raise PopulationMemberError(
            _("%(agency)s ingår redan i populationen för %(round)s.")
            % {"agency": agency.name, "round": locked.label}
        )
    snapshot = agency_fte_for_year(year=locked.year, agency_ids=[agency.pk]).get(agency.pk)
    response = Response(round=locked, agency=agency, status=ResponseStatus.NOT_ANSWERED)
    if snapshot is not None:
        response.fte = snapshot.fte
        response.fte_year = snapshot.fte_year
        response.fte_is_fallback = snapshot.is_fallback
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def round_population_remove(*, round: Round, agency: Agency) -> None:
    """Take one agency out of a draft round's population by hand."""
    locked = _round_for_population_change(round)
    response = locked.responses.filter(agency=agency).first()
    if response is None:
        raise PopulationMemberError(
            _("%(agency)s ingår inte i populationen för %(round)s.")
            % {"agency": agency.name, "round": locked.label}
        )
    if response_has_answers(response):
        raise PopulationMemberError(
            _("%(agency)s har svar i %(round)s och kan inte tas bort ur populationen.")
            % {"agency": agency.name, "round": locked.label}
        )
    response.delete()


def _round_for_population_change(round_: Round) -> Round:
    """The round, locked for the transaction, if its population may change."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status != RoundStatus.DRAFT:
        raise PopulationLockedError(
            _(
                "Populationen för %(round)s är låst eftersom omgången har status "
                "”%(status)s”. Den kan bara ändras medan omgången är ett utkast."
            )
            % {"round": locked.label, "status": locked.get_status_display()}
        )
    return locked


def response_has_answers(response: Response) -> bool:
    """True when the response carries anything an agency reported (or a note about it)."""
    return (
        response.status != ResponseStatus.NOT_ANSWERED
        or any(getattr(response, name) is not None for name in COUNT_FIELDS)
        or bool(response.not_applicable_reason)
        or bool(response.comment)
    )


def _snapshot_set(response: Response, member: PopulationMember) -> bool:
    """Copy the member's ÅA snapshot onto the response; True if anything changed."""
    wanted = {
        "fte": member.fte,
        "fte_year": member.fte_year,
        "fte_is_fallback": member.fte_is_fallback,
    }
    if all(getattr(response, name) == value for name, value in wanted.items()):
        return False
    for name, value in wanted.items():
        setattr(response, name, value)
    return True


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# Responses -----------------------------------------------------------------------------


@transaction.atomic
def response_record(
    *,
    response: Response,
    status: str,
    supplier_invoices: int | None,
    e_invoices: int | None,
    matched_invoices: int | None,
    e_orders: int | None,
    not_applicable_reason: str = "",
    comment: str = "",
    is_simulated: bool = False,
) -> Response:
    """Record one agency's answer, store its warnings, schedule the results refresh on commit.

    "answered" needs all four counts; "not applicable" a reason and no counts; "not
    answered" neither. The counts are checked with :mod:`surveys.validation` against the
    previous comparable round and the round's other answers: any error refuses the answer
    with :class:`ResponseInvalidError` (messages by field) and nothing is written; the
    warnings replace the response's stored findings, keeping the explanation of a
    warning that comes back. Refused with :class:`ResponseLockedError` unless the round
    is open or closed.
    """
    locked = _round_for_answers(response.round)
    counts: dict[str, int | None] = {
        "supplier_invoices": supplier_invoices,
        "e_invoices": e_invoices,
        "matched_invoices": matched_invoices,
        "e_orders": e_orders,
    }
    answer = AnswerInput(status=status, **counts)
    findings = check_answer(
        answer=answer,
        context=_answer_contexts(round_=locked, answers={response: answer})[response.pk],
    )
    errors: dict[str, list[str]] = {}
    for problem in _answer_problems(
        status=status, counts=counts, not_applicable_reason=not_applicable_reason, findings=findings
    ):
        errors.setdefault(problem.field, []).append(problem.message)
    if errors:
        raise ResponseInvalidError(errors)

    changed = _response_values_set(
        response,
        status=status,
        counts=counts,
        not_applicable_reason=not_applicable_reason,
        comment=comment,
        is_simulated=is_simulated,
    )
    _findings_replace({response: findings})
    if changed:
        _results_refresh_on_commit()
    return response


def response_findings_check(*, response: Response) -> list[Finding]:
    """The findings of the response's answer as it is now, in the database's context.

    The context: the same agency's answer in the previous comparable round (if answered),
    its ÅA snapshot, whether it must order electronically (in the population and neither
    exempt nor known to have at most ``POPULATION_MIN_FTE`` ÅA) and the round's other
    answers' e-orders per 100 ÅA. Reads only.
    """
    answer = _answer_input(response)
    context = _answer_contexts(round_=response.round, answers={response: answer})[response.pk]
    return check_answer(answer=answer, context=context)


@transaction.atomic
def response_warning_explain(*, response: Response, code: str, explanation: str) -> ResponseFinding:
    """Store the respondent's short explanation of one of the response's warnings.

    The explanation stays with the warning's code: it survives recording the answer
    again as long as the same warning comes back. Refused with
    :class:`FindingNotFoundError` when the response has no such warning, with
    :class:`ResponseInvalidError` when the explanation is empty or too long, and with
    :class:`ResponseLockedError` unless the round is open or closed.
    """
    _round_for_answers(response.round)
    finding = (
        ResponseFinding.objects.select_for_update()
        .filter(response=response, code=code, level=FindingLevel.WARNING)
        .first()
    )
    if finding is None:
        raise FindingNotFoundError(
            _(
                "Svaret har ingen varning med koden ”%(code)s”. Spara svaret igen och förklara "
                "de varningar som visas då."
            )
            % {"code": code}
        )
    text = explanation.strip()
    if not text:
        raise ResponseInvalidError(
            {"explanation": [_("Skriv en kort förklaring till varför uppgiften stämmer.")]}
        )
    if len(text) > EXPLANATION_MAX_LENGTH:
        raise ResponseInvalidError(
            {
                "explanation": [
                    _("Förklaringen får vara högst %(max)d tecken lång. Korta den.")
                    % {"max": EXPLANATION_MAX_LENGTH}
                ]
            }
        )
    finding.explanation = text
    finding.full_clean(exclude=["response"], validate_unique=False, validate_constraints=False)
    finding.save(update_fields=["explanation"])
    return finding


@dataclass
class ResponseImportReport:
    """What :func:`response_import` did; ``warnings`` are the stored warnings, by row."""

    round: Round
    updated: int
    unchanged: int
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def n_warnings(self) -> int:
        return len(self.warnings)

    def summary_lines(self, limit: int = PROBLEMS_SHOWN) -> list[str]:
        lines = [
            _("Omgång %(round)s: %(updated)d svar uppdaterade, %(unchanged)d oförändrade.")
            % {"round": self.round.label, "updated": self.updated, "unchanged": self.unchanged}
        ]
        if self.updated:
            lines.append(_("Nyckeltalen räknas om."))
        if self.warnings:
            lines.append(
                ngettext(
                    "%(count)d varning att kontrollera. Svaren är sparade; förklara varningen "
                    "innan svaren lämnas in.",
                    "%(count)d varningar att kontrollera. Svaren är sparade; förklara "
                    "varningarna innan svaren lämnas in.",
                    self.n_warnings,
                )
                % {"count": self.n_warnings}
            )
            lines.extend(str(warning) for warning in self.warnings[:limit])
            if self.n_warnings > limit:
                lines.append(
                    _("… och %(more)d varningar till.") % {"more": self.n_warnings - limit}
                )
        return lines


@transaction.atomic
def response_import(
    *, round: Round, rows: Sequence[ResponseRow], problems: Iterable[RowProblem] = ()
) -> ResponseImportReport:
    """Record the answers of many agencies at once: all of them, or none.

    ``problems`` are those the file conversion found; this adds the rows whose agency
    is unknown or not in the round's population, and every hard error of
    :mod:`surveys.validation` (and of the status rules) per row and column. With any
    problem at all :class:`ResponseImportError` lists them and nothing is written. Each
    row replaces its response's values and stored findings; the warnings do not block,
    are stored and are listed in the report. Every row is checked in the round as it
    will be after the import (the e-orders distribution includes the other rows' new
    values). The results refresh is scheduled once.
    """
    locked = _round_for_answers(round)
    all_problems = list(problems)
    agencies = {agency.org_nr: agency for agency in Agency.objects.all()}
    responses = {response.agency_id: response for response in locked.responses.all()}
    matched: list[tuple[ResponseRow, Response]] = []
    for row in rows:
        agency = agencies.get(row.org_nr)
        if agency is None:
            all_problems.append(
                RowProblem(
                    row.line,
                    "org_nr",
                    "unknown_org_nr",
                    _(
                        "Organisationsnumret %(org_nr)s finns inte i myndighetsregistret. "
                        "Kontrollera numret."
                    )
                    % {"org_nr": orgnr_format(row.org_nr)},
                )
            )
            continue
        response = responses.get(agency.pk)
        if response is None:
            all_problems.append(
                RowProblem(
                    row.line,
                    "org_nr",
                    "not_in_population",
                    _(
                        "%(agency)s (%(org_nr)s) ingår inte i populationen för %(round)s. "
                        "Ta bort raden, eller kontrollera organisationsnumret."
                    )
                    % {
                        "agency": agency.name,
                        "org_nr": orgnr_format(row.org_nr),
                        "round": locked.label,
                    },
                )
            )
            continue
        matched.append((row, response))

    answers = {response: _row_answer(row) for row, response in matched}
    contexts = _answer_contexts(round_=locked, answers=answers)
    findings: dict[Response, list[Finding]] = {}
    for row, response in matched:
        findings[response] = check_answer(answer=answers[response], context=contexts[response.pk])
        all_problems.extend(
            RowProblem(
                row.line, CSV_FIELD_COLUMNS.get(problem.field, ""), problem.code, problem.message
            )
            for problem in _answer_problems(
                status=row.status,
                counts=row.counts,
                not_applicable_reason=row.not_applicable_reason,
                findings=findings[response],
            )
        )
    if all_problems:
        raise ResponseImportError(sorted(all_problems, key=_row_order))

    updated = 0
    warnings: list[RowProblem] = []
    for row, response in matched:
        changed = _response_values_set(
            response,
            status=row.status,
            counts=row.counts,
            not_applicable_reason=row.not_applicable_reason,
            comment=row.comment,
            is_simulated=False,
        )
        if changed:
            _workflow_after_import(response)
        updated += changed
        warnings.extend(
            RowProblem(row.line, CSV_FIELD_COLUMNS.get(f.field, ""), f.code, f.message)
            for f in findings[response]
            if not f.is_error
        )
    _findings_replace(findings)
    if updated:
        _results_refresh_on_commit()
    return ResponseImportReport(
        round=locked,
        updated=updated,
        unchanged=len(matched) - updated,
        warnings=sorted(warnings, key=_row_order),
    )


def _row_order(problem: RowProblem) -> tuple[int, int]:
    """Line by line, and the columns in the order of the file format."""
    columns = list(CSV_COLUMNS)
    return (problem.line, columns.index(problem.column) if problem.column in columns else -1)


def _round_for_answers(round_: Round) -> Round:
    """The round, locked for the transaction, if answers may be recorded in it."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status not in RECORDABLE_STATUSES:
        raise ResponseLockedError(
            _(
                "Svar kan inte registreras i %(round)s eftersom omgången har status "
                "”%(status)s”. Svar registreras medan omgången är öppen eller stängd."
            )
            % {"round": locked.label, "status": locked.get_status_display()}
        )
    return locked


def _response_values_set(
    response: Response,
    *,
    status: str,
    counts: dict[str, int | None],
    not_applicable_reason: str,
    comment: str,
    is_simulated: bool,
) -> bool:
    """Set and save values that passed the rules; True if anything changed (else no save)."""
    wanted: dict[str, object] = {
        "status": status,
        **counts,
        "not_applicable_reason": not_applicable_reason.strip(),
        "comment": comment.strip(),
        "is_simulated": is_simulated,
    }
    if all(getattr(response, name) == value for name, value in wanted.items()):
        return False
    for name, value in wanted.items():
        setattr(response, name, value)
    try:
        response.full_clean(
            exclude=["round", "agency"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise ResponseInvalidError(error.message_dict) from error
    response.revision += 1
    response.save(update_fields=[*VALUE_FIELDS, "revision", "updated_at"])
    return True


def _answer_problems(
    *,
    status: str,
    counts: Mapping[str, int | None],
    not_applicable_reason: str,
    findings: Sequence[Finding],
) -> list[ValueProblem]:
    """The status rules' problems and every error finding, each once."""
    problems = response_values_problems(
        status=status, counts=counts, not_applicable_reason=not_applicable_reason
    )
    seen = {(problem.field, problem.code) for problem in problems}
    problems.extend(
        ValueProblem(finding.field, finding.code, finding.message)
        for finding in findings
        if finding.is_error and (finding.field, finding.code) not in seen
    )
    return problems


def _answer_input(response: Response) -> AnswerInput:
    return AnswerInput(
        status=response.status,
        supplier_invoices=response.supplier_invoices,
        e_invoices=response.e_invoices,
        matched_invoices=response.matched_invoices,
        e_orders=response.e_orders,
    )


def _row_answer(row: ResponseRow) -> AnswerInput:
    return AnswerInput(status=row.status, **row.counts)


def _answer_contexts(
    *, round_: Round, answers: Mapping[Response, AnswerInput]
) -> dict[int, AnswerContext]:
    """The context of each response in ``answers`` (by pk), in the round as it will be.

    ``answers`` are the new answers of some of the round's responses; the e-orders
    distribution takes those in place of the stored values. Five queries whatever the
    number of answers.
    """
    # Imported here: keyfigures depends on surveys, not the other way round.
    from keyfigures.services import previous_comparable_round

    previous_round = previous_comparable_round(round_, Round.objects.all())
    previous: dict[int, AnswerInput] = {}
    if previous_round is not None:
        previous = {
            r.agency_id: _answer_input(r)
            for r in Response.objects.filter(round=previous_round, status=ResponseStatus.ANSWERED)
        }

    new_answers = {response.pk: answer for response, answer in answers.items()}
    per_100_fte: dict[int, Fraction] = {}  # response pk -> e-orders per 100 ÅA
    for response in Response.objects.filter(round=round_):
        answer = new_answers.get(response.pk) or _answer_input(response)
        e_orders = answer.count("e_orders")
        answered = answer.status == ResponseStatus.ANSWERED
        if answered and e_orders is not None and e_orders >= 0 and response.fte:
            per_100_fte[response.pk] = Fraction(100 * e_orders, response.fte)

    exempt = _exempt_agency_ids({response.agency_id for response in answers})
    ordered = sorted(per_100_fte.values())
    contexts: dict[int, AnswerContext] = {}
    for response in answers:
        others = list(ordered)
        own = per_100_fte.get(response.pk)
        if own is not None:
            others.remove(own)
        contexts[response.pk] = AnswerContext(
            previous=previous.get(response.agency_id),
            previous_round=previous_round.label if previous_round is not None else "",
            fte=response.fte,
            obliged_to_order=response.agency_id not in exempt
            and (response.fte is None or response.fte > settings.POPULATION_MIN_FTE),
            e_orders_per_100_fte=others,
        )
    return contexts


def _exempt_agency_ids(agency_ids: Iterable[int]) -> set[int]:
    """Those of ``agency_ids`` exempt from ordering electronically, by current or former name.

    The same names as the population rule: ``settings.POPULATION_EXEMPT_AGENCIES``.
    """
    exempt_names = {_name_key(name) for name in settings.POPULATION_EXEMPT_AGENCIES}
    ids = list(agency_ids)
    names = [
        *Agency.objects.filter(pk__in=ids).values_list("pk", "name"),
        *AgencyFormerName.objects.filter(agency_id__in=ids).values_list("agency_id", "name"),
    ]
    return {agency_id for agency_id, name in names if _name_key(name) in exempt_names}


def _findings_replace(findings: Mapping[Response, Sequence[Finding]]) -> None:
    """Replace the stored findings of each response, keeping explanations by code."""
    stored = ResponseFinding.objects.filter(response__in=list(findings))
    explanations = {
        (response_id, code): explanation
        for response_id, code, explanation in stored.exclude(explanation="").values_list(
            "response_id", "code", "explanation"
        )
    }
    stored.delete()
    rows = [
        ResponseFinding(
            response=response,
            code=finding.code,
            level=finding.level.value,
            field=finding.field,
            saved_message=finding.message,
            params=params_to_json(finding.params),
            explanation=explanations.get((response.pk, finding.code), ""),
        )
        for response, response_findings in findings.items()
        for finding in response_findings
        if not finding.is_error  # an answer with errors is never stored
    ]
    for row in rows:
        row.full_clean(exclude=["response"], validate_unique=False, validate_constraints=False)
    ResponseFinding.objects.bulk_create(rows)


def _workflow_after_import(response: Response) -> None:
    """An imported answer is submitted for review; an imported blank is not started."""
    state = (
        WorkflowState.NOT_STARTED
        if response.status == ResponseStatus.NOT_ANSWERED
        else WorkflowState.SUBMITTED
    )
    if response.workflow != state:
        response.workflow = state
        response.submitted_at = timezone.now() if state == WorkflowState.SUBMITTED else None
        response.save(update_fields=["workflow", "submitted_at", "updated_at"])


def _results_refresh_on_commit() -> None:
    # Imported here: keyfigures depends on surveys, not the other way round.
    from keyfigures.services import results_refresh_on_commit

    results_refresh_on_commit()
