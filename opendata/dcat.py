"""The DCAT-AP-SE 3.0.1 catalogue of the open data, built with rdflib.

One ``dcat:Catalog`` (its IRI is the harvest URL, /data/dcat/katalog.rdf) with one
``dcat:Dataset``: the key figures per agency, a table that grows by one round at a time
(DCAT-AP-SE recommendation 19). Its distributions are the all-rounds files and each
published round's files, in CSV, Excel and JSON. Every IRI is absolute, built from
``SITE_URL``; no main entity is a blank node; every free text carries ``@sv`` and
``@en``. ``dcterms:format`` is the IANA media-type literal DCAT-AP-SE asks for, with
``dcat:mediaType`` as the IANA IRI for data.europa.eu.

Only published rounds appear: the dates and versions come from ``Publication`` rows.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from opendata.columns import round_label
from opendata.conf import Publisher, api_in_catalogue, publisher, site_url
from opendata.models import FileFormat, Scope
from opendata.services import file_name
from publishing.models import Publication
from surveys.models import PeriodType, Round

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"

CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
THEME_GOVE = URIRef(EU + "data-theme/GOVE")
THEME_TAXONOMY = URIRef(EU + "data-theme")
ANNUAL = URIRef(EU + "frequency/ANNUAL")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
STABLE = URIRef(EU + "planned-availability/STABLE")
SWEDISH = URIRef(EU + "language/SWE")
ENGLISH = URIRef(EU + "language/ENG")
SWEDEN = URIRef("http://sws.geonames.org/2661886")
REST = URIRef("http://www.wikidata.org/entity/Q749568")
NATIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/NationalAuthority")

MEDIA_TYPES: dict[str, str] = {
    FileFormat.CSV: "text/csv",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.JSON: "application/json",
}
FORMAT_LABELS: dict[str, str] = {
    FileFormat.CSV: "CSV",
    FileFormat.XLSX: "Excel",
    FileFormat.JSON: "JSON",
}

KEYWORDS = (
    ("e-handel", "e-commerce"),
    ("e-faktura", "e-invoice"),
    ("e-order", "e-order"),
    ("nyckeltal", "key figure"),
    ("myndighet", "government agency"),
    ("offentlig upphandling", "public procurement"),
)

# Serializations served at /data/dcat/katalog.<ext>: (rdflib format, content type).
SERIALIZATIONS = {
    "rdf": ("pretty-xml", "application/rdf+xml; charset=utf-8"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


@dataclass(frozen=True)
class RoundPublished:
    round: Round
    first: datetime
    latest: datetime
    version: int


def published_round_dates() -> list[RoundPublished]:
    """Each published round with its first and latest publication, oldest round first."""
    by_round: dict[int, RoundPublished] = {}
    for publication in Publication.objects.select_related("round").order_by("version"):
        seen = by_round.get(publication.round_id)
        by_round[publication.round_id] = RoundPublished(
            round=publication.round,
            first=seen.first if seen else publication.published_at,
            latest=publication.published_at,
            version=publication.version,
        )
    return sorted(by_round.values(), key=lambda r: (r.round.year, r.round.period_type))


def _period(round_: Round) -> tuple[date, date]:
    if round_.period_type == PeriodType.FIRST_HALF:
        return date(round_.year, 1, 1), date(round_.year, 6, 30)
    if round_.period_type == PeriodType.SECOND_HALF:
        return date(round_.year, 7, 1), date(round_.year, 12, 31)
    return date(round_.year, 1, 1), date(round_.year, 12, 31)


def _day(moment: datetime) -> Literal:
    return Literal(moment.date().isoformat(), datatype=XSD.date)


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, sv: str, en: str) -> None:
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


@dataclass(frozen=True)
class Iris:
    base: str

    @property
    def catalog(self) -> URIRef:
        return URIRef(f"{self.base}/data/dcat/katalog.rdf")

    @property
    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}/data/dcat/dataset/ehandel-nyckeltal")

    @property
    def contact(self) -> URIRef:
        return URIRef(f"{self.base}/data/dcat/kontakt")

    @property
    def landing_page(self) -> URIRef:
        return URIRef(f"{self.base}/oppna-data/")

    @property
    def specification(self) -> URIRef:
        return URIRef(f"{self.base}/oppna-data/#kolumner")

    @property
    def api_service(self) -> URIRef:
        return URIRef(f"{self.base}/data/dcat/dataservice/api-v1")

    @property
    def api_root(self) -> URIRef:
        return URIRef(f"{self.base}/api/v1/")

    @property
    def api_openapi(self) -> URIRef:
        return URIRef(f"{self.base}/api/v1/openapi.json")

    @property
    def api_docs(self) -> URIRef:
        return URIRef(f"{self.base}/api/v1/docs")

    def distribution(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/data/dcat/distribution/{name.replace('.', '-')}")

    def download(self, *, scope: str, fmt: str, slug: str = "") -> URIRef:
        name = file_name(scope=scope, fmt=fmt, slug=slug)
        if scope == Scope.ALL:
            return URIRef(f"{self.base}/data/alla-omgangar.{fmt}")
        return URIRef(f"{self.base}/data/omgangar/{slug}/{name}")


def _publisher(graph: Graph, agent: Publisher) -> URIRef:
    iri = URIRef(agent.iri)
    graph.add((iri, RDF.type, FOAF.Organization))
    graph.add((iri, RDF.type, FOAF.Agent))
    _texts(graph, iri, FOAF.name, agent.name_sv, agent.name_en)
    graph.add((iri, DCTERMS.type, NATIONAL_AUTHORITY))
    graph.add((iri, DCTERMS.identifier, Literal(agent.org_nr)))
    if agent.homepage:
        graph.add((iri, FOAF.homepage, URIRef(agent.homepage)))
    return iri


def _contact(graph: Graph, iris: Iris, agent: Publisher) -> URIRef:
    """A functional mailbox of the organisation, never a person."""
    iri = iris.contact
    graph.add((iri, RDF.type, VCARD.Organization))
    graph.add((iri, VCARD.fn, Literal(agent.contact_name, lang="sv")))
    graph.add((iri, VCARD.hasEmail, URIRef(f"mailto:{agent.contact_email}")))
    graph.add((iri, VCARD.hasURL, iris.landing_page))
    return iri


def _distribution(
    graph: Graph,
    iris: Iris,
    *,
    scope: str,
    fmt: str,
    round_: Round | None,
    issued: datetime,
    modified: datetime,
) -> URIRef:
    slug = round_.slug if round_ is not None else ""
    name = file_name(scope=scope, fmt=fmt, slug=slug)
    iri = iris.distribution(name)
    url = iris.download(scope=scope, fmt=fmt, slug=slug)
    media_type = MEDIA_TYPES[fmt]
    format_label = FORMAT_LABELS[fmt]
    graph.add((iri, RDF.type, DCAT.Distribution))
    graph.add((iri, DCAT.accessURL, url))
    graph.add((iri, DCAT.downloadURL, url))
    graph.add((iri, DCTERMS.format, Literal(media_type)))
    graph.add(
        (iri, DCAT.mediaType, URIRef(f"http://www.iana.org/assignments/media-types/{media_type}"))
    )
    graph.add((iri, DCTERMS.license, CC0))
    graph.add((iri, DCATAP.availability, STABLE))
    graph.add((iri, DCTERMS.language, SWEDISH))
    graph.add((iri, DCTERMS.issued, _day(issued)))
    graph.add((iri, DCTERMS.modified, _day(modified)))
    graph.add((iri, DCTERMS.conformsTo, iris.specification))
    if scope == Scope.ALL:
        _texts(
            graph,
            iri,
            DCTERMS.title,
            f"Alla omgångar som {format_label}",
            f"All rounds as {format_label}",
        )
        _texts(
            graph,
            iri,
            DCTERMS.description,
            f"Alla publicerade omgångar i en {format_label}-fil, en rad per myndighet och omgång.",
            f"Every published round in one {format_label} file, one row per agency and round.",
        )
    elif round_ is not None:
        sv = round_label(round_.year, round_.period_type, "sv")
        en = round_label(round_.year, round_.period_type, "en")
        _texts(
            graph,
            iri,
            DCTERMS.title,
            f"Omgång {sv} som {format_label}",
            f"Round {en} as {format_label}",
        )
        _texts(
            graph,
            iri,
            DCTERMS.description,
            f"Omgång {sv} i en {format_label}-fil, en rad per myndighet.",
            f"Round {en} in one {format_label} file, one row per agency.",
        )
    return iri


def _dataset(
    graph: Graph,
    iris: Iris,
    rounds: list[RoundPublished],
    *,
    publisher_iri: URIRef,
    contact: URIRef,
) -> URIRef:
    """The one dataset: every published round, with a distribution per file."""
    dataset = iris.dataset
    first = min(r.first for r in rounds)
    latest = max(r.latest for r in rounds)

    graph.add((dataset, RDF.type, DCAT.Dataset))
    _texts(
        graph,
        dataset,
        DCTERMS.title,
        "Myndigheternas e-handel – nyckeltal per myndighet",
        "Government agencies' e-commerce – key figures per agency",
    )
    _texts(
        graph,
        dataset,
        DCTERMS.description,
        "Statliga myndigheters svar i den årliga uppföljningen av e-handel: antal "
        "leverantörsfakturor, e-fakturor, matchade fakturor och e-order, årsarbetskrafter "
        "och tre nyckeltal (andel e-fakturor, andel matchade fakturor och e-order per 100 "
        "årsarbetskrafter) med färgklass och placering. En rad per myndighet och omgång; "
        "bara publicerade versioner.",
        "Swedish government agencies' answers in the yearly follow-up of e-commerce: the "
        "number of supplier invoices, e-invoices, matched invoices and e-orders, full-time "
        "equivalents and three key figures (share of e-invoices, share of matched invoices "
        "and e-orders per 100 full-time equivalents) with colour class and rank. One row per "
        "agency and round; published versions only.",
    )
    graph.add((dataset, DCTERMS.publisher, publisher_iri))
    graph.add((dataset, DCAT.contactPoint, contact))
    for sv, en in KEYWORDS:
        graph.add((dataset, DCAT.keyword, Literal(sv, lang="sv")))
        graph.add((dataset, DCAT.keyword, Literal(en, lang="en")))
    graph.add((dataset, DCAT.theme, THEME_GOVE))
    period = BNode("temporal")
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(_period(rounds[0].round)[0], datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(_period(rounds[-1].round)[1], datatype=XSD.date)))
    graph.add((dataset, DCTERMS.accrualPeriodicity, ANNUAL))
    graph.add((dataset, DCAT.temporalResolution, Literal("P1Y", datatype=XSD.duration)))
    graph.add((dataset, DCTERMS.spatial, SWEDEN))
    graph.add((dataset, DCTERMS.issued, _day(first)))
    graph.add((dataset, DCTERMS.modified, _day(latest)))
    graph.add((dataset, DCTERMS.accessRights, PUBLIC))
    graph.add((dataset, DCTERMS.conformsTo, iris.specification))
    graph.add((dataset, DCTERMS.language, SWEDISH))
    graph.add((dataset, DCAT.landingPage, iris.landing_page))
    graph.add(
        (dataset, DCTERMS.identifier, Literal(str(uuid.uuid5(uuid.NAMESPACE_URL, str(dataset)))))
    )
    graph.add((iris.landing_page, RDF.type, FOAF.Document))
    _texts(graph, iris.landing_page, DCTERMS.title, "Öppna data", "Open data")

    for fmt in FileFormat.values:
        graph.add(
            (
                dataset,
                DCAT.distribution,
                _distribution(
                    graph,
                    iris,
                    scope=Scope.ALL,
                    fmt=fmt,
                    round_=None,
                    issued=first,
                    modified=latest,
                ),
            )
        )
    for published in rounds:
        for fmt in FileFormat.values:
            graph.add(
                (
                    dataset,
                    DCAT.distribution,
                    _distribution(
                        graph,
                        iris,
                        scope=Scope.ROUND,
                        fmt=fmt,
                        round_=published.round,
                        issued=published.first,
                        modified=published.latest,
                    ),
                )
            )
    return dataset


def _api(
    graph: Graph, iris: Iris, dataset: URIRef, *, publisher_iri: URIRef, contact: URIRef
) -> URIRef:
    """The JSON API (/api/v1/) as a data service, and as a distribution of the dataset
    (DCAT-AP-SE recommendation 6: every API gets a ``dcat:DataService``)."""
    service = iris.api_service
    graph.add((service, RDF.type, DCAT.DataService))
    _texts(
        graph,
        service,
        DCTERMS.title,
        "API för myndigheternas e-handel",
        "API for government agencies' e-commerce",
    )
    _texts(
        graph,
        service,
        DCTERMS.description,
        "Öppet REST-API som ger myndigheterna, omgångarna, nyckeltalen och deras värden som "
        "JSON, med filtrering och sidindelning. Bara publicerade versioner.",
        "Open REST API that returns the agencies, rounds, key figures and their values as "
        "JSON, with filtering and paging. Published versions only.",
    )
    graph.add((service, DCAT.endpointURL, iris.api_root))
    graph.add((service, DCAT.endpointDescription, iris.api_openapi))
    graph.add((service, DCTERMS.format, Literal("application/json")))
    graph.add((service, DCAT.contactPoint, contact))
    graph.add((service, DCTERMS.publisher, publisher_iri))
    for sv, en in (("e-handel", "e-commerce"), ("api", "api"), ("nyckeltal", "key figure")):
        graph.add((service, DCAT.keyword, Literal(sv, lang="sv")))
        graph.add((service, DCAT.keyword, Literal(en, lang="en")))
    graph.add((service, DCAT.theme, THEME_GOVE))
    graph.add((service, DCTERMS.accessRights, PUBLIC))
    graph.add((service, DCTERMS.license, CC0))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.type, REST))
    graph.add((service, DCAT.landingPage, iris.api_docs))
    graph.add(
        (service, DCTERMS.identifier, Literal(str(uuid.uuid5(uuid.NAMESPACE_URL, str(service)))))
    )
    graph.add((iris.api_docs, RDF.type, FOAF.Document))
    _texts(graph, iris.api_docs, DCTERMS.title, "Dokumentation av API:t", "API documentation")

    distribution = iris.distribution("api-v1")
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, iris.api_root))
    graph.add((distribution, DCAT.accessService, service))
    graph.add((distribution, DCTERMS.format, Literal("application/json")))
    graph.add((distribution, DCTERMS.license, CC0))
    graph.add((distribution, DCATAP.availability, STABLE))
    graph.add((distribution, DCTERMS.conformsTo, iris.api_openapi))
    _texts(graph, distribution, DCTERMS.title, "Data via API", "Data through the API")
    _texts(
        graph,
        distribution,
        DCTERMS.description,
        "Samma data via JSON-API:t, med filtrering på myndighet, omgång och nyckeltal.",
        "The same data through the JSON API, filtered by agency, round and key figure.",
    )
    graph.add((iris.api_openapi, RDF.type, DCTERMS.Standard))
    _texts(
        graph,
        iris.api_openapi,
        DCTERMS.title,
        "OpenAPI-beskrivning av API:t",
        "OpenAPI description of the API",
    )
    return service


def catalogue_graph() -> Graph:
    """The whole catalogue as an rdflib graph."""
    iris = Iris(site_url())
    agent = publisher()
    graph = Graph(bind_namespaces="core")
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("dcatap", DCATAP)

    rounds = published_round_dates()
    publisher_iri = _publisher(graph, agent)
    contact = _contact(graph, iris, agent)

    catalog = iris.catalog
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(
        graph,
        catalog,
        DCTERMS.title,
        "Öppna data om myndigheternas e-handel",
        "Open data on government agencies' e-commerce",
    )
    _texts(
        graph,
        catalog,
        DCTERMS.description,
        "Katalog över de öppna data som tjänsten Uppföljning av myndigheternas e-handel "
        "publicerar.",
        "Catalogue of the open data published by the service that follows up Swedish "
        "government agencies' e-commerce.",
    )
    graph.add((catalog, DCTERMS.publisher, publisher_iri))
    graph.add((catalog, DCTERMS.license, CC0))
    graph.add((catalog, DCTERMS.language, SWEDISH))
    graph.add((catalog, DCTERMS.language, ENGLISH))
    graph.add((catalog, FOAF.homepage, URIRef(f"{iris.base}/")))
    graph.add((catalog, DCTERMS.spatial, SWEDEN))
    graph.add((catalog, DCAT.themeTaxonomy, THEME_TAXONOMY))

    graph.add((CC0, RDF.type, DCTERMS.LicenseDocument))
    graph.add((CC0, DCTERMS.title, Literal("CC0 1.0 Universal", lang="en")))
    graph.add((iris.specification, RDF.type, DCTERMS.Standard))
    _texts(
        graph,
        iris.specification,
        DCTERMS.title,
        "Kolumnerna i filerna med e-handelsnyckeltal",
        "The columns of the e-commerce key-figure files",
    )

    if not rounds:
        # DCAT-AP-SE needs at least one dataset; before the first publication there is
        # none to describe, so the catalogue is served empty of datasets (and says so
        # by failing validation rather than describing data that does not exist).
        return graph

    dataset = _dataset(graph, iris, rounds, publisher_iri=publisher_iri, contact=contact)
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCTERMS.issued, _day(min(r.first for r in rounds))))
    graph.add((catalog, DCTERMS.modified, _day(max(r.latest for r in rounds))))
    if api_in_catalogue():
        service = _api(graph, iris, dataset, publisher_iri=publisher_iri, contact=contact)
        graph.add((catalog, DCAT.service, service))
    return graph


# Bump when the shape of the graph changes, so that ETags change with it.
CATALOGUE_LAYOUT = "1"


@dataclass(frozen=True)
class Serialized:
    content: bytes
    etag: str  # a weak validator: equal graphs, possibly different byte order
    last_modified: datetime | None


# Serialized catalogues by what they were built from; the catalogue changes only with a
# publication (or the settings), so each process builds each serialization once.
_serialized: dict[str, Serialized] = {}
_CACHE_SIZE = 16


def catalogue_serialized(extension: str) -> Serialized:
    """The catalogue in one serialization, built once per state of the publications.

    The ETag is computed from everything the graph is built from, not from the bytes:
    RDF/XML's namespace order may differ between processes, the graph does not.
    """
    rdflib_format, _content_type = SERIALIZATIONS[extension]
    rounds = published_round_dates()
    state = repr(
        (
            CATALOGUE_LAYOUT,
            extension,
            site_url(),
            publisher(),
            api_in_catalogue(),
            [
                (r.round.pk, r.round.slug, r.version, r.first.isoformat(), r.latest.isoformat())
                for r in rounds
            ],
        )
    )
    key = hashlib.sha256(state.encode("utf-8")).hexdigest()
    cached = _serialized.get(key)
    if cached is not None:
        return cached
    graph = catalogue_graph()
    if rdflib_format == "json-ld":
        # Compact IRIs with the usual prefixes, as in the Turtle.
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
        data = graph.serialize(format=rdflib_format, encoding="utf-8", context=context)
    else:
        data = graph.serialize(format=rdflib_format, encoding="utf-8")
    result = Serialized(
        content=data if isinstance(data, bytes) else data.encode("utf-8"),
        etag=key,
        last_modified=max((r.latest for r in rounds), default=None),
    )
    if len(_serialized) >= _CACHE_SIZE:
        _serialized.clear()
    _serialized[key] = result
    return result
