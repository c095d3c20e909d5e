"""Fixtures for the open-data tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_report_builds(settings) -> None:
    """These tests publish rounds; the reports app would build its PDFs in a background
    thread on each publication, which these tests neither need nor wait for."""
    settings.REPORTS_BUILD_ON_PUBLISH = False
