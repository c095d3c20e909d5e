"""Template helpers for links to the open-data files."""

from __future__ import annotations

from fractions import Fraction

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from keyfigures.formatting import format_number
from opendata.services import file_name
from surveys.models import Round

register = template.Library()


@register.simple_tag
def round_file_url(round: Round, fmt: str) -> str:
    """The download URL of a round's file in one format."""
    name = file_name(scope="round", fmt=fmt, slug=round.slug)
    return reverse("opendata-files:round-file", args=[round.slug, name])


@register.simple_tag
def all_file_url(fmt: str) -> str:
    return reverse("opendata-files:all-file", args=[fmt])


@register.simple_tag
def round_file_name(round: Round, fmt: str) -> str:
    return file_name(scope="round", fmt=fmt, slug=round.slug)


@register.filter
def file_size(size: int | None) -> str:
    """A file size in kB or MB, for the download lists ("" when not built yet)."""
    if not size:
        return ""
    language = "en" if (get_language() or "sv").startswith("en") else "sv"
    if size < 1_000_000:
        return f"{format_number(max(1, round(size / 1000)), language=language)}\u00a0kB"
    return f"{format_number(Fraction(size, 1_000_000), decimals=1, language=language)}\u00a0MB"
