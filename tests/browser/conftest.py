"""Browser tests: pytest-playwright driving Debian's Chromium against Django's live server.

The Chromium launch arguments (and DJANGO_ALLOW_ASYNC_UNSAFE) come from
tests/browser/chromium.py; the data the pages need comes from ``public_pages_data``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.chromium import browser_type_launch_args
from tests.world import build_world

__all__ = ["browser_type_launch_args", "public_pages_data"]


@pytest.fixture
def public_pages_data(transactional_db: None) -> dict[str, Any]:
    """What the public pages in tests/browser need in the database to render.

    Returns the values the page paths are formatted with, e.g. a path
    ``"/omgangar/{round_slug}/"`` in test_accessibility.PAGES needs a ``round_slug``
    key here. The data is the memorable world of tests/world.py: two published rounds
    with five agencies (one silent, one with a value that cannot be computed) and a
    draft round that must stay invisible.

    ``transactional_db``: the live server answers from another thread, which sees only
    committed data; the tables are flushed after each test.
    """
    world = build_world()
    return {
        "round_slug": world.round_2024.slug,
        "org_nr": world.smaverket.org_nr,
        "other_org_nr": world.storverket.org_nr,
    }
