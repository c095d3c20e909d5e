"""Fixtures for the report tests: reports are built in the caller's thread here."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.browser.chromium import browser_type_launch_args

__all__ = ["browser_type_launch_args", "build_synchronously", "pdf_info", "pdf_pages", "pdf_text"]


@pytest.fixture(autouse=True)
def build_synchronously(settings: pytest.FixtureRequest) -> None:
    # tests/conftest.py turns building on publication off for the rest of the suite
    settings.REPORTS_BUILD_ON_PUBLISH = True  # type: ignore[attr-defined]
    settings.REPORTS_BUILD_IN_BACKGROUND = False  # type: ignore[attr-defined]


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as pdftotext reads it, whitespace (and no-break spaces) collapsed."""
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return re.sub(r"[ \t\u00a0]+", " ", result.stdout.decode())


def pdf_info(pdf: bytes) -> dict[str, str]:
    """pdfinfo's fields: Title, Pages, Tagged, ..."""
    result = subprocess.run(
        ["/usr/bin/pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    fields = (line.split(":", 1) for line in result.stdout.decode().splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in fields}


def pdf_pages(pdf: bytes) -> int:
    return int(pdf_info(pdf)["Pages"])
