"""The goal section of the public agency page: its data and how its numbers read."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.translation import get_language

from keyfigures.formatting import NBSP, format_number
from keyfigures.registry import KEY_FIGURES_BY_SLUG, KeyFigure
from keyfigures.selectors import AgencyRoundRow
from learning.selectors import GoalProgressItem, agency_goal_progress
from register.models import Agency

register = template.Library()
GOAL_DECIMALS = 2


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@register.simple_tag
def agency_goals(agency: Agency, history: list[AgencyRoundRow]) -> list[GoalProgressItem]:
    return agency_goal_progress(agency=agency, history=history)


@register.filter
def goal_value(value: Fraction | Decimal | None, figure: KeyFigure | str) -> str:
    """A goal, measured or projected value, with % for shares."""
    if value is None:
        return "–"
    fig = KEY_FIGURES_BY_SLUG[figure] if isinstance(figure, str) else figure
    if isinstance(value, Fraction):  # a measured or projected value: as the figure shows it
        decimals = fig.display_decimals
    else:  # a goal as typed: as many decimals as it has, at most two
        decimals = 0
        while decimals < GOAL_DECIMALS and (Fraction(value) * 10**decimals).denominator != 1:
            decimals += 1
    text = format_number(value, decimals=decimals, language=_language())
    if fig.unit == "percent":
        return f"{text}{NBSP}%" if _language() == "sv" else f"{text}%"
    return text


@register.filter
def goal_gap(value: Fraction | None, figure: KeyFigure | str) -> str:
    """The distance to the goal, without sign: percentage points for shares."""
    if value is None:
        return "–"
    fig = KEY_FIGURES_BY_SLUG[figure] if isinstance(figure, str) else figure
    decimals = fig.display_decimals if abs(value) >= 1 else max(fig.display_decimals, 1)
    text = format_number(abs(value), decimals=decimals, language=_language())
    if fig.unit == "percent":
        unit = "procentenheter" if _language() == "sv" else "percentage points"
        return f"{text}{NBSP}{unit}"
    return f"{text} {fig.unit_label(_language())}"
