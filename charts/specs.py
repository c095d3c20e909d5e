"""Vega-Lite specifications as plain dicts, one function per chart type.

The specs carry only data and presentation; the number locale is passed to the renderer
(see ``charts.render``), so one spec renders the same way for the web page and the PDF.
Nothing here is fetched: the data is inline and ``$schema`` is only a label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

from charts.data import Bar, Marker, Reference, Series
from charts.exceptions import ChartDataError
from charts.styles import (
    AXIS_COLOUR,
    BACKGROUND,
    CLASS_COLOURS,
    CLASS_NAMES,
    CYCLE_STYLES,
    FONT,
    GRID_COLOUR,
    HIGHLIGHT_SHAPE,
    REFERENCE_COLOUR,
    ROLE_STYLES,
    TEXT_COLOUR,
    MarkStyle,
)
from charts.values import (
    capitalised,
    is_percent,
    percent_suffix,
    pick,
    value_text,
    value_with_unit,
)
from keyfigures.registry import KeyFigure

Spec = dict[str, Any]

SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH: Final = 400  # the plot area; the SVG scales down to the page (see render.py)
HEIGHT: Final = 240
FONT_SIZE: Final = 13
TITLE_SIZE: Final = 15
COMPARE_MIN: Final = 2
COMPARE_MAX: Final = len(CYCLE_STYLES)
NAMED_BARS_MAX: Final = 25  # above this the agency names move from the axis to the table
SHORT_PERIOD: Final = 7  # period labels up to this length are written horizontally

PERIOD_TITLE: Final = ("Period", "Period")
AGENCIES_SORTED: Final = ("Myndigheter, sorterade efter värde", "Agencies, sorted by value")
CLASS_TITLE: Final = ("Klass", "Class")
NATIONAL_KEY: Final = (
    "Streckad linje: alla myndigheter tillsammans, {value}",
    "Dashed line: all agencies together, {value}",
)
MARKER_COLOUR: Final = TEXT_COLOUR
MARKER_ROW: Final = FONT_SIZE + 3  # the height of one row of marker labels
HIGHLIGHT_KEY: Final = ("Svart triangel: {label}, {value}", "Black triangle: {label}, {value}")
CLASS_RUN: Final = ("{name}: {count}", "{name}: {count}")


def trend_spec(
    *,
    series: Sequence[Series],
    figure: KeyFigure,
    language: str,
    title: str,
    markers: Sequence[Marker] = (),
    references: Sequence[Reference] = (),
) -> Spec:
    """A line chart with points over the periods, one line per series.

    Each role (agency, national, medians, other) has its own colour, dash pattern and
    point shape; a role used twice takes the next unused style of the cycle. Each of
    ``markers`` is a dotted vertical rule at its period with its label at the top; each of
    ``references`` a dash-dotted horizontal rule at its level, labelled at the right.
    """
    spec = _line_spec(
        series=series,
        styles=_role_styles(series),
        figure=figure,
        language=language,
        title=title,
        extra_values=[reference.value for reference in references],
    )
    if references:
        spec = _with_references(spec, references)
    if markers:
        spec = _with_markers(spec, markers)
    return spec


def _nested_lines(spec: Spec) -> list[Spec]:
    """The chart's layers with the line layers (and their shared encoding) as the first,
    so rules and labels can sit beside them outside the legend."""
    if "encoding" in spec:
        return [{"encoding": spec.pop("encoding"), "layer": spec.pop("layer")}]
    layers: list[Spec] = spec.pop("layer")
    return layers


def _with_references(spec: Spec, references: Sequence[Reference]) -> Spec:
    rows = [
        {"value": reference.value, "label": reference.label, "description": reference.description}
        for reference in references
    ]
    y = {"field": "value", "type": "quantitative"}
    spec["layer"] = [
        *_nested_lines(spec),
        {
            "data": {"values": rows},
            "mark": {
                "type": "rule",
                "stroke": REFERENCE_COLOUR,
                "strokeWidth": 1.5,
                "strokeDash": [8, 3, 2, 3],
                "aria": True,
            },
            "encoding": {"y": y, "description": {"field": "description", "type": "nominal"}},
        },
        {
            "data": {"values": rows},
            "mark": {
                "type": "text",
                "align": "right",
                "baseline": "bottom",
                "dy": -3,
                "fontSize": FONT_SIZE - 1,
                "color": TEXT_COLOUR,
                "limit": WIDTH // 2,
            },
            "encoding": {"y": y, "x": {"value": WIDTH}, "text": {"field": "label"}},
        },
    ]
    return spec


def _with_markers(spec: Spec, markers: Sequence[Marker]) -> Spec:
    """The line layers keep their encoding in a nested layer; the rules and labels sit
    beside them on the same period scale, outside the legend."""
    lines_encoding = spec["encoding"] if "encoding" in spec else spec["layer"][0]["encoding"]
    periods = lines_encoding["x"]["sort"]
    unknown = [m.period_label for m in markers if m.period_label not in periods]
    if unknown:
        raise ChartDataError(f"Markers at periods the chart does not show: {unknown!r}.")
    rows: list[Spec] = []
    label_rows = 0
    for index, marker in enumerate(markers):
        # Markers at the same period stack their labels downwards.
        row = sum(1 for m in markers[:index] if m.period_label == marker.period_label)
        label_rows = max(label_rows, row + 1)
        rows.append(
            {
                "period": marker.period_label,
                "label": marker.label,
                "row": row,
                # A label at the last period would run out of the plot: it goes left.
                "align": "right" if marker.period_label == periods[-1] else "left",
                "description": marker.description,
            }
        )
    x = {"field": "period", "type": "ordinal", "sort": periods, "scale": {"domain": periods}}
    spec["layer"] = [
        *_nested_lines(spec),
        {
            "data": {"values": rows},
            "mark": {
                "type": "rule",
                "stroke": MARKER_COLOUR,
                "strokeWidth": 1.5,
                "strokeDash": [2, 3],
                "aria": True,
            },
            "encoding": {"x": x, "description": {"field": "description", "type": "nominal"}},
        },
        *(_marker_labels(rows, x, align) for align in ("left", "right")),
    ]
    spec["config"]["title"]["offset"] += label_rows * MARKER_ROW
    return spec


def compare_spec(*, series: Sequence[Series], figure: KeyFigure, language: str, title: str) -> Spec:
    """A line chart comparing 2–10 agencies; each gets its own dash pattern and shape."""
    if not COMPARE_MIN <= len(series) <= COMPARE_MAX:
        raise ChartDataError(
            f"A comparison takes {COMPARE_MIN}–{COMPARE_MAX} series, not {len(series)}."
        )
    return _line_spec(
        series=series,
        styles=list(CYCLE_STYLES[: len(series)]),
        figure=figure,
        language=language,
        title=title,
    )


def distribution_spec(
    *,
    bars: Sequence[Bar],
    figure: KeyFigure,
    language: str,
    title: str,
    highlight: str | None = None,
    national_total: float | None = None,
) -> Spec:
    """One bar per agency, best first, filled by quartile class.

    The class is never colour alone: the legend names the classes, each bar's description
    says its class, and the class runs are labelled under the axis (or, with few bars,
    in the agency's axis label). The national total is a dashed rule and ``highlight``
    (an agency label) gets a black triangle; both are explained in the subtitle.
    """
    _check_unique((bar.label for bar in bars), "bar")
    ordered = sort_bars(bars, figure)
    named = len(ordered) <= NAMED_BARS_MAX
    rows = []
    for bar in ordered:
        class_name = pick(CLASS_NAMES[bar.css_class], language)
        text = value_text(bar.value, figure, language)
        rows.append(
            {
                "agency": f"{bar.label} ({class_name})" if named else bar.label,
                "value": bar.value,
                "class_name": capitalised(class_name),
                "description": f"{bar.label}: {text}, {class_name}",
            }
        )
    agencies = [row["agency"] for row in rows]
    class_domain = [capitalised(pick(CLASS_NAMES[c], language)) for c in CLASS_COLOURS]
    y = _y_encoding(figure, language, [bar.value for bar in bars] + _maybe(national_total))

    def x(field: str, axis: Spec | None = None) -> Spec:
        # Every layer positions on the same band scale of agencies, best first.
        encoding: Spec = {"field": field, "type": "nominal", "sort": agencies}
        encoding["scale"] = {"domain": agencies, "paddingInner": 0.15}
        if axis is not None:
            encoding["axis"] = axis
        return encoding

    layers: list[Spec] = [
        {
            "mark": {"type": "bar", "aria": True},
            "encoding": {
                "x": x(
                    "agency",
                    {
                        "title": pick(AGENCIES_SORTED, language),
                        "labels": named,
                        "ticks": named,
                        "labelAngle": -45,
                        "labelLimit": 180,
                        "titlePadding": 8 if named else 34,
                    },
                ),
                "y": y,
                "color": {
                    "field": "class_name",
                    "type": "nominal",
                    "scale": {"domain": class_domain, "range": list(CLASS_COLOURS.values())},
                    "legend": {"title": pick(CLASS_TITLE, language), "direction": "horizontal"},
                },
                "description": {"field": "description", "type": "nominal"},
            },
        }
    ]
    subtitle: list[str] = []

    if national_total is not None:
        layers.append(
            {
                "data": {"values": [{"value": national_total}]},
                "mark": {
                    "type": "rule",
                    "stroke": REFERENCE_COLOUR,
                    "strokeWidth": 2,
                    "strokeDash": [6, 4],
                },
                "encoding": {"y": y},
            }
        )
        subtitle.append(
            pick(NATIONAL_KEY, language).format(
                value=value_with_unit(national_total, figure, language)
            )
        )

    highlighted = next((i for i, bar in enumerate(ordered) if bar.label == highlight), None)
    if highlighted is not None:
        bar = ordered[highlighted]
        layers.append(
            {
                "transform": [{"filter": {"field": "agency", "equal": agencies[highlighted]}}],
                "mark": {
                    "type": "point",
                    "shape": HIGHLIGHT_SHAPE,
                    "filled": True,
                    "color": REFERENCE_COLOUR,
                    "size": 110,
                    "yOffset": -9,
                    "opacity": 1,
                },
                "encoding": {"x": x("agency"), "y": y},
            }
        )
        subtitle.append(
            pick(HIGHLIGHT_KEY, language).format(
                label=bar.label, value=value_with_unit(bar.value, figure, language)
            )
        )

    if not named and ordered:
        layers.extend(_class_run_layers(ordered, language, x))

    spec = _base(title, subtitle)
    spec["data"] = {"values": rows}
    spec["layer"] = layers
    return spec


def sort_bars(bars: Iterable[Bar], figure: KeyFigure) -> list[Bar]:
    """Best first (by the figure's direction), ties by label, as in the chart and table."""
    sign = -1 if figure.higher_is_better else 1
    return sorted(bars, key=lambda bar: (sign * bar.value, bar.label.casefold()))


def period_order(series: Iterable[Series]) -> list[str]:
    """All periods, each series' order kept, ties broken by first appearance.

    A stable topological merge, so sparse series (2019, 2021 and 2020, 2021) interleave
    correctly; series that disagree about the order are an error.
    """
    first_seen: dict[str, int] = {}
    successors: dict[str, set[str]] = {}
    for one in series:
        previous: str | None = None
        for point in one.points:
            period = point.period_label
            first_seen.setdefault(period, len(first_seen))
            successors.setdefault(period, set())
            if previous is not None:
                successors[previous].add(period)
            previous = period
    waiting = dict.fromkeys(first_seen, 0)
    for targets in successors.values():
        for target in targets:
            waiting[target] += 1
    ready = sorted((p for p, n in waiting.items() if n == 0), key=first_seen.__getitem__)
    order: list[str] = []
    while ready:
        period = ready.pop(0)
        order.append(period)
        for target in successors[period]:
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
        ready.sort(key=first_seen.__getitem__)
    if len(order) != len(first_seen):
        raise ChartDataError("The series list their periods in conflicting orders.")
    return order


def _line_spec(
    *,
    series: Sequence[Series],
    styles: Sequence[MarkStyle],
    figure: KeyFigure,
    language: str,
    title: str,
    extra_values: Sequence[float] = (),
) -> Spec:
    _check_unique((one.label for one in series), "series")
    periods = period_order(series)
    labels = [one.label for one in series]
    rows = []
    values: list[float] = []
    for one in series:
        by_period = {point.period_label: point.value for point in one.points}
        for period in periods:
            value = by_period.get(period)
            rows.append(
                {
                    "period": period,
                    "series": one.label,
                    "value": value,
                    "description": f"{one.label}, {period}: {value_text(value, figure, language)}",
                }
            )
            values.extend(_maybe(value))

    def channel(key: str, scale_range: list[Any]) -> Spec:
        return {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": labels, "range": scale_range},
            "legend": {"title": None} if key == "color" else None,
        }

    short = all(len(period) <= SHORT_PERIOD for period in periods)
    spec = _base(title, [])
    spec["data"] = {"values": rows}
    spec["encoding"] = {
        "x": {
            "field": "period",
            "type": "ordinal",
            "sort": periods,
            "scale": {"domain": periods},
            "axis": {
                "title": pick(PERIOD_TITLE, language),
                "labelAngle": 0 if short else -40,
                "labelLimit": 160,
            },
        },
        "y": _y_encoding(figure, language, [*values, *extra_values]),
        "color": channel("color", [style.colour for style in styles]),
        "strokeDash": channel("strokeDash", [list(style.dash) for style in styles]),
        "shape": channel("shape", [style.shape for style in styles]),
    }
    spec["layer"] = [
        # A missing value breaks the line instead of joining its neighbours.
        {"mark": {"type": "line", "strokeWidth": 2.5, "invalid": "break-paths-show-domains"}},
        {
            "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1, "aria": True},
            "encoding": {"description": {"field": "description", "type": "nominal"}},
        },
    ]
    return spec


def _marker_labels(rows: list[Spec], x: Spec, align: str) -> Spec:
    return {
        "data": {"values": rows},
        "transform": [
            {"filter": {"field": "align", "equal": align}},
            # Above the plot, in room made under the title: never over the lines.
            {"calculate": f"-4 - datum.row * {MARKER_ROW}", "as": "y"},
        ],
        "mark": {
            "type": "text",
            "align": align,
            "baseline": "bottom",
            "dx": 4 if align == "left" else -4,
            "fontSize": FONT_SIZE - 1,
            "color": TEXT_COLOUR,
            "limit": WIDTH // 2,
        },
        "encoding": {
            "x": x,
            "y": {"field": "y", "type": "quantitative", "scale": None},
            "text": {"field": "label"},
        },
    }


def _role_styles(series: Sequence[Series]) -> list[MarkStyle]:
    """The role's style; a repeated role takes the first cycle style not yet in use."""
    styles: list[MarkStyle] = []
    for one in series:
        style = ROLE_STYLES[one.role]
        if _used(style, styles):
            style = next(s for s in CYCLE_STYLES if not _used(s, styles))
        styles.append(style)
    return styles


def _used(style: MarkStyle, styles: Sequence[MarkStyle]) -> bool:
    return any(s.dash == style.dash or s.shape == style.shape for s in styles)


def _y_encoding(figure: KeyFigure, language: str, values: Sequence[float]) -> Spec:
    axis: Spec = {"title": figure.name(language), "tickCount": 5, "titlePadding": 10}
    scale: Spec
    if is_percent(figure):
        # 0–100 unless the data says otherwise; the values stay in percent units so the
        # suffix is appended to the locale-formatted number ("20 %" or "20%").
        low = min([0.0, *values])
        high = max([100.0, *values])
        scale = {"domain": [low, high], "nice": True}
        suffix = percent_suffix(language)
        axis["labelExpr"] = f"format(datum.value, ',~f') + '{suffix}'"
    else:
        scale = {"zero": True, "nice": True}
        if not values:
            scale["domain"] = [0, 100]
        axis["format"] = ",~f"
    return {"field": "value", "type": "quantitative", "scale": scale, "axis": axis}


def _class_run_layers(
    ordered: Sequence[Bar], language: str, x: Callable[[str], Spec]
) -> list[Spec]:
    """Brackets and names under the axis for each run of bars of one class."""
    runs: list[Spec] = []
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index].css_class != ordered[start].css_class:
            name = capitalised(pick(CLASS_NAMES[ordered[start].css_class], language))
            runs.append(
                {
                    "first": ordered[start].label,
                    "last": ordered[index - 1].label,
                    "middle": ordered[(start + index - 1) // 2].label,
                    "text": pick(CLASS_RUN, language).format(name=name, count=index - start),
                }
            )
            start = index
    return [
        {
            "data": {"values": runs},
            "mark": {"type": "rule", "stroke": AXIS_COLOUR, "strokeWidth": 1.5},
            "encoding": {
                "x": x("first"),
                "x2": {"field": "last"},
                "y": {"value": HEIGHT + 7},
            },
        },
        {
            "data": {"values": runs},
            "mark": {
                "type": "text",
                "baseline": "top",
                "fontSize": FONT_SIZE,
                "color": TEXT_COLOUR,
            },
            "encoding": {
                "x": x("middle"),
                "y": {"value": HEIGHT + 11},
                "text": {"field": "text"},
            },
        },
    ]


def _base(title: str, subtitle: list[str]) -> Spec:
    title_spec: Spec = {"text": title}
    if subtitle:
        title_spec["subtitle"] = subtitle
    return {
        "$schema": SCHEMA,
        "title": title_spec,
        "width": WIDTH,
        "height": HEIGHT,
        "background": BACKGROUND,
        "config": {
            "font": FONT,
            # Vega would describe axes and legends in English; the SVG is one image with
            # a Swedish or English <title> and <desc> instead (see render.py).
            "aria": False,
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": FONT_SIZE,
                "titleFontSize": FONT_SIZE,
                "titleFontWeight": "normal",
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "domainColor": AXIS_COLOUR,
                "tickColor": AXIS_COLOUR,
                "gridColor": GRID_COLOUR,
            },
            "axisX": {"grid": False},
            "legend": {
                "orient": "bottom",
                "direction": "vertical",
                "labelFontSize": FONT_SIZE,
                "titleFontSize": FONT_SIZE,
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "labelLimit": 400,
                "symbolSize": 120,
                "symbolStrokeWidth": 2,
            },
            "title": {
                "anchor": "start",
                "fontSize": TITLE_SIZE,
                "subtitleFontSize": FONT_SIZE,
                "color": TEXT_COLOUR,
                "subtitleColor": TEXT_COLOUR,
                "offset": 12,
            },
        },
    }


def _check_unique(labels: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise ChartDataError(f"Two {what} labels are both {label!r}; labels must be unique.")
        seen.add(label)


def _maybe(value: float | None) -> list[float]:
    return [] if value is None else [value]
