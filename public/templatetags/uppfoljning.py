"""Template filters: numbers, key-figure values, changes and classes, by language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from keyfigures.formatting import format_change, format_number
from keyfigures.models import AgencyResult, ResultState
from keyfigures.registry import INPUT_NAMES, KEY_FIGURES_BY_SLUG, KeyFigure, Reason
from register.size_classes import SizeClass
from surveys.models import ResponseStatus

register = template.Library()

NBSP = "\u00a0"


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _figure(figure: KeyFigure | str) -> KeyFigure:
    return KEY_FIGURES_BY_SLUG[figure] if isinstance(figure, str) else figure


@register.filter
def num(value: int | Decimal | None, decimals: int = 0) -> str:
    """A count or number, Swedish style (12 345) or English (12,345)."""
    if value is None:
        return "–"
    return format_number(value, decimals=decimals, language=_language())


@register.filter
def figval(value: Decimal | None, figure: KeyFigure | str) -> str:
    """A key-figure value rounded for display, with % for shares."""
    if value is None or value == "":  # "" is how a template passes a missing result
        return _("ej beräkningsbart")
    fig = _figure(figure)
    text = format_number(value, decimals=fig.display_decimals, language=_language())
    if fig.unit == "percent":
        return f"{text}{NBSP}%" if _language() == "sv" else f"{text}%"
    return text


@register.filter
def figchange(value: Decimal | None, figure: KeyFigure | str) -> str:
    """A change since the previous round: percentage points for shares."""
    if value is None or value == "":
        return "–"
    fig = _figure(figure)
    text = format_change(value, decimals=fig.display_decimals, language=_language())
    if fig.unit == "percent":
        points = _("p.e.")
        return f"{text}{NBSP}{points}"
    return text


@register.filter
def result_text(result: AgencyResult | None, figure: KeyFigure | str) -> str:
    """What a result cell says: the value, or why there is none."""
    if result is None:
        return "–"
    if result.state == ResultState.VALUE:
        return figval(result.value, figure)
    if result.state == ResultState.NOT_ANSWERED:
        return _("ej besvarad")
    if result.state == ResultState.NOT_APPLICABLE:
        return _("ej tillämplig")
    return _("ej beräkningsbart")


@register.filter
def reason_text(result: AgencyResult | None, figure: KeyFigure | str) -> str:
    if result is None or result.state != ResultState.NOT_COMPUTABLE or not result.reason:
        return ""
    return _figure(figure).reason_text(Reason(result.reason), _language())


CLASS_LABELS = {
    "green": ("Grön", "Green", "▲"),
    "yellow": ("Gul", "Yellow", "●"),
    "red": ("Röd", "Red", "▼"),
    "grey": ("Grå", "Grey", "○"),
}


@register.inclusion_tag("public/_class.html")
def class_badge(figure_class: str | None) -> dict[str, Any]:
    """The class as colour, symbol and word: never colour alone."""
    if not figure_class:
        return {"figure_class": ""}
    sv, en, symbol = CLASS_LABELS[figure_class]
    return {
        "figure_class": figure_class,
        "label": en if _language() == "en" else sv,
        "symbol": symbol,
    }


@register.filter
def figure_name(figure: KeyFigure | str) -> str:
    return _figure(figure).name(_language())


@register.filter
def figure_unit(figure: KeyFigure | str) -> str:
    return _figure(figure).unit_label(_language())


@register.filter
def figure_source(figure: KeyFigure | str) -> str:
    return _figure(figure).source(_language())


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def size_label(size_class: SizeClass | None) -> str:
    """An ÅA size class in words: "200–499 ÅA", "upp till 199 ÅA", "3 000 ÅA eller fler"."""
    if size_class is None:
        return ""
    lower = format_number(size_class.lower, language=_language())
    if size_class.upper is None:
        return _("%(lower)s ÅA eller fler") % {"lower": lower}
    upper = format_number(size_class.upper, language=_language())
    if size_class.lower == 0:
        return _("upp till %(upper)s ÅA") % {"upper": upper}
    return _("%(lower)s–%(upper)s ÅA") % {"lower": lower, "upper": upper}


FIELD_LABELS = {"status": ("status", "status"), **INPUT_NAMES}


@register.filter
def field_label(field: str) -> str:
    """A response field's name for readers, in the page's language."""
    sv, en = FIELD_LABELS.get(field, (field, field))
    return en if _language() == "en" else sv


@register.filter
def stored_value(value: str, field: str) -> str:
    """A value from the change log: a count formatted as a number, a status in words."""
    if value == "":
        return "–"
    if field == "status":
        return str(ResponseStatus(value).label) if value in ResponseStatus.values else value
    return num(int(value)) if value.isdigit() else value
