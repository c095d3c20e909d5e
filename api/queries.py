"""The query parameters of the list endpoints, as schemas (``Query[ValueQuery]``).

Names and meanings are part of the v1 promise, like the response fields.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from ninja import Field, Schema
from pydantic import WithJsonSchema

from api.schemas import d
from keyfigures.registry import KEY_FIGURES_BY_SLUG

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000

FigureSlug = Literal["andel-e-faktura", "andel-matchade", "e-order-per-100-aa"]
assert set(get_args(FigureSlug)) == set(KEY_FIGURES_BY_SLUG), "FigureSlug must list the registry"

# A string in the document ("format": "date-time"), parsed strictly by api.timeparse.
DateTimeText = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]

AGENCY_HELP = d("Organisationsnummer, tio siffror", "Organisation number, ten digits")
ROUND_HELP = d("Omgångens kortnamn, t.ex. 2024", "The round's short name, e.g. 2024")
FIGURE_HELP = d("Nyckeltalets kortnamn", "The key figure's slug")
GROUP_HELP = d(
    "Jämförelsegruppens id, t.ex. department:finansdepartementet, size:200-499 eller "
    "type:larosate (se /api/v1/peer-groups)",
    "The peer group's id, e.g. department:finansdepartementet, size:200-499 or "
    "type:larosate (see /api/v1/peer-groups)",
)
UPDATED_SINCE_HELP = d(
    "Tidpunkt enligt RFC 3339 (ISO 8601), t.ex. 2025-01-31T12:00:00Z; bara det som ändrats "
    "efter den (utan tidszon: UTC)",
    "Time in RFC 3339 (ISO 8601), e.g. 2025-01-31T12:00:00Z; only what changed after it "
    "(without a zone: UTC)",
)


class PageQuery(Schema):
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=d(f"Rader per sida (1–{MAX_LIMIT})", f"Rows per page (1–{MAX_LIMIT})"),
    )
    offset: int = Field(
        0, ge=0, le=10_000_000, description=d("Antal rader att hoppa över", "Rows to skip")
    )


class AgencyQuery(PageQuery):
    department: str | None = Field(
        None,
        description=d("Bara detta departement (exakt namn)", "Only this ministry (exact name)"),
    )


class ValueQuery(PageQuery):
    agency: str | None = Field(None, description=AGENCY_HELP)
    round: str | None = Field(None, description=ROUND_HELP)
    key_figure: FigureSlug | None = Field(None, description=FIGURE_HELP)
    peer_group: str | None = Field(None, description=GROUP_HELP)
    updated_since: DateTimeText | None = Field(None, description=UPDATED_SINCE_HELP)


class TotalQuery(Schema):
    round: str | None = Field(None, description=ROUND_HELP)
    key_figure: FigureSlug | None = Field(None, description=FIGURE_HELP)
    peer_group: str | None = Field(None, description=GROUP_HELP)


class PeerGroupQuery(Schema):
    round: str | None = Field(
        None,
        description=d(
            "Omgången medlemskapet gäller (standard: den senaste publicerade)",
            "The round the membership is for (default: the latest published)",
        ),
    )


class PracticeQuery(PageQuery):
    agency: str | None = Field(None, description=AGENCY_HELP)
    theme: str | None = Field(None, description=d("Tema, t.ex. suppliers", "Theme, e.g. suppliers"))
    key_figure: FigureSlug | None = Field(None, description=FIGURE_HELP)
    updated_since: DateTimeText | None = Field(None, description=UPDATED_SINCE_HELP)
