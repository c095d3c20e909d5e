"""Swedish organisation numbers: ten digits, the last a Luhn check digit.

Pure functions, no Django import, so the register import and the tests share them.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^\d{6}-?\d{4}$")


class OrgNrError(ValueError):
    """An organisation number that is malformed or has a wrong check digit.

    ``code`` says which: ``"shape"`` (not NNNNNN-NNNN) or ``"check_digit"`` (Luhn), so
    callers can show their own translated message.
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


def luhn_check_digit(digits: str) -> int:
    """The Luhn digit for the first nine digits of an organisation number."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def orgnr_normalise(raw: str) -> str:
    """Return the ten digits of ``raw`` or raise :class:`OrgNrError` with the reason."""
    text = raw.strip()
    if not _SHAPE.match(text):
        raise OrgNrError(f"Organisationsnumret {raw!r} ska ha formen NNNNNN-NNNN.", code="shape")
    digits = text.replace("-", "")
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        raise OrgNrError(f"Organisationsnumret {raw!r} har fel kontrollsiffra.", code="check_digit")
    return digits


def orgnr_format(digits: str) -> str:
    """Ten digits shown the usual way, NNNNNN-NNNN."""
    return f"{digits[:6]}-{digits[6:]}"
