"""Template tags that put practices on other apps' pages, and the filters their
templates use."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from keyfigures.registry import KeyFigure
from practices.measured import RoundValue
from practices.models import Practice
from practices.selectors import agency_practice_items, theme_labels
from public.templatetags.uppfoljning import figure_name, figval
from register.models import Agency

register = template.Library()


@register.inclusion_tag("practices/_agency_practices.html", takes_context=True)
def agency_practices(context: template.Context, agency: Agency) -> dict[str, Any]:
    """The agency's published practices with the measured change of each aimed key
    figure. Reuses the page's ``history`` (keyfigures.selectors.agency_history) if it
    has one."""
    history = context.get("history")
    items = agency_practice_items(
        agency=agency, history=history if isinstance(history, list) else None
    )
    return {"items": items, "agency": agency}


def state_text(state: str) -> str:
    texts = {
        "not_computable": _("ej beräkningsbart"),
        "not_answered": _("ej besvarad"),
        "not_applicable": _("ej tillämplig"),
        "missing": _("inte med i omgången"),
    }
    return texts.get(state, _("ej beräkningsbart"))


@register.filter
def round_value(value: RoundValue | None, figure: KeyFigure) -> str:
    """ "2023: 10 %", or why a round has no value."""
    if value is None:
        return _("Ingen publicerad omgång före start")
    shown = figval(value.value, figure) if value.value is not None else state_text(value.state)  # type: ignore[arg-type]
    return f"{value.label}: {shown}"


@register.filter
def practice_themes(practice: Practice) -> str:
    return ", ".join(theme_labels(practice))


@register.filter
def practice_figures(practice: Practice) -> str:
    from keyfigures.registry import KEY_FIGURES

    return ", ".join(figure_name(f) for f in KEY_FIGURES if f.slug in practice.figures)
