"""Shared fixtures. The memorable fixture agencies live in tests/world.py."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.world import world

__all__ = ["swedish_by_default", "world"]


@pytest.fixture(autouse=True)
def reports_built_on_request(settings) -> None:
    """Publishing would start the report builder: a thread with its own connection that
    outlives the test (PostgreSQL then cannot drop the test database) and takes seconds
    of WeasyPrint. tests/reports turns it back on where the build is what is tested."""
    settings.REPORTS_BUILD_ON_PUBLISH = False


@pytest.fixture(autouse=True)
def swedish_by_default() -> Iterator[None]:
    """Each test starts in Swedish: a request to /en/ must not leak English into the next."""
    with translation.override("sv"):
        yield
