"""Problems found in an uploaded or imported file, reported the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in a file: where (line and column), a stable code, what to fix."""

    line: int
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        if not self.column:
            return _("Rad %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return _("Rad %(line)d, kolumn %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def header_differences(columns: Sequence[str], expected: Iterable[str]) -> str | None:
    """What is wrong with a header row ("saknas: …; okända: …"), or None if nothing."""
    expected = list(expected)
    missing = [name for name in expected if name not in columns]
    unknown = [name for name in columns if name not in expected]
    repeated = sorted({name for name in columns if list(columns).count(name) > 1})
    details = []
    if missing:
        details.append(_("saknas: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        details.append(_("okända: %(names)s") % {"names": ", ".join(unknown)})
    if repeated:
        details.append(_("upprepade: %(names)s") % {"names": ", ".join(repeated)})
    return "; ".join(details) or None
