"""The business-value page's reads and form: peer targets from published results only.

The calculation itself is pure and lives in learning/value.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from keyfigures import selectors
from keyfigures.registry import KEY_FIGURES, KeyFigure
from learning.value import ASSUMPTIONS, upper_quartile
from register.size_classes import SizeClass
from surveys.models import Round

ASSUMPTION_MAX = Decimal(1_000_000)


@dataclass(frozen=True)
class PeerTarget:
    """The upper quartile of one key figure among the agencies in a size class."""

    figure: KeyFigure
    target: Fraction | None  # in the figure's unit: percent, or e-orders per 100 ÅA
    n_peers: int  # agencies in the size class with a computable value, the agency included


def value_peer_targets(*, round_: Round, size_class: SizeClass | None) -> dict[str, PeerTarget]:
    """figure slug -> the upper quartile of the size class in the round's published version.

    Exact: each value is recomputed from its stored numerator and denominator, not from
    the rounded stored value.
    """
    values: dict[str, list[Fraction]] = {figure.slug: [] for figure in KEY_FIGURES}
    if size_class is not None:
        for row in selectors.round_result_rows(round_=round_):
            if row.size_class != size_class:
                continue
            for figure in KEY_FIGURES:
                result = row.results.get(figure.slug)
                if (
                    result is None
                    or result.value is None
                    or result.numerator is None
                    or not result.denominator
                ):
                    continue
                values[figure.slug].append(
                    Fraction(figure.scale * result.numerator, result.denominator)
                )
    return {
        figure.slug: PeerTarget(
            figure=figure,
            target=upper_quartile(values[figure.slug]),
            n_peers=len(values[figure.slug]),
        )
        for figure in KEY_FIGURES
    }


class AssumptionsForm(forms.Form):
    """One number field per assumption; read from the query string, stored nowhere."""

    def __init__(self, *args: Any, language: str = "sv", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for assumption in ASSUMPTIONS:
            self.fields[assumption.key] = forms.DecimalField(
                label=assumption.label(language),
                min_value=Decimal(0),
                max_value=ASSUMPTION_MAX,
                decimal_places=2,
                max_digits=12,
                localize=True,
                initial=assumption.value,
                error_messages={
                    "required": gettext_lazy("Ange ett värde."),
                    "invalid": gettext_lazy("Ange ett tal, till exempel 8 eller 8,5."),
                    "min_value": gettext_lazy("Ange ett tal som är 0 eller större."),
                    "max_value": gettext_lazy("Ange ett tal som är högst 1 000 000."),
                    "max_decimal_places": gettext_lazy("Ange högst två decimaler."),
                    "max_digits": gettext_lazy("Ange ett kortare tal."),
                    "max_whole_digits": gettext_lazy("Ange ett kortare tal."),
                },
            )
            self.fields[assumption.key].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
            )


def assumptions_form_for(query: Any, *, language: str) -> AssumptionsForm:
    """Bound to the query string when it carries any assumption, otherwise the defaults."""
    if any(assumption.key in query for assumption in ASSUMPTIONS):
        # an assumption left out of the address keeps its default; an empty one is an error
        data = {a.key: query.get(a.key) if a.key in query else str(a.value) for a in ASSUMPTIONS}
        return AssumptionsForm(data, language=language)
    return AssumptionsForm(language=language)
