"""Browser tests: pytest-playwright driving Debian's Chromium against Django's live server.

The Chromium launch arguments (and DJANGO_ALLOW_ASYNC_UNSAFE) come from
tests/browser/chromium.py; the data the pages need comes from ``public_pages_data``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.chromium import browser_type_launch_args

__all__ = ["browser_type_launch_args", "public_pages_data"]


@pytest.fixture
def public_pages_data(transactional_db: None) -> dict[str, Any]:
    """What the public pages in tests/browser need in the database to render.

    Returns the values the page paths are formatted with, e.g. a path
    ``"/omgangar/{round_slug}/"`` in test_accessibility.PAGES needs a ``round_slug``
    key here. The start page needs nothing yet, so nothing is created. When pages for
    results (/omgangar/<slug>/), an agency (/myndigheter/<org_nr>/), a key figure
    (/nyckeltal/<slug>/) or the comparison (/jamfor/?…) join the list, create a
    published round with a few agencies and answered responses here and return their
    slugs and numbers.

    ``transactional_db``: the live server answers from another thread, which sees only
    committed data; the tables are flushed after each test.
    """
    return {}
