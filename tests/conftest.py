"""Shared fixtures. The memorable fixture agencies live in tests/world.py."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.world import world

__all__ = ["swedish_by_default", "world"]


@pytest.fixture(autouse=True)
def swedish_by_default() -> Iterator[None]:
    """Each test starts in Swedish: a request to /en/ must not leak English into the next."""
    with translation.override("sv"):
        yield
