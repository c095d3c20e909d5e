"""Chart test fixtures: the shared Chromium launch settings (tests/browser/chromium.py)."""

from tests.browser.chromium import browser_type_launch_args

__all__ = ["browser_type_launch_args"]
