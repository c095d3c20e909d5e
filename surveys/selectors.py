"""Reads of rounds and responses."""

from __future__ import annotations

from django.db.models import QuerySet

from surveys.models import Round, RoundStatus


def demo_mode_active() -> bool:
    """True while any round holds simulated values: every page must then say so."""
    return Round.objects.filter(is_simulated=True).exists()


def round_list_public() -> QuerySet[Round]:
    """Published rounds, oldest first. Nothing unpublished is ever public."""
    return Round.objects.filter(status=RoundStatus.PUBLISHED).order_by("year", "period_type")


def round_get_public(*, slug: str) -> Round | None:
    return round_list_public().filter(slug=slug).first()
