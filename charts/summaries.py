"""One plain-language sentence per chart, in Swedish or English, computed from the data.

The sentences state only what the data shows: values are rounded as on the page, a
missing value is "not computable" (never 0), and rises and falls are judged on the
displayed values so that the sentence agrees with the numbers beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from charts.data import Bar, Marker, Reference, Series
from charts.specs import period_order
from charts.styles import CLASS_NAMES
from charts.values import (
    display_value,
    exact,
    lowered,
    pick,
    value_with_unit,
)
from keyfigures.classification import median
from keyfigures.registry import KeyFigure

# Roles whose label is a description ("Alla myndigheter") rather than a name.
DESCRIPTIVE_ROLES = frozenset({"national", "department_median", "size_median"})


def trend_summary(
    *,
    series: Sequence[Series],
    figure: KeyFigure,
    language: str,
    markers: Sequence[Marker] = (),
    references: Sequence[Reference] = (),
) -> str:
    """How the main series (the national one if present) moved, and where the agency ended.

    "Andelen e-fakturor steg från 76 % 2019 till 94 % 2024 för alla myndigheter;
    Arbetsförmedlingen låg på 91 % 2024." Each marker adds "Markering vid 2024: …", each
    reference line "Referenslinje: …".
    """
    sentence = _trend_sentence(series=series, figure=figure, language=language)
    for marker in markers:
        lead = "Marker at" if language == "en" else "Markering vid"
        text = marker.description.rstrip(".")
        sentence += f" {lead} {marker.period_label}: {text}."
    for reference in references:
        lead = "Reference line" if language == "en" else "Referenslinje"
        sentence += f" {lead}: {reference.description.rstrip('.')}."
    return sentence


def _trend_sentence(*, series: Sequence[Series], figure: KeyFigure, language: str) -> str:
    order = period_order(series)
    with_values = [one for one in series if _computable(one, order)]
    if not with_values:
        return _no_values(figure, language)
    main = next((one for one in with_values if one.role == "national"), with_values[0])
    pairs = _computable(main, order)
    subject = _subject(figure, language)
    change = _change(pairs[0], pairs[-1], figure, language)
    en = language == "en"
    sentence = f"{subject} {change} {'for' if en else 'för'} {_who(main)}"

    agency = next((one for one in series if one.role == "agency" and one is not main), None)
    if agency is not None:
        agency_pairs = _computable(agency, order)
        if agency_pairs:
            period, end = agency_pairs[-1]
            value = value_with_unit(end, figure, language)
            sentence += (
                f"; {agency.label} was at {value} in {period}"
                if en
                else f"; {agency.label} låg på {value} {period}"
            )
        else:
            sentence += (
                f"; {agency.label} has no computable value"
                if en
                else f"; för {agency.label} finns inget beräkningsbart värde"
            )
    return sentence + "."


def compare_summary(*, series: Sequence[Series], figure: KeyFigure, language: str) -> str:
    """Highest and lowest in the latest period that has any computable value.

    "Andelen e-fakturor 2024 var högst för Skatteverket (97 %) och lägst för
    Kammarkollegiet (80 %)."
    """
    order = period_order(series)
    latest = next(
        (
            period
            for period in reversed(order)
            if any(_value_at(one, period) is not None for one in series)
        ),
        None,
    )
    if latest is None:
        return _no_values(figure, language)
    values = {one.label: value for one in series if (value := _value_at(one, latest)) is not None}
    en = language == "en"
    subject = _subject(figure, language)
    shown = {label: display_value(value, figure) for label, value in values.items()}
    high, low = max(shown.values()), min(shown.values())
    high_labels = [label for label, value in shown.items() if value == high]
    low_labels = [label for label, value in shown.items() if value == low]
    high_text = value_with_unit(values[high_labels[0]], figure, language)
    low_text = value_with_unit(values[low_labels[0]], figure, language)
    missing = len(series) - len(values)

    if len(values) == 1:
        (label,) = values
        sentence = (
            f"In {latest}, {lowered(subject)} was {high_text} for {label}; "
            "the others had no computable value"
            if en
            else f"{subject} {latest} var {high_text} för {label}; "
            "övriga saknade beräkningsbart värde"
        )
        return sentence + "."
    if high == low:
        everyone = f"all {len(values)} agencies" if en else f"alla {len(values)} myndigheter"
        sentence = (
            f"In {latest}, {lowered(subject)} was {high_text} for {everyone}"
            if en
            else f"{subject} {latest} var {high_text} för {everyone}"
        )
    else:
        sentence = (
            f"In {latest}, {lowered(subject)} was highest for {_join(high_labels, language)} "
            f"({high_text}) and lowest for {_join(low_labels, language)} ({low_text})"
            if en
            else f"{subject} {latest} var högst för {_join(high_labels, language)} "
            f"({high_text}) och lägst för {_join(low_labels, language)} ({low_text})"
        )
    if missing:
        sentence += (
            f"; {missing} of {len(series)} had no computable value"
            if en
            else f"; {missing} av {len(series)} saknade beräkningsbart värde"
        )
    return sentence + "."


def distribution_summary(
    *,
    bars: Sequence[Bar],
    figure: KeyFigure,
    language: str,
    highlight: str | None = None,
    threshold: float | None = None,
) -> str:
    """How many agencies, the classes (or how many reached ``threshold``) and the median.

    "Av 157 myndigheter med ett beräkningsbart värde hade 63 minst 95 %; medianen var
    92 %." ``threshold`` compares exact values, not rounded ones.
    """
    en = language == "en"
    n = len(bars)
    if n == 0:
        sentence = (
            f"No agency had a computable value of {lowered(_subject(figure, language))}"
            if en
            else f"Ingen myndighet hade ett beräkningsbart värde för "
            f"{lowered(_subject(figure, language))}"
        )
        return sentence + "."
    agencies = ("agency" if n == 1 else "agencies") if en else "myndighet"
    if not en and n != 1:
        agencies = "myndigheter"
    sentence = (
        f"Of {n} {agencies} with a computable value"
        if en
        else f"Av {n} {agencies} med ett beräkningsbart värde"
    )
    if threshold is not None:
        reached = sum(1 for bar in bars if exact(bar.value) >= exact(threshold))
        limit = value_with_unit(threshold, figure, language)
        sentence += f", {reached} had at least {limit}" if en else f" hade {reached} minst {limit}"
    else:
        counts = [
            (sum(1 for bar in bars if bar.css_class == css_class), css_class)
            for css_class in CLASS_NAMES
        ]
        parts = [_class_count(count, css_class, language) for count, css_class in counts]
        if en:
            # "…, 40 were green, 78 yellow and 39 red"
            count, rest = parts[0].split(" ", 1)
            parts[0] = f"{count} {'was' if counts[0][0] == 1 else 'were'} {rest}"
            sentence += f", {_join(parts, language)}"
        else:
            sentence += f" var {_join(parts, language)}"
    middle = median(Fraction(exact(bar.value)) for bar in bars)
    if middle is not None:
        text = value_with_unit(middle, figure, language)
        sentence += f"; the median was {text}" if en else f"; medianen var {text}"
    if highlight is not None:
        bar = next((bar for bar in bars if bar.label == highlight), None)
        if bar is None:
            sentence += (
                f"; {highlight} had no computable value"
                if en
                else f"; {highlight} hade inget beräkningsbart värde"
            )
        else:
            value = value_with_unit(bar.value, figure, language)
            class_name = pick(CLASS_NAMES[bar.css_class], language)
            sentence += (
                f"; {highlight} was at {value} ({class_name})"
                if en
                else f"; {highlight} låg på {value} ({class_name})"
            )
    return sentence + "."


def _subject(figure: KeyFigure, language: str) -> str:
    """The figure's name as the subject of a sentence: "Andelen e-fakturor"."""
    name = figure.name(language)
    if language == "en":
        return "The s" + name[1:] if name.startswith("Share ") else name
    return "Andelen " + name[len("Andel ") :] if name.startswith("Andel ") else name


def _no_values(figure: KeyFigure, language: str) -> str:
    subject = lowered(_subject(figure, language))
    if language == "en":
        return f"There are no computable values of {subject} to show."
    return f"Det finns inga beräkningsbara värden för {subject} att visa."


def _computable(series: Series, order: Sequence[str]) -> list[tuple[str, float]]:
    """The (period, value) pairs that have a value, in the chart's period order."""
    position = {period: index for index, period in enumerate(order)}
    pairs = [(p.period_label, p.value) for p in series.points if p.value is not None]
    return sorted(pairs, key=lambda pair: position[pair[0]])


def _value_at(series: Series, period: str) -> float | None:
    return next((p.value for p in series.points if p.period_label == period), None)


def _change(
    first: tuple[str, float], last: tuple[str, float], figure: KeyFigure, language: str
) -> str:
    (first_period, first_value), (last_period, last_value) = first, last
    start = value_with_unit(first_value, figure, language)
    end = value_with_unit(last_value, figure, language)
    en = language == "en"
    if first_period == last_period:
        return f"was {end} in {last_period}" if en else f"var {end} {last_period}"
    before = display_value(first_value, figure)
    after = display_value(last_value, figure)
    if before == after:
        return (
            f"was {end} in both {first_period} and {last_period}"
            if en
            else f"var {end} både {first_period} och {last_period}"
        )
    if en:
        verb = "rose" if after > before else "fell"
        return f"{verb} from {start} in {first_period} to {end} in {last_period}"
    verb = "steg" if after > before else "sjönk"
    return f"{verb} från {start} {first_period} till {end} {last_period}"


def _who(series: Series) -> str:
    return lowered(series.label) if series.role in DESCRIPTIVE_ROLES else series.label


def _class_count(count: int, css_class: str, language: str) -> str:
    name = pick(CLASS_NAMES[css_class], language)
    if language == "en":
        return f"{count} {name}"
    plural = {"grön": "gröna", "gul": "gula", "röd": "röda"}
    return f"{count} {name if count == 1 else plural[name]}"


def _join(items: Sequence[str], language: str) -> str:
    if len(items) == 1:
        return items[0]
    conjunction = " and " if language == "en" else " och "
    return ", ".join(items[:-1]) + conjunction + items[-1]
