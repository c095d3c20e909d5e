"""Errors the charts app raises for input it cannot draw honestly."""

from __future__ import annotations


class ChartDataError(ValueError):
    """The chart input is inconsistent: an unknown role or class, duplicate labels, NaN…"""
