"""The normalised row stream every response format (CSV now, Excel later) becomes."""

from __future__ import annotations

from dataclasses import dataclass

from common.fileproblems import RowProblem

__all__ = ["ResponseRow", "RowProblem"]


@dataclass(frozen=True)
class ResponseRow:
    """One agency's answer as read from a file: ``org_nr`` is ten digits, the status a code."""

    line: int
    org_nr: str
    status: str
    supplier_invoices: int | None
    e_invoices: int | None
    matched_invoices: int | None
    e_orders: int | None
    not_applicable_reason: str
    comment: str

    @property
    def counts(self) -> dict[str, int | None]:
        return {
            "supplier_invoices": self.supplier_invoices,
            "e_invoices": self.e_invoices,
            "matched_invoices": self.matched_invoices,
            "e_orders": self.e_orders,
        }


@dataclass(frozen=True)
class ParsedResponses:
    """The rows that were read cleanly and the problems of the others.

    Problems in the data are data: the import service adds its own (unknown agency, not
    in the population) and refuses to write anything while any problem remains.
    """

    rows: tuple[ResponseRow, ...]
    problems: tuple[RowProblem, ...]
