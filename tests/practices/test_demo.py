"""The demo loader: the sourced Fortifikationsverket example, simulated examples on the
agencies whose figures rose most, idempotent, and graceful without the agency."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from practices.demo import FORTIFIKATIONSVERKET_TITLE, load_demo_practices
from practices.models import Practice, PracticeStatus
from register.models import Agency
from tests.world import org_nr


def test_without_fortifikationsverket_only_simulated_examples(world):
    count = load_demo_practices()
    practices = list(Practice.objects.all())
    assert count == len(practices) > 0
    assert all(p.is_simulated and p.status == PracticeStatus.PUBLISHED for p in practices)
    assert not Practice.objects.filter(title=FORTIFIKATIONSVERKET_TITLE).exists()


def test_demo_examples_and_idempotence(world):
    fortifikationsverket = Agency.objects.create(
        org_nr=org_nr("202100460"), name="Fortifikationsverket", department="Försvarsdepartementet"
    )
    first = load_demo_practices()
    before = {
        p.pk: (p.agency_id, p.title, p.started_on, p.updated_at, p.published_at)
        for p in Practice.objects.all()
    }
    assert load_demo_practices() == first
    after = {
        p.pk: (p.agency_id, p.title, p.started_on, p.updated_at, p.published_at)
        for p in Practice.objects.all()
    }
    assert after == before  # nothing duplicated, nothing touched

    real = Practice.objects.get(agency=fortifikationsverket)
    assert not real.is_simulated
    assert real.status == PracticeStatus.PUBLISHED
    assert "generaldirektören" in real.description
    assert "Vi behöver lära av varandra" in real.source_label
    assert real.figures == ["e-order-per-100-aa"]
    assert "leadership" in real.themes

    # Each simulated example goes to the biggest 2023 → 2024 rise of its figure among the
    # agencies not yet used. E-invoices: Småverket 50 → 66.7 %, Mellanverket 75 → 90 %,
    # Storverket 90 → 95 %. Matched: Mellanverket (+30) is used, so Storverket 50 → 60 %.
    # E-orders per 100 ÅA: the rest is Nollverket 16.7 → 20 (Tystverket did not answer).
    simulated = {p.title: p.agency for p in Practice.objects.filter(is_simulated=True)}
    assert simulated == {
        "Krav på e-faktura i alla nya avtal": world.smaverket,
        "Leverantörsdag om e-faktura": world.mellanverket,
        "Abonnemang och hyror matchas automatiskt": world.storverket,
        "Färre beställare med utbildning": world.nollverket,
    }
    # started early in the jump year: 2023 is the baseline, 2024 the first round after
    assert {p.started_on for p in Practice.objects.filter(is_simulated=True)} == {date(2024, 2, 1)}


def test_demo_examples_are_labelled_on_the_public_list(world, client):
    load_demo_practices()
    body = client.get("/sa-gjorde-vi/").content.decode()
    assert body.count("Simulerat exempel") == Practice.objects.filter(is_simulated=True).count()


def test_command(world):
    out = StringIO()
    call_command("load_demo_practices", stdout=out)
    assert f"{Practice.objects.count()} exempel inlästa" in out.getvalue()
