"""Debian's Chromium for pytest-playwright, and what Django needs beside its event loop.

``playwright install`` cannot download browsers on these machines, so the browser
tests use /usr/bin/chromium (``make browser-deps`` installs it). Without it they fail,
they do not skip: a green run must mean the pages were actually looked at.

tests/browser/conftest.py imports the fixture; a browser test elsewhere gets the same
Chromium with one line in its own conftest.py::

    from tests.browser.chromium import browser_type_launch_args  # noqa: F401
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# pytest-playwright's sync API keeps an event loop running in the main thread, and
# Django refuses database calls from a thread with a running loop unless told this.
# Set before any test touches the database (conftest modules load at collection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CHROMIUM_PATH points elsewhere only for a local experiment; CI uses Debian's.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    # As root Chromium's sandbox cannot start; the machine is the sandbox here.
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    # The network reaches only package registries: keep Chromium from calling home.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} saknas / is missing. Installera / install it with "
            "`make browser-deps` (scripts/ensure-debian-packages chromium:/usr/bin/chromium).",
            pytrace=False,
        )
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}
