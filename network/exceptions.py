"""Refusals of the network services: a stable ``code`` and a translated ``message``."""

from __future__ import annotations


class NetworkError(Exception):
    """``field``: the form field the refusal belongs to, if any."""

    code = "network"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConsentMissingError(NetworkError):
    """Opting in without ticking the consent box."""

    code = "consent_missing"


class ContactInvalidError(NetworkError):
    """A contact's name, role, e-mail address or phone number that cannot be stored."""

    code = "contact_invalid"


class CommentInvalidError(NetworkError):
    """A comment that is empty, too long or about a round that is not published."""

    code = "comment_invalid"


class ReviewError(NetworkError):
    """A review that cannot be done: no reason for a rejection, or already reviewed."""

    code = "review"
