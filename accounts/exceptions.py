"""Refusals of the accounts services: a stable ``code`` and a translated ``message``."""

from __future__ import annotations

from datetime import datetime


class AccountsError(Exception):
    """``field``: the form field the refusal belongs to, if any."""

    code = "accounts"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class UserExistsError(AccountsError):
    """An account with that e-mail address already exists."""

    code = "user_exists"


class RoleError(AccountsError):
    """A role that the change does not allow (agencies for the office, say)."""

    code = "role"


class InvitationInvalidError(AccountsError):
    """The link is unknown, already used or expired; ``reason`` says which."""

    code = "invitation_invalid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LoginFailedError(AccountsError):
    """Wrong e-mail address or password, or an inactive account."""

    code = "login_failed"


class LoginThrottledError(AccountsError):
    """Too many failed attempts: no more tries until ``until``."""

    code = "login_throttled"

    def __init__(self, message: str, *, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class DemoUsersRefusedError(AccountsError):
    """Demo users with a published password are refused outside development."""

    code = "demo_users_refused"
