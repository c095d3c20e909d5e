"""Vega-Lite → SVG on the server with vl-convert, made accessible for inline use.

vl-convert bundles Vega and Vega-Lite and runs them in-process: nothing is fetched at
run time. Text stays as ``<text>`` elements with a generic font list, so the SVG needs
no font files; vl-convert measures the labels with DejaVu Sans (installed with
``fonts-dejavu-core``, which WeasyPrint needs too).

The whole SVG is one ``role="img"`` named by its own ``<title>`` and ``<desc>``. Vega's
ARIA roles inside it are removed (they would be hidden by ``role="img"`` anyway, and
axe flags the unnamed mark groups); each mark's description becomes a ``<title>`` child,
which browsers show as a tooltip: "Skatteverket: 97 %, grön".

The conversion is cached per process on the canonical JSON of the spec and the
language, because the same published chart is drawn on every request. The per-chart
part (ids, ``<title>``, ``<desc>``, sizing) is cheap string work done per call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from html import escape
from typing import Any, Final

from charts.exceptions import ChartDataError
from keyfigures.formatting import MINUS, NBSP

VEGA_LITE_VERSION: Final = "6.4"
ROOT_FONT_PX: Final = 16  # the browsers' default 1rem
CACHE_SIZE: Final = 512  # an entry is at most ~70 kB (157 bars: key + SVG), ~35 MB when full

# d3-format locales, written out rather than looked up so that the chart axes format
# numbers exactly as keyfigures.formatting does: a no-break space between thousands,
# a decimal comma and a real minus sign in Swedish.
FORMAT_LOCALES: Final[Mapping[str, Mapping[str, Any]]] = {
    "sv": {
        "decimal": ",",
        "thousands": NBSP,
        "grouping": [3],
        "currency": ["", NBSP + "kr"],
        "minus": MINUS,
        "percent": NBSP + "%",
    },
    "en": {
        "decimal": ".",
        "thousands": ",",
        "grouping": [3],
        "currency": ["", " SEK"],
        "minus": MINUS,
        "percent": "%",
    },
}

_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_ROOT = re.compile(r"<svg\b[^>]*>")
_VIEWBOX = re.compile(r'\bviewBox="([^"]*)"')
_INNER_ID = re.compile(r'\bid="([^"]+)"')
_ARIA_ROLE = re.compile(r' (?:role|aria-roledescription)="[^"]*"')
_TAG = re.compile(r"<[^>]+>")
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{3,}")
_DESCRIBED = re.compile(r'<(\w+)([^>]*?) aria-label="([^"]*)"([^>]*?)(/?)>')


def render_svg(
    spec: Mapping[str, Any],
    *,
    language: str,
    element_id: str,
    title: str,
    description: str,
) -> str:
    """The chart as an accessible inline SVG.

    The root is ``role="img"`` labelled by a ``<title>`` and a ``<desc>`` whose ids
    start with ``element_id`` (so use one id per chart and page), keeps its viewBox and
    has no fixed size: it fills its container and keeps its proportions.
    """
    if not _ELEMENT_ID.match(element_id):
        raise ChartDataError(f"{element_id!r} is not a usable HTML id.")
    svg = convert(canonical_json(spec), "en" if language == "en" else "sv")
    return _make_accessible(svg, element_id=element_id, title=title, description=description)


def canonical_json(spec: Mapping[str, Any]) -> str:
    """One string per spec, whatever the key order: the cache key."""
    return json.dumps(
        spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


@lru_cache(maxsize=CACHE_SIZE)
def convert(spec_json: str, language: str) -> str:
    """The SVG from vl-convert with its mark descriptions as tooltips; cached.

    ``allowed_base_urls=[]`` makes a spec that points at a URL fail instead of fetching.
    """
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(
        spec_json,
        vl_version=VEGA_LITE_VERSION,
        format_locale=dict(FORMAT_LOCALES[language]),
        time_format_locale="sv-SE" if language == "sv" else "en-US",
        allowed_base_urls=[],
    )
    svg = _DESCRIBED.sub(_description_to_title, _ARIA_ROLE.sub("", svg))
    return _TAG.sub(_round_coordinates, svg)  # after the descriptions have left the tags


def _round_coordinates(tag: re.Match[str]) -> str:
    """Coordinates to 1/100 px inside tags (text is left alone).

    Vega writes float noise such as 57.599999999999994: it bloats the page and looks
    like data to anyone searching the HTML for a number.
    """
    return _LONG_DECIMAL.sub(lambda number: f"{float(number.group(0)):.2f}", tag.group(0))


def _description_to_title(match: re.Match[str]) -> str:
    tag, before, label, after, closed = match.groups()
    if label.startswith(("Title text", "Subtitle text")):
        # Vega's own wording for the chart title; the SVG's <title> already names it.
        opening = f"<{tag}{before}{after}>"
        return f"{opening}</{tag}>" if closed else opening
    # The label is already escaped as an attribute, which is valid as element text too.
    opening = f"<{tag}{before}{after}><title>{label}</title>"
    return f"{opening}</{tag}>" if closed else opening


def _make_accessible(svg: str, *, element_id: str, title: str, description: str) -> str:
    root = _ROOT.search(svg)
    viewbox = _VIEWBOX.search(root.group(0)) if root else None
    if root is None or viewbox is None:
        raise ChartDataError("vl-convert returned an SVG without a viewBox.")
    # Ids inside one chart (clip paths, gradients) must not clash with another chart's.
    body = svg[root.end() :]
    for inner in sorted(set(_INNER_ID.findall(body)), key=len, reverse=True):
        scoped = f"{element_id}-{inner}"
        body = body.replace(f'id="{inner}"', f'id="{scoped}"')
        body = body.replace(f"url(#{inner})", f"url(#{scoped})")
        body = body.replace(f'href="#{inner}"', f'href="#{scoped}"')
    title_id = f"{element_id}-title"
    desc_id = f"{element_id}-desc"
    view_box = viewbox.group(1)
    # Fill the container but never grow past the drawn size (in rem, so it follows the
    # reader's font size): shrinking is fine at 320 px, blowing the text up is not.
    natural_width = float(view_box.split()[2]) / ROOT_FONT_PX
    opening = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" class="chart-svg" viewBox="{view_box}" width="100%" '
        f'style="max-width: {natural_width:.2f}rem" '
        'preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" focusable="false">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
    )
    return opening + body
