"""Reads of the programme follow-up (issue 4 point 5): custom groups and the difference
in differences of their members against the non-members.

Like learning.selectors, everything here reads the **published** basis only: the answered
snapshots of the latest publication of each full-year round. A fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from charts import Chart, Point, Series, compare_chart
from keyfigures.formatting import format_change, format_number
from keyfigures.registry import KEY_FIGURES, KeyFigure
from learning.models import ProgrammeGroup
from learning.programmes import (
    MIN_AGENCIES,
    DifferenceInDifferences,
    Observation,
    Period,
    Side,
    Verdict,
    difference_in_differences,
    group_value_per_year,
)
from publishing.models import Publication, PublishedResponse
from register.models import Agency
from surveys.models import PeriodType, ResponseStatus


def programme_group_list() -> list[ProgrammeGroup]:
    """Every programme group with its number of members (``n_members``), by name."""
    return list(ProgrammeGroup.objects.annotate(n_members=Count("memberships")).order_by("name"))


def programme_group_get(*, group_id: int) -> ProgrammeGroup | None:
    return ProgrammeGroup.objects.filter(pk=group_id).first()


def programme_members(*, group: ProgrammeGroup) -> list[Agency]:
    return list(
        Agency.objects.filter(pk__in=group.memberships.values("agency_id")).order_by("name")
    )


def programme_member_get(*, group: ProgrammeGroup, agency_id: str) -> Agency | None:
    """A member of the group by its agency id (as posted); None if it is not one."""
    if not agency_id.isdigit():
        return None
    return Agency.objects.filter(
        pk=int(agency_id), pk__in=group.memberships.values("agency_id")
    ).first()


def programme_candidates(*, group: ProgrammeGroup) -> list[Agency]:
    """The agencies that can be added: every agency in the register that is not a member."""
    return list(
        Agency.objects.exclude(pk__in=group.memberships.values("agency_id")).order_by("name")
    )


def _published_year_snapshots() -> tuple[list[int], list[PublishedResponse]]:
    """The published full-year rounds' years and their latest publications' answered
    snapshots. Rounds without a publication (drafts, open rounds) never appear."""
    latest = (
        Publication.objects.filter(round__period_type=PeriodType.YEAR)
        .values("round_id")
        .annotate(version=Max("version"))
    )
    condition = Q(pk__in=[])
    for row in latest:
        condition |= Q(round_id=row["round_id"], version=row["version"])
    publications = list(Publication.objects.filter(condition).select_related("round"))
    years = sorted(p.round.year for p in publications)
    snapshots = [
        s
        for s in PublishedResponse.objects.filter(publication__in=publications).select_related(
            "publication__round"
        )
        if s.status == ResponseStatus.ANSWERED
    ]
    return years, snapshots


@dataclass
class SideRow:
    """One side's cells, formatted: value (number of agencies)."""

    before: str
    after: str
    change: str


@dataclass
class FigureFollowUp:
    figure: KeyFigure
    figure_name: str
    did: DifferenceInDifferences
    members: SideRow
    others: SideRow
    did_text: str
    sentence: str
    chart: Chart | None


def _period_text(period: Period, language: str) -> str:
    if period.value is None:
        return str(_("kan inte beräknas"))
    value = format_number(period.value, decimals=1, language=language)
    return f"{value} ({period.n_agencies})"


def _side_row(side: Side, language: str) -> SideRow:
    return SideRow(
        before=_period_text(side.before, language),
        after=_period_text(side.after, language),
        change=_did_number(side.change, language),
    )


@dataclass
class ProgrammeFollowUp:
    group: ProgrammeGroup
    members: list[Agency]
    start_year: int
    years_before: list[int]
    years_after: list[int]
    figures: list[FigureFollowUp]


def _change_unit(figure: KeyFigure, language: str) -> str:
    return str(_("procentenheter")) if figure.unit == "percent" else figure.unit_label(language)


def _did_number(value: Fraction | None, language: str) -> str:
    return "–" if value is None else format_change(value, decimals=1, language=language)


def programme_sentence(
    *, figure: KeyFigure, did: DifferenceInDifferences, start_year: int, language: str
) -> str:
    """The plain-language sentence of one key figure's difference in differences."""
    name = figure.name(language)
    if did.verdict == Verdict.NOT_COMPUTABLE or did.value is None:
        return _(
            "%(figure)s: skillnaden kan inte beräknas, eftersom det saknas jämförbara värden "
            "före eller från %(year)s för medlemmarna eller för övriga myndigheter."
        ) % {"figure": name, "year": start_year}
    values = {
        "figure": name,
        "members": _did_number(did.members.change, language),
        "others": _did_number(did.others.change, language),
        "did": _did_number(did.value, language),
        "unit": _change_unit(figure, language),
        "year": start_year,
    }
    sentence = (
        _(
            "%(figure)s: från åren före %(year)s till åren från %(year)s ändrades medlemmarnas "
            "värde med %(members)s och övriga myndigheters med %(others)s %(unit)s, en skillnad "
            "på %(did)s %(unit)s."
        )
        % values
    )
    if did.verdict == Verdict.TOO_FEW:
        sentence += " " + _(
            "Det är för få myndigheter för att dra slutsatser (färre än %(n)s bakom något av "
            "värdena)."
        ) % {"n": MIN_AGENCIES}
    return sentence


def programme_followup(*, group: ProgrammeGroup, language: str) -> ProgrammeFollowUp:
    """Members against non-members before and after the group's start year, per key
    figure, from the published full-year rounds only (learning/programmes.py)."""
    members = programme_members(group=group)
    member_ids = frozenset(a.pk for a in members)
    start_year = group.start_date.year
    years, snapshots = _published_year_snapshots()
    figures = []
    for figure in KEY_FIGURES:
        observations = [
            Observation(
                agency=s.agency_id,
                year=s.publication.round.year,
                numerator=getattr(s, figure.numerator),
                denominator=getattr(s, figure.denominator),
            )
            for s in snapshots
        ]
        did = difference_in_differences(
            observations, members=member_ids, start_year=start_year, scale=figure.scale
        )
        chart = None
        if years:
            series = [
                Series(
                    label=label,
                    points=[
                        Point(str(year), None if v is None else float(v))
                        for year in years
                        for v in [values.get(year)]
                    ],
                )
                for label, values in (
                    (
                        str(_("Medlemmar")),
                        group_value_per_year(observations, agencies=member_ids, scale=figure.scale),
                    ),
                    (
                        str(_("Övriga myndigheter")),
                        group_value_per_year(
                            observations, agencies=member_ids, exclude=True, scale=figure.scale
                        ),
                    ),
                )
            ]
            chart = compare_chart(
                element_id=f"program-{figure.slug}",
                series=series,
                figure=figure,
                language=language,
                title=_("%(figure)s: medlemmar och övriga myndigheter per år")
                % {"figure": figure.name(language)},
            )
        figures.append(
            FigureFollowUp(
                figure=figure,
                figure_name=figure.name(language),
                did=did,
                members=_side_row(did.members, language),
                others=_side_row(did.others, language),
                did_text=_did_number(did.value, language),
                sentence=programme_sentence(
                    figure=figure, did=did, start_year=start_year, language=language
                ),
                chart=chart,
            )
        )
    return ProgrammeFollowUp(
        group=group,
        members=members,
        start_year=start_year,
        years_before=[y for y in years if y < start_year],
        years_after=[y for y in years if y >= start_year],
        figures=figures,
    )
