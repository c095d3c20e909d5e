"""Fixtures for the about app: a clean rate-limit cache, and the seeded statement (a
transactional test elsewhere may have flushed what the data migration wrote)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from about.models import AccessibilityIssue, AccessibilityStatement
from about.seed import seed_statement


@pytest.fixture(autouse=True)
def empty_default_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db: None) -> None:
    seed_statement(AccessibilityStatement, AccessibilityIssue)


@pytest.fixture
def seeded_live(transactional_db: None) -> None:
    seed_statement(AccessibilityStatement, AccessibilityIssue)
