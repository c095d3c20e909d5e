"""Read paths for practices. Public code reads only ``published_practices`` and the
functions built on it; none of them follows ``contact`` (personal data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.db.models import Max, QuerySet

from accounts.selectors import agencies_for_user
from keyfigures.models import AgencyResult, ResultState
from keyfigures.registry import KEY_FIGURES, KEY_FIGURES_BY_SLUG, KeyFigure
from keyfigures.selectors import AgencyRoundRow, agency_history
from network.models import Contact
from practices.measured import MeasuredChange, RoundValue, measured_change
from practices.models import Practice, PracticeStatus, Theme
from register.models import Agency
from surveys.models import PeriodType


def published_practices(
    *, agency: Agency | None = None, updated_since: datetime | None = None
) -> QuerySet[Practice]:
    """Practices the office has published, newest start first. Never carries the contact:
    callers that show practices publicly must not follow ``contact``."""
    qs = Practice.objects.filter(status=PracticeStatus.PUBLISHED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if updated_since is not None:
        qs = qs.filter(updated_at__gt=updated_since)
    return qs.order_by("-started_on", "title", "pk")


def practice_get_published(*, practice_id: int) -> Practice | None:
    return published_practices().filter(pk=practice_id).first()


def practices_filter(
    practices: Iterable[Practice], *, theme: str | None = None, figure: str | None = None
) -> list[Practice]:
    """Those with the theme and the key figure (either may be ``None``: no filter).

    Done in Python: the lists are short and JSON containment is not portable to SQLite.
    """
    return [
        p
        for p in practices
        if (not theme or theme in p.themes) and (not figure or figure in p.figures)
    ]


def practices_for_agencies(
    agency_ids: Iterable[int], figure_slug: str | None = None
) -> dict[int, list[Practice]]:
    """Published practices per agency id (only ids that have some), newest start first;
    with ``figure_slug`` only those that aimed at that key figure."""
    ids = list(agency_ids)
    result: dict[int, list[Practice]] = defaultdict(list)
    if not ids:
        return {}
    for practice in practices_filter(
        published_practices().filter(agency_id__in=ids), figure=figure_slug
    ):
        result[practice.agency_id].append(practice)
    return dict(result)


def public_last_changed() -> datetime | None:
    """The latest change to a practice that is or has been public (publishing, editing
    a published one, withdrawing or returning it): the public pages' clock."""
    latest = Practice.objects.filter(published_at__isnull=False).aggregate(
        latest=Max("updated_at")
    )["latest"]
    return latest if isinstance(latest, datetime) else None


# Logged-in reads -----------------------------------------------------------------------


def practice_list_for_user(*, user: Any) -> list[Practice]:
    """Every practice of the agencies the user reports for (all for the office)."""
    return list(
        Practice.objects.filter(agency__in=agencies_for_user(user=user))
        .select_related("agency", "contact")
        .order_by("agency__name", "-updated_at", "pk")
    )


def practice_get(*, practice_id: int) -> Practice | None:
    return Practice.objects.select_related("agency", "contact").filter(pk=practice_id).first()


def practice_review_queue() -> list[Practice]:
    """Practices waiting for the office, oldest first."""
    return list(
        Practice.objects.filter(status=PracticeStatus.SUBMITTED)
        .select_related("agency")
        .order_by("updated_at", "pk")
    )


def practice_recently_reviewed(*, limit: int = 20) -> list[Practice]:
    return list(
        Practice.objects.filter(reviewed_at__isnull=False)
        .exclude(status=PracticeStatus.SUBMITTED)
        .select_related("agency")
        .order_by("-reviewed_at", "pk")[:limit]
    )


def practice_active_contact(practice: Practice) -> Contact | None:
    """The practice's contact if the consent still stands; for logged-in pages only
    (never public). A withdrawn contact is ``None``."""
    if practice.contact_id is None:
        return None
    return Contact.objects.filter(pk=practice.contact_id, withdrawn_at__isnull=True).first()


def contact_choices(*, agency: Agency) -> QuerySet[Contact]:
    """The agency's network contacts who have consented and not withdrawn."""
    return Contact.objects.filter(agency=agency, withdrawn_at__isnull=True).order_by("name", "pk")


# Measured change -------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureChange:
    figure: KeyFigure
    change: MeasuredChange


@dataclass(frozen=True)
class PracticeItem:
    practice: Practice
    changes: list[FigureChange]
    has_history: bool = True


def _exact(result: AgencyResult | None, figure: KeyFigure) -> tuple[Fraction | None, str]:
    if result is None:
        return None, "missing"
    if result.state != ResultState.VALUE:
        return None, result.state
    if result.numerator is not None and result.denominator:
        return Fraction(figure.scale * result.numerator, result.denominator), "value"
    if result.value is not None:
        return Fraction(result.value), "value"
    return None, ResultState.NOT_COMPUTABLE


def figure_rounds(history: list[AgencyRoundRow], figure: KeyFigure) -> list[RoundValue]:
    """The agency's published full-year values of one key figure, exact."""
    values = []
    for row in history:
        if row.round.period_type != PeriodType.YEAR:
            continue
        value, state = _exact(row.results.get(figure.slug), figure)
        values.append(
            RoundValue(year=row.round.year, label=row.round.label, value=value, state=state)
        )
    return values


def practice_changes(practice: Practice, history: list[AgencyRoundRow]) -> list[FigureChange]:
    """The measured change of each key figure the practice aimed at, registry order."""
    return [
        FigureChange(
            figure=figure,
            change=measured_change(
                started_on=practice.started_on,
                figure_slug=figure.slug,
                rounds=figure_rounds(history, figure),
            ),
        )
        for figure in KEY_FIGURES
        if figure.slug in practice.figures
    ]


def agency_practice_items(
    *, agency: Agency, history: list[AgencyRoundRow] | None = None
) -> list[PracticeItem]:
    """The agency's published practices with their measured changes."""
    practices = list(published_practices(agency=agency))
    if not practices:
        return []
    if history is None:
        history = agency_history(agency=agency)
    return [PracticeItem(practice=p, changes=practice_changes(p, history)) for p in practices]


def practice_item(*, practice: Practice) -> PracticeItem:
    history = agency_history(agency=practice.agency)
    return PracticeItem(
        practice=practice,
        changes=practice_changes(practice, history),
        has_history=bool(history),
    )


def theme_labels(practice: Practice) -> list[str]:
    labels = dict(Theme.choices)
    return [str(labels[t]) for t in practice.themes if t in labels]


def figure_objects(practice: Practice) -> list[KeyFigure]:
    return [KEY_FIGURES_BY_SLUG[s] for s in practice.figures if s in KEY_FIGURES_BY_SLUG]
