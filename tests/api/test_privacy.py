"""What must never come out of the API: anything of an unpublished round (the draft 2025
round holds e-orders 999999) and any personal data (a practice's contact person)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from keyfigures.models import AgencyResult, Basis
from network.models import Contact
from practices.models import Effort, Practice, PracticeStatus
from tests.api.helpers import get_json

pytestmark = pytest.mark.django_db

SECRET = "999999"

EVERY_LIST = [
    "/api/v1/",
    "/api/v1/agencies",
    "/api/v1/rounds",
    "/api/v1/key-figures",
    "/api/v1/values?limit=1000",
    "/api/v1/values?key_figure=e-order-per-100-aa&limit=1000",
    "/api/v1/totals",
    "/api/v1/totals?key_figure=e-order-per-100-aa",
    "/api/v1/peer-groups",
    "/api/v1/practices",
    "/api/v1/openapi.json",
]


def _contact(agency) -> Contact:
    now = timezone.now()
    return Contact.objects.create(
        agency=agency,
        name="Kerstin Kontaktsson",
        role="E-handelsansvarig",
        email="kerstin@storverket.example",
        phone="070-123 45 67",
        consent_text="Jag samtycker.",
        consent_given_at=now,
        created_at=now,
        updated_at=now,
    )


def _practice(agency, *, title: str, status: str, contact=None, **extra) -> Practice:
    now = timezone.now()
    return Practice.objects.create(
        agency=agency,
        title=title,
        description="Vi krävde e-faktura i alla nya avtal.",
        started_on=extra.pop("started_on", date(2023, 1, 1)),
        themes=extra.pop("themes", ["procurement"]),
        figures=extra.pop("figures", ["andel-e-faktura"]),
        effort=Effort.MEDIUM,
        contact=contact,
        status=status,
        review_comment="Intern kommentar från granskaren",
        published_at=now if status == PracticeStatus.PUBLISHED else None,
        created_at=now,
        updated_at=extra.pop("updated_at", now),
    )


def test_the_draft_round_really_holds_the_secret(world):
    """The guard below means something only if the secret is in the database."""
    live = AgencyResult.objects.filter(round=world.draft_2025, basis=Basis.LIVE)
    assert live.filter(numerator=999999).exists()


@pytest.mark.parametrize("url", EVERY_LIST)
def test_no_endpoint_returns_anything_of_the_draft_round(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert SECRET not in text
    assert '"2025"' not in text


def test_no_filter_reaches_the_draft_round(client, world):
    for url in [
        "/api/v1/values?round=2025",
        "/api/v1/totals?round=2025",
        "/api/v1/peer-groups?round=2025",
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()
    every = get_json(client, f"/api/v1/values?agency={world.storverket.org_nr}&limit=1000")
    assert {r["round"] for r in every["results"]} == {"2023", "2024"}
    assert all(r["numerator"] != 999999 for r in every["results"])


def test_practices_only_published_and_never_the_contact(client, world):
    contact = _contact(world.storverket)
    published = _practice(
        world.storverket,
        title="Krav i upphandling",
        status=PracticeStatus.PUBLISHED,
        contact=contact,
    )
    _practice(world.mellanverket, title="Hemligt utkast", status=PracticeStatus.DRAFT)
    _practice(world.smaverket, title="Under granskning", status=PracticeStatus.SUBMITTED)

    response = client.get("/api/v1/practices")
    body = json.loads(response.content)
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == published.pk
    assert item["title"] == "Krav i upphandling"
    assert item["org_nr"] == world.storverket.org_nr
    assert item["themes"] == ["procurement"]
    assert item["key_figures"] == ["andel-e-faktura"]
    assert item["effort"] == "medium"
    assert "contact" not in item
    assert "review_comment" not in item
    text = response.content.decode()
    for personal in ["Kerstin", "kerstin@storverket.example", "070-123", "Intern kommentar"]:
        assert personal not in text
    assert "Hemligt utkast" not in text
    assert "Under granskning" not in text


def test_no_endpoint_carries_a_contact_person(client, world):
    contact = _contact(world.storverket)
    _practice(world.storverket, title="Öppen", status=PracticeStatus.PUBLISHED, contact=contact)
    for url in EVERY_LIST:
        text = client.get(url).content.decode()
        assert "Kerstin" not in text, url
        assert "kerstin@storverket.example" not in text, url


def test_practices_filters(client, world):
    now = timezone.now()
    _practice(
        world.storverket,
        title="Leverantörer",
        status=PracticeStatus.PUBLISHED,
        themes=["suppliers"],
        figures=["andel-e-faktura"],
        started_on=date(2024, 5, 1),
        updated_at=now - timedelta(days=30),
    )
    _practice(
        world.mellanverket,
        title="Beställare",
        status=PracticeStatus.PUBLISHED,
        themes=["ordering"],
        figures=["e-order-per-100-aa"],
        started_on=date(2023, 5, 1),
        updated_at=now,
    )
    everything = get_json(client, "/api/v1/practices")
    assert [p["title"] for p in everything["results"]] == ["Leverantörer", "Beställare"]
    assert [
        p["title"] for p in get_json(client, "/api/v1/practices?theme=ordering")["results"]
    ] == ["Beställare"]
    assert [
        p["title"]
        for p in get_json(client, "/api/v1/practices?key_figure=andel-e-faktura")["results"]
    ] == ["Leverantörer"]
    assert [
        p["title"]
        for p in get_json(client, f"/api/v1/practices?agency={world.mellanverket.org_nr}")[
            "results"
        ]
    ] == ["Beställare"]
    since = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    assert [
        p["title"] for p in get_json(client, f"/api/v1/practices?updated_since={since}")["results"]
    ] == ["Beställare"]
    page = get_json(client, "/api/v1/practices?limit=1")
    assert page["count"] == 2
    assert page["next"] == "http://testserver/api/v1/practices?limit=1&offset=1"
