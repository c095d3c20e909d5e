"""Small text helpers for the public pages."""

from __future__ import annotations

import unicodedata


def normalise_search(text: str) -> str:
    """Case- and accent-insensitive form for searching names ("Ake" finds "Åke")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Swedish alphabetical order puts å, ä, ö after z, in that order; é sorts as e and ü as y.
_SWEDISH_ORDER = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "é": "e", "ü": "y"})


def swedish_sort_key(text: str) -> str:
    """A key that sorts names as a Swedish reader expects (Örebro after Uppsala)."""
    return text.casefold().translate(_SWEDISH_ORDER)
