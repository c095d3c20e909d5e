"""Agency types derived from the register name. Pure, no Django import.

The rule (docs/learning.md): a court when the name is a court's (tingsrätt, hovrätt,
förvaltningsrätt, kammarrätt, Högsta domstolen, Högsta förvaltningsdomstolen,
Arbetsdomstolen; Domstolsverket is an agency, not a court); a county administrative
board when the name starts with "Länsstyrelsen"; a university or university college
when a word of the name ends in "universitet(et)" or "högskola(n)", or the name is one of
the few whose name says neither (Karolinska institutet); everything else is "other".
Agencies *about* universities (Universitetskanslersämbetet, Universitets- och
högskolerådet, Myndigheten för yrkeshögskolan) are "other". The office corrects the
rare misfit with an override (learning.models.AgencyTypeOverride).
"""

from __future__ import annotations

import re
from enum import StrEnum


class AgencyType(StrEnum):
    UNIVERSITY = "larosate"
    COUNTY_BOARD = "lansstyrelse"
    COURT = "domstol"
    OTHER = "ovrig"


_COURT_WORD = re.compile(r"\b\w*(tingsrätt|hovrätt|förvaltningsrätt|kammarrätt)(en)?\b")
_COURT_NAMES = frozenset({"högsta domstolen", "högsta förvaltningsdomstolen", "arbetsdomstolen"})
_UNIVERSITY_WORD = re.compile(r"\b\w*(universitet|universitetet|högskola|högskolan)\b")
_UNIVERSITY_NAMES = frozenset({"karolinska institutet"})
_NOT_UNIVERSITY_PREFIXES = ("myndigheten för", "universitets- och högskolerådet")


def agency_type_for(name: str) -> AgencyType:
    """The type of an agency from its register name."""
    text = " ".join(name.lower().split())
    if text in _COURT_NAMES or _COURT_WORD.search(text):
        return AgencyType.COURT
    if text.startswith("länsstyrelsen"):
        return AgencyType.COUNTY_BOARD
    if text in _UNIVERSITY_NAMES:
        return AgencyType.UNIVERSITY
    if not text.startswith(_NOT_UNIVERSITY_PREFIXES) and _UNIVERSITY_WORD.search(text):
        return AgencyType.UNIVERSITY
    return AgencyType.OTHER
