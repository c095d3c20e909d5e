"""Refusals of the practices services: a stable ``code`` and a translated ``message``."""

from __future__ import annotations


class PracticeError(Exception):
    code = "practice"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PracticeStateError(PracticeError):
    """The practice is not in a state that allows the step (publishing a draft, say)."""

    code = "practice_state"
