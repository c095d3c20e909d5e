"""The API's response shapes (OpenAPI components).

Field names are stable English snake_case: within v1 fields may be added, never renamed
or removed (docs/api.md, "Stabilitet"). Numbers that must stay exact are strings:
``value`` is the exact value to 12 decimals, ``value_display`` the value as the site
shows it (rounded half up). Descriptions are Swedish first, then English.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


def d(sv: str, en: str) -> str:
    """A bilingual description: Swedish, then English."""
    return f"{sv} / {en}"


ORG_NR = Field(description=d("Organisationsnummer, tio siffror", "Organisation number, ten digits"))
COUNT = Field(description=d("Antal träffar totalt", "Total number of matches"))
LIMIT = Field(description=d("Rader per sida", "Rows per page"))
OFFSET = Field(description=d("Hoppade rader", "Rows skipped"))
NEXT = Field(
    description=d("Länk till nästa sida; null på sista", "Link to the next page; null on the last")
)
PREVIOUS = Field(description=d("Länk till föregående sida", "Link to the previous page"))
RESULTS = Field(description=d("Raderna", "The rows"))


class ErrorDetail(Schema):
    code: str = Field(
        description=d("Stabil felkod, t.ex. not_found", "Stable error code, e.g. not_found")
    )
    message: str = Field(description=d("Felmeddelande på svenska", "Message in Swedish"))
    message_en: str = Field(description=d("Felmeddelande på engelska", "Message in English"))
    details: list[dict[str, Any]] = Field(
        description=d(
            "Detaljer, t.ex. vilka parametrar som är fel",
            "Details, e.g. which parameters are wrong",
        )
    )


class ErrorOut(Schema):
    error: ErrorDetail = Field(description=d("Felet", "The error"))


class RoundRef(Schema):
    slug: str = Field(
        description=d("Omgångens kortnamn", "The round's short name"), examples=["2024"]
    )


class AgencyRoundOut(Schema):
    round: str = Field(description=d("Omgångens kortnamn", "The round's short name"))
    status: str = Field(
        description=d(
            "Svarsstatus i den senaste publicerade versionen: answered, not_answered, "
            "not_applicable",
            "Response status in the latest published version: answered, not_answered, "
            "not_applicable",
        )
    )
    fte: int | None = Field(
        description=d("Årsarbetskrafter (ÅA) i omgången", "Full-time equivalents (ÅA) in the round")
    )
    size_class: str | None = Field(
        description=d("ÅA-storleksklass i omgången", "ÅA size class in the round")
    )


class AgencyOut(Schema):
    org_nr: str = Field(
        description=d("Organisationsnummer, tio siffror", "Organisation number, ten digits")
    )
    name: str = Field(
        description=d("Namn enligt myndighetsregistret", "Name in the agency register")
    )
    short_name: str = Field(description=d("Kortnamn (kan vara tomt)", "Short name (may be empty)"))
    department: str = Field(description=d("Departement (kan vara tomt)", "Ministry (may be empty)"))
    agency_type: str = Field(
        description=d(
            "Myndighetstyp: larosate, lansstyrelse, domstol eller ovrig",
            "Agency type: larosate, lansstyrelse, domstol or ovrig",
        )
    )
    former_names: list[str] = Field(description=d("Tidigare namn", "Former names"))
    rounds: list[str] = Field(
        description=d(
            "Publicerade omgångar där myndigheten ingår", "Published rounds the agency is in"
        )
    )


class AgencyDetailOut(AgencyOut):
    participation: list[AgencyRoundOut] = Field(
        description=d("Myndigheten i varje publicerad omgång", "The agency in each published round")
    )


class AgencyPage(Schema):
    count: int = COUNT
    limit: int = LIMIT
    offset: int = OFFSET
    next: str | None = NEXT
    previous: str | None = PREVIOUS
    results: list[AgencyOut] = RESULTS


class RoundOut(Schema):
    slug: str = Field(description=d("Kortnamn, används i filter", "Short name, used in filters"))
    year: int = Field(description=d("År", "Year"))
    period_type: str = Field(description=d("year, h1 eller h2", "year, h1 or h2"))
    label: str = Field(description=d("Omgångens namn på svenska", "The round's name in Swedish"))
    is_simulated: bool = Field(description=d("Simulerade demovärden", "Simulated demo values"))
    first_published_at: datetime = Field(description=d("Första publiceringen", "First publication"))
    version: int = Field(
        description=d("Senaste publicerade version (1, 2, …)", "Latest published version (1, 2, …)")
    )
    published_at: datetime = Field(
        description=d(
            "När den senaste versionen publicerades", "When the latest version was published"
        )
    )
    n_population: int = Field(
        description=d("Antal tillfrågade myndigheter", "Number of agencies asked")
    )
    n_answered: int = Field(description=d("Antal som svarade", "Number that answered"))
    n_not_applicable: int = Field(
        description=d(
            "Antal där uppföljningen inte var tillämplig",
            "Number where the follow-up did not apply",
        )
    )


class RoundList(Schema):
    count: int = COUNT
    results: list[RoundOut] = RESULTS


class KeyFigureOut(Schema):
    slug: str = Field(
        description=d(
            "Nyckeltalets kortnamn, används i filter",
            "The key figure's short name, used in filters",
        )
    )
    code: str = Field(description=d("Kod i snake_case", "Code in snake_case"))
    name_sv: str = Field(description=d("Namn på svenska", "Name in Swedish"))
    name_en: str = Field(description=d("Namn på engelska", "Name in English"))
    unit: str = Field(description=d("Enhet (maskinläsbar)", "Unit (machine-readable)"))
    unit_sv: str = Field(description=d("Enhet på svenska", "Unit in Swedish"))
    unit_en: str = Field(description=d("Enhet på engelska", "Unit in English"))
    numerator: str = Field(description=d("Täljarens uppgift", "The numerator's input"))
    numerator_sv: str = Field(description=d("Täljaren på svenska", "The numerator in Swedish"))
    numerator_en: str = Field(description=d("Täljaren på engelska", "The numerator in English"))
    denominator: str = Field(description=d("Nämnarens uppgift", "The denominator's input"))
    denominator_sv: str = Field(description=d("Nämnaren på svenska", "The denominator in Swedish"))
    denominator_en: str = Field(description=d("Nämnaren på engelska", "The denominator in English"))
    scale: int = Field(
        description=d(
            "värde = skala × täljare ÷ nämnare", "value = scale × numerator ÷ denominator"
        )
    )
    higher_is_better: bool = Field(
        description=d("Högre värde är bättre", "A higher value is better")
    )
    formula_sv: str = Field(description=d("Formeln på svenska", "The formula in Swedish"))
    formula_en: str = Field(description=d("Formeln på engelska", "The formula in English"))
    definition_sv: str = Field(
        description=d("Definitionen på svenska", "The definition in Swedish")
    )
    definition_en: str = Field(
        description=d("Definitionen på engelska", "The definition in English")
    )
    display_decimals: int = Field(
        description=d("Decimaler i visat värde", "Decimals in the displayed value")
    )
    source_url: str = Field(description=d("Källa", "Source"))


class KeyFigureList(Schema):
    count: int = COUNT
    results: list[KeyFigureOut] = RESULTS


class ValueOut(Schema):
    round: str = Field(description=d("Omgångens kortnamn", "The round's short name"))
    year: int = Field(description=d("Omgångens år", "The round's year"))
    period_type: str = Field(description=d("year, h1 eller h2", "year, h1 or h2"))
    publication_version: int = Field(
        description=d(
            "Publicerad version som raden kommer från", "Published version the row comes from"
        )
    )
    published_at: datetime = Field(
        description=d("När den versionen publicerades", "When that version was published")
    )
    org_nr: str = ORG_NR
    agency: str = Field(description=d("Myndighetens namn", "The agency's name"))
    department: str = Field(description=d("Myndighetens departement", "The agency's ministry"))
    key_figure: str = Field(description=d("Nyckeltalets kortnamn", "The key figure's slug"))
    response_status: str = Field(
        description=d(
            "answered, not_answered eller not_applicable",
            "answered, not_answered or not_applicable",
        )
    )
    state: str = Field(
        description=d(
            "value, not_computable, not_answered eller not_applicable",
            "value, not_computable, not_answered or not_applicable",
        )
    )
    reason: str | None = Field(
        description=d(
            "Varför värdet inte går att beräkna: missing_numerator, missing_denominator, "
            "zero_denominator",
            "Why the value cannot be computed: missing_numerator, missing_denominator, "
            "zero_denominator",
        )
    )
    numerator: int | None = Field(description=d("Täljaren (exakt)", "The numerator (exact)"))
    denominator: int | None = Field(description=d("Nämnaren (exakt)", "The denominator (exact)"))
    value: str | None = Field(
        description=d(
            "Värdet med 12 decimaler, som sträng", "The value to 12 decimals, as a string"
        ),
        examples=["66.666666666667"],
    )
    value_display: str | None = Field(
        description=d("Värdet avrundat som på webbplatsen", "The value rounded as on the site"),
        examples=["67"],
    )
    figure_class: str | None = Field(
        description=d(
            "Färgklass: green, yellow, red eller grey", "Colour class: green, yellow, red or grey"
        )
    )
    rank: int | None = Field(description=d("Placering (1 = bäst)", "Rank (1 = best)"))
    n_ranked: int = Field(description=d("Antal rangordnade", "Number ranked"))
    previous_round: str | None = Field(
        description=d("Föregående jämförbara omgång", "Previous comparable round")
    )
    previous_value: str | None = Field(
        description=d(
            "Värdet i föregående jämförbara omgång", "The value in the previous comparable round"
        )
    )
    change: str | None = Field(
        description=d(
            "Förändring sedan föregående jämförbara omgång",
            "Change since the previous comparable round",
        )
    )
    change_display: str | None = Field(
        description=d(
            "Förändringen avrundad som på webbplatsen", "The change rounded as on the site"
        )
    )
    is_corrected: bool = Field(
        description=d("Rättad i en senare version", "Corrected in a later version")
    )
    is_simulated: bool = Field(description=d("Simulerat demovärde", "Simulated demo value"))


class ValuePage(Schema):
    count: int = COUNT
    limit: int = LIMIT
    offset: int = OFFSET
    next: str | None = NEXT
    previous: str | None = PREVIOUS
    results: list[ValueOut] = RESULTS


class PeerGroupRef(Schema):
    id: str = Field(
        description=d(
            "Gruppens id, används i filtret peer_group",
            "The group's id, used in the peer_group filter",
        ),
        examples=["size:200-499"],
    )
    kind: str = Field(description=d("department, size eller type", "department, size or type"))
    key: str = Field(
        description=d("Gruppens nyckel inom sitt slag", "The group's key within its kind")
    )
    name_sv: str = Field(description=d("Gruppens namn på svenska", "The group's name in Swedish"))
    name_en: str = Field(description=d("Gruppens namn på engelska", "The group's name in English"))


class TotalOut(Schema):
    round: str = Field(description=d("Omgångens kortnamn", "The round's short name"))
    key_figure: str = Field(description=d("Nyckeltalets kortnamn", "The key figure's slug"))
    group: PeerGroupRef | None = Field(
        description=d(
            "Gruppen; null = alla myndigheter (riket)", "The group; null = all agencies (national)"
        )
    )
    value: str | None = Field(
        description=d("Kvoten av summorna, 12 decimaler", "The ratio of sums, 12 decimals")
    )
    value_display: str | None = Field(
        description=d("Värdet avrundat som på webbplatsen", "The value rounded as on the site")
    )
    median: str | None = Field(
        description=d("Medianen av myndigheternas värden", "The median of the agencies' values")
    )
    median_display: str | None = Field(
        description=d("Medianen avrundad som på webbplatsen", "The median rounded as on the site")
    )
    numerator_sum: int = Field(description=d("Summan av täljarna", "The sum of the numerators"))
    denominator_sum: int = Field(description=d("Summan av nämnarna", "The sum of the denominators"))
    n_included: int = Field(
        description=d("Myndigheter i kvoten av summorna", "Agencies in the ratio of sums")
    )
    n_values: int = Field(
        description=d(
            "Myndigheter med beräkningsbart värde (bakom medianen)",
            "Agencies with a computable value (behind the median)",
        )
    )


class TotalList(Schema):
    count: int = COUNT
    results: list[TotalOut] = RESULTS


class MemberOut(Schema):
    org_nr: str = ORG_NR
    name: str = Field(description=d("Myndighetens namn", "The agency's name"))


class PeerGroupOut(PeerGroupRef):
    round: str = Field(
        description=d("Omgången medlemskapet gäller", "The round the membership is for")
    )
    members: list[MemberOut] = Field(
        description=d("Medlemmarna i omgången", "The members in the round")
    )


class PeerGroupList(Schema):
    count: int = COUNT
    results: list[PeerGroupOut] = RESULTS


class PracticeOut(Schema):
    id: int = Field(description=d("Praktikens id", "The practice's id"))
    org_nr: str = ORG_NR
    agency: str = Field(description=d("Myndighetens namn", "The agency's name"))
    title: str = Field(description=d("Rubrik", "Title"))
    description: str = Field(description=d("Vad myndigheten gjorde", "What the agency did"))
    started_on: date = Field(description=d("När arbetet började", "When the work started"))
    themes: list[str] = Field(description=d("Teman, t.ex. suppliers", "Themes, e.g. suppliers"))
    key_figures: list[str] = Field(
        description=d("Nyckeltal som arbetet siktade på", "Key figures the work aimed at")
    )
    effort: str = Field(description=d("small, medium eller large", "small, medium or large"))
    effort_note: str = Field(description=d("Om insatsen", "About the effort"))
    source_url: str = Field(
        description=d("Länk till källa (kan vara tom)", "Source link (may be empty)")
    )
    source_label: str = Field(description=d("Källa (kan vara tom)", "Source (may be empty)"))
    is_simulated: bool = Field(description=d("Simulerat exempel", "Simulated example"))
    published_at: datetime | None = Field(
        description=d("När den publicerades", "When it was published")
    )
    updated_at: datetime = Field(description=d("Senast ändrad", "Last changed"))


class PracticePage(Schema):
    count: int = COUNT
    limit: int = LIMIT
    offset: int = OFFSET
    next: str | None = NEXT
    previous: str | None = PREVIOUS
    results: list[PracticeOut] = RESULTS
