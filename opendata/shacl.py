"""Validation of a DCAT graph against the shapes in opendata/shapes/dcat-ap-se.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph

SHAPES_PATH = Path(__file__).resolve().parent / "shapes" / "dcat-ap-se.ttl"


@cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool  # no violations (warnings are allowed)
    report: str


def catalogue_validate(graph: Graph) -> ValidationResult:
    """Check ``graph`` against the DCAT-AP-SE shapes; warnings do not fail it."""
    conforms, _report_graph, report_text = validate(
        graph, shacl_graph=shapes_graph(), allow_warnings=True, inference="none"
    )
    return ValidationResult(conforms=bool(conforms), report=str(report_text))
