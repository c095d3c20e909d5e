"""Domain errors of the about app, caught by the views."""

from __future__ import annotations


class FeedbackRateLimitedError(Exception):
    """Too many messages from one client address in the current window."""

    def __init__(self, window_seconds: int) -> None:
        super().__init__(f"feedback rate limit reached ({window_seconds} s window)")
        self.window_seconds = window_seconds
