"""The sentences that explain a similar agency or a recommendation, by language."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from keyfigures.formatting import format_number
from keyfigures.registry import KeyFigure
from learning.recommend import Recommendation
from learning.similarity import Comparison, Profile, Similar

NBSP = "\u00a0"


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _num(value: int | Fraction) -> str:
    return format_number(value, language=_language())


def figure_amount(value: Fraction, figure: KeyFigure) -> str:
    """A level or a difference of a key figure, in its unit (p.e. for shares)."""
    text = format_number(value, decimals=figure.display_decimals, language=_language())
    if figure.unit == "percent":
        points = _("procentenheter")
        return f"{text}{NBSP}{points}"
    return text


def figure_level(value: Fraction, figure: KeyFigure) -> str:
    text = format_number(value, decimals=figure.display_decimals, language=_language())
    if figure.unit == "percent":
        return f"{text}{NBSP}%" if _language() == "sv" else f"{text}%"
    return text


def similar_reason(item: Similar, target: Profile) -> str:
    """For example "liknande storlek (420 ÅA mot 380), samma departement"."""
    assert item.profile.fte is not None
    assert target.fte is not None
    assert item.profile.supplier_invoices is not None
    assert target.supplier_invoices is not None
    size = {"theirs": _num(item.profile.fte), "ours": _num(target.fte)}
    volume = {
        "theirs": _num(item.profile.supplier_invoices),
        "ours": _num(target.supplier_invoices),
    }
    size_text = {
        Comparison.SIMILAR: _("liknande storlek (%(theirs)s ÅA mot %(ours)s)"),
        Comparison.LARGER: _("större (%(theirs)s ÅA mot %(ours)s)"),
        Comparison.SMALLER: _("mindre (%(theirs)s ÅA mot %(ours)s)"),
    }[item.size] % size
    volume_text = {
        Comparison.SIMILAR: _(
            "liknande fakturavolym (%(theirs)s leverantörsfakturor mot %(ours)s)"
        ),
        Comparison.LARGER: _("fler leverantörsfakturor (%(theirs)s mot %(ours)s)"),
        Comparison.SMALLER: _("färre leverantörsfakturor (%(theirs)s mot %(ours)s)"),
    }[item.volume] % volume
    department = _("samma departement") if item.same_department else _("annat departement")
    return f"{size_text}, {volume_text}, {department}"


def recommendation_reason(
    recommendation: Recommendation,
    *,
    figure: KeyFigure,
    own_value: Fraction | None,
    same_department: bool,
    same_size: bool,
) -> str:
    """One sentence: why this agency (similarity), and what it did (level, improvement)."""
    candidate = recommendation.candidate
    if candidate.tier == 0:
        parts = [_("En av de mest liknande myndigheterna")]
    elif same_department and same_size:
        parts = [_("Samma departement och storleksklass")]
    elif same_department:
        parts = [_("Samma departement")]
    else:
        parts = [_("Samma storleksklass")]
    if recommendation.gap is not None and candidate.value is not None and own_value is not None:
        parts.append(
            _("ligger %(gap)s före (%(theirs)s mot %(ours)s)")
            % {
                "gap": figure_amount(recommendation.gap, figure),
                "theirs": figure_level(candidate.value, figure),
                "ours": figure_level(own_value, figure),
            }
        )
    if recommendation.improvement is not None:
        parts.append(
            _("förbättrades med %(change)s sedan föregående jämförbara omgång")
            % {"change": figure_amount(recommendation.improvement, figure)}
        )
    return "; ".join(parts) + "."
