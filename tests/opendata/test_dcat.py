"""The DCAT-AP-SE catalogue: served in three serializations, valid against our shapes,
and the shapes can fail."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef, namespace

from opendata import dcat
from opendata.dcat import ANNUAL, CC0, THEME_GOVE, catalogue_graph
from opendata.shacl import catalogue_validate

pytestmark = pytest.mark.django_db

VCARD = dcat.VCARD

BASE = "https://uppfoljning.example.se"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = BASE + "/"
    settings.PUBLISHER_NAME = "Testmyndigheten"
    settings.OPEN_DATA_CONTACT_EMAIL = "oppnadata@test.example.se"


def served(client, extension: str, rdflib_format: str) -> Graph:
    response = client.get(f"/data/dcat/katalog.{extension}")
    assert response.status_code == 200
    assert response["ETag"]
    return Graph().parse(data=response.content, format=rdflib_format)


@pytest.mark.parametrize(
    ("extension", "content_type", "rdflib_format"),
    [
        ("rdf", "application/rdf+xml; charset=utf-8", "xml"),
        ("ttl", "text/turtle; charset=utf-8", "turtle"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_catalogue_is_served_and_conforms(client, world, extension, content_type, rdflib_format):
    response = client.get(f"/data/dcat/katalog.{extension}")
    assert response["Content-Type"] == content_type
    graph = served(client, extension, rdflib_format)
    result = catalogue_validate(graph)
    assert result.conforms, result.report
    assert len(graph) == len(catalogue_graph())


def test_catalogue_content(client, world):
    graph = served(client, "ttl", "turtle")
    catalog = URIRef(f"{BASE}/data/dcat/katalog.rdf")
    dataset = URIRef(f"{BASE}/data/dcat/dataset/ehandel-nyckeltal")
    assert (catalog, namespace.RDF.type, namespace.DCAT.Catalog) in graph
    assert (catalog, namespace.DCAT.dataset, dataset) in graph
    assert (catalog, namespace.DCTERMS.license, CC0) in graph
    languages = {t.language for t in graph.objects(dataset, namespace.DCTERMS.title)}
    assert languages == {"sv", "en"}
    assert (dataset, namespace.DCTERMS.accrualPeriodicity, ANNUAL) in graph
    assert (dataset, namespace.DCAT.theme, THEME_GOVE) in graph
    period = graph.value(dataset, namespace.DCTERMS.temporal)
    assert graph.value(period, namespace.DCAT.startDate) == Literal(
        "2023-01-01", datatype=namespace.XSD.date
    )
    assert graph.value(period, namespace.DCAT.endDate) == Literal(
        "2024-12-31", datatype=namespace.XSD.date
    )
    publisher = graph.value(dataset, namespace.DCTERMS.publisher)
    assert str(publisher) == "http://dataportal.se/organisation/SE2021006883"
    assert Literal("Testmyndigheten", lang="sv") in set(graph.objects(publisher, None))
    contact = graph.value(dataset, namespace.DCAT.contactPoint)
    assert (contact, namespace.RDF.type, VCARD.Organization) in graph
    assert (contact, VCARD.hasEmail, URIRef("mailto:oppnadata@test.example.se")) in graph
    assert contact != publisher

    distributions = set(graph.objects(dataset, namespace.DCAT.distribution))
    # all rounds + 2023 + 2024, three formats each, and the API
    assert len(distributions) == 10
    downloads = {str(graph.value(d, namespace.DCAT.downloadURL)) for d in distributions}
    assert f"{BASE}/data/alla-omgangar.csv" in downloads
    assert f"{BASE}/data/omgangar/2024/uppfoljning-2024.xlsx" in downloads
    assert not any("2025" in url for url in downloads)
    for distribution in distributions:
        assert graph.value(distribution, namespace.DCTERMS.license) == CC0
        assert graph.value(distribution, namespace.DCAT.accessURL) is not None
    files = {d for d in distributions if graph.value(d, namespace.DCAT.downloadURL) is not None}
    assert len(files) == 9
    formats = {str(graph.value(d, namespace.DCTERMS.format)) for d in files}
    assert formats == {
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_every_download_url_in_the_catalogue_answers(client, world):
    graph = catalogue_graph()
    for url in graph.objects(None, namespace.DCAT.downloadURL):
        path = str(url).removeprefix(BASE)
        assert client.get(path).status_code == 200, path


def test_the_api_is_a_data_service(client, world):
    graph = catalogue_graph()
    service = next(iter(graph.subjects(namespace.RDF.type, namespace.DCAT.DataService)))
    catalog = next(iter(graph.subjects(namespace.RDF.type, namespace.DCAT.Catalog)))
    assert (catalog, namespace.DCAT.service, service) in graph
    assert str(graph.value(service, namespace.DCAT.endpointURL)) == f"{BASE}/api/v1/"
    description = str(graph.value(service, namespace.DCAT.endpointDescription))
    assert description == f"{BASE}/api/v1/openapi.json"
    api = next(iter(graph.subjects(namespace.DCAT.accessService, service)))
    assert (None, namespace.DCAT.distribution, api) in graph
    # The OpenAPI document the harvester follows is the raw JSON.
    response = client.get(description.removeprefix(BASE))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_api_can_be_left_out(world, settings):
    settings.OPEN_DATA_API_IN_CATALOGUE = False
    graph = catalogue_graph()
    assert not set(graph.subjects(namespace.RDF.type, namespace.DCAT.DataService))
    assert catalogue_validate(graph).conforms


def _without(graph: Graph, predicate: URIRef, subject_type: URIRef) -> Graph:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    subject = next(iter(broken.subjects(namespace.RDF.type, subject_type)))
    broken.remove((subject, predicate, None))
    return broken


@pytest.mark.parametrize(
    ("predicate", "subject_type", "message"),
    [
        (namespace.DCTERMS.title, namespace.DCAT.Dataset, "dcterms:title"),
        (namespace.DCAT.accessURL, namespace.DCAT.Distribution, "dcat:accessURL"),
        (namespace.DCTERMS.license, namespace.DCAT.Distribution, "dcterms:license"),
        (namespace.DCTERMS.publisher, namespace.DCAT.Catalog, "dcterms:publisher"),
        (VCARD.hasEmail, VCARD.Organization, "vcard:hasEmail"),
        (namespace.DCAT.endpointURL, namespace.DCAT.DataService, "dcat:endpointURL"),
    ],
)
def test_a_broken_graph_does_not_conform(world, predicate, subject_type, message):
    graph = catalogue_graph()
    assert catalogue_validate(graph).conforms
    result = catalogue_validate(_without(graph, predicate, subject_type))
    assert not result.conforms
    assert message in result.report


def test_a_title_without_swedish_does_not_conform(world):
    graph = catalogue_graph()
    dataset = next(iter(graph.subjects(namespace.RDF.type, namespace.DCAT.Dataset)))
    graph.remove((dataset, namespace.DCTERMS.title, None))
    graph.add((dataset, namespace.DCTERMS.title, Literal("Key figures", lang="en")))
    result = catalogue_validate(graph)
    assert not result.conforms
    assert "svensk titel" in result.report


def test_a_person_contact_or_a_format_iri_does_not_conform(world):
    graph = catalogue_graph()
    distribution = next(iter(graph.subjects(namespace.RDF.type, namespace.DCAT.Distribution)))
    graph.set(
        (
            distribution,
            namespace.DCTERMS.format,
            URIRef("http://publications.europa.eu/resource/authority/file-type/CSV"),
        )
    )
    assert not catalogue_validate(graph).conforms


def test_catalogue_is_not_modified_answers_304(client, world):
    first = client.get("/data/dcat/katalog.rdf")
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"]
    again = client.get("/data/dcat/katalog.rdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    # The validator depends on the data, not on this process's cache.
    dcat._serialized.clear()
    assert client.get("/data/dcat/katalog.rdf")["ETag"] == first["ETag"]
    assert client.get("/data/dcat/katalog.ttl")["ETag"] != first["ETag"]


def test_catalogue_changes_with_a_new_version(client, world):
    from publishing.services import round_publish
    from surveys.lifecycle import round_close, round_reopen

    first = client.get("/data/dcat/katalog.ttl")
    round_reopen(round=world.round_2024)
    round_close(round=world.round_2024)
    round_publish(round=world.round_2024, note="Ny version")
    again = client.get("/data/dcat/katalog.ttl", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_catalogue_record_or_another_catalogue_licence_does_not_conform(world):
    graph = catalogue_graph()
    catalog = next(iter(graph.subjects(namespace.RDF.type, namespace.DCAT.Catalog)))
    with_record = catalogue_graph()
    with_record.add((catalog, namespace.DCAT.record, URIRef(f"{BASE}/record/1")))
    assert not catalogue_validate(with_record).conforms
    graph.set(
        (catalog, namespace.DCTERMS.license, URIRef("http://creativecommons.org/licenses/by/4.0/"))
    )
    result = catalogue_validate(graph)
    assert not result.conforms
    assert "CC0" in result.report
