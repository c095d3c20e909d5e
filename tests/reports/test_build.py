"""Building and rebuilding: after a publication and a correction, in the background, by
hand, on demand, and what a reader sees while a build runs or after it failed."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from simple_history.utils import update_change_reason

from keyfigures.services import results_refresh
from publishing.models import Publication
from publishing.services import round_publish
from reports import selectors, services
from reports.models import ReportFile, ReportKind, ReportStatus
from reports.services import report_build
from surveys.lifecycle import round_close, round_reopen
from surveys.models import Response
from tests.reports.conftest import pdf_text
from tests.world import build_world

NB = "\u00a0"


def correct_2024(world, *, e_orders: int) -> None:
    """Reopen 2024, change Mellanverket's e-orders with a reason, close it again."""
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.mellanverket)
    response.e_orders = e_orders
    response.save()
    update_change_reason(response, "Felräknade e-order")
    round_close(round=world.round_2024)


def publish_with_commit_callbacks(world, capture) -> None:
    """Publish the correction and run what its commit runs, in that order: the results
    refresh, then the ``round_published`` receivers. (Inside the test's transaction the
    world fixture's refresh is still queued, so round_publish queues no second one.)"""
    with capture() as callbacks:
        round_publish(round=world.round_2024, note="Rättelse efter granskning")
    results_refresh()
    for callback in callbacks:
        callback()


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", pdf_text(pdf))


@pytest.mark.django_db
def test_correction_rebuilds_the_yearly_report_with_the_corrected_value(
    client, world, django_capture_on_commit_callbacks
):
    before = client.get("/rapport/2024/rapport.pdf")
    assert "till 821 år 2024" in flat(before.content)
    correct_2024(world, e_orders=4800)
    publish_with_commit_callbacks(world, django_capture_on_commit_callbacks)
    # built by the receiver, before any request: version 2, the new sha256
    stored = ReportFile.objects.get(round=world.round_2024, kind=ReportKind.YEARLY)
    assert stored.status == ReportStatus.READY
    assert stored.publication is not None
    assert stored.publication.version == 2
    assert f'"{stored.sha256}"' != before["ETag"]
    text = flat(bytes(stored.pdf))
    # e-orders per 100 ÅA 2024: (45 000 + 4 800 + 60 + 12) / 5 980 × 100 = 834.0
    assert "ökade från 661 år 2023 till 834 år 2024 (+173)" in text
    assert "821" not in text
    assert "Rättelse efter granskning" in text
    assert "Mellanverket: e-order 4 000 → 4 800 (Felräknade e-order)" in text
    assert "Bygger på version 2" in text
    # the request is answered from the store, and the old ETag no longer matches
    after = client.get("/rapport/2024/rapport.pdf", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] == f'"{stored.sha256}"'
    # the card is rebuilt on its next request and marks the corrected value
    card = client.get(f"/rapport/2024/myndigheter/{world.mellanverket.org_nr}.pdf")
    card_text = flat(card.content)
    assert re.search(
        r"E-order per 100 årsarbetskrafter \(e-order per 100 ÅA\) 600 \(rättat\)", card_text
    )


@pytest.mark.django_db
def test_correction_of_an_earlier_round_rebuilds_the_later_reports(
    world, django_capture_on_commit_callbacks
):
    round_reopen(round=world.round_2023)
    round_close(round=world.round_2023)
    with django_capture_on_commit_callbacks(execute=True):
        round_publish(round=world.round_2023, note="Ny version")
    built = {f.round.slug: f for f in ReportFile.objects.filter(kind=ReportKind.YEARLY)}
    assert set(built) == {"2023", "2024"}  # 2024 shows 2023 in its trend
    assert all(f.status == ReportStatus.READY for f in built.values())


@pytest.mark.django_db
def test_publication_builds_nothing_when_switched_off(
    settings, world, django_capture_on_commit_callbacks
):
    settings.REPORTS_BUILD_ON_PUBLISH = False
    correct_2024(world, e_orders=4800)
    with django_capture_on_commit_callbacks(execute=True):
        round_publish(round=world.round_2024, note="Rättelse")
    assert not ReportFile.objects.exists()


@pytest.mark.django_db
def test_a_failed_build_is_recorded_and_never_breaks_the_publication(
    monkeypatch, client, world, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("pango is missing")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", broken)
    correct_2024(world, e_orders=4800)
    with django_capture_on_commit_callbacks(execute=True):
        report = round_publish(round=world.round_2024, note="Rättelse")
    assert report.publication.version == 2
    stored = ReportFile.objects.get(round=world.round_2024, kind=ReportKind.YEARLY)
    assert stored.status == ReportStatus.FAILED
    assert "pango is missing" in stored.error
    response = client.get("/rapport/2024/rapport.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "kunde inte byggas" in response.content.decode()
    monkeypatch.undo()
    assert client.get("/rapport/2024/rapport.pdf").status_code == 200  # the next try builds


@pytest.mark.django_db
def test_a_running_build_is_answered_with_retry_after(client, world):
    ReportFile.objects.create(
        round=world.round_2024,
        kind=ReportKind.YEARLY,
        source_key=selectors.source_key_yearly(round_=world.round_2024),
        status=ReportStatus.BUILDING,
        started_at=timezone.now(),
    )
    response = client.get("/rapport/2024/rapport.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Rapporten byggs – försök igen om en stund" in html
    assert 'href="/rapport/2024/"' in html
    # a build that started long ago has died: the request builds it instead
    ReportFile.objects.update(started_at=timezone.now() - timedelta(hours=1))
    assert client.get("/rapport/2024/rapport.pdf").status_code == 200


@pytest.mark.django_db
def test_building_page_passes_the_page_check(client, world):
    from tests.pagecheck import page_problems

    ReportFile.objects.create(
        round=world.round_2024,
        kind=ReportKind.YEARLY,
        source_key=selectors.source_key_yearly(round_=world.round_2024),
        status=ReportStatus.BUILDING,
        started_at=timezone.now(),
    )
    response = client.get("/rapport/2024/rapport.pdf")
    assert not response.cookies
    assert page_problems(response.content.decode(), lang="sv") == []


@pytest.mark.django_db
def test_build_reports_command_builds_reports_and_cards(world):
    call_command("build_reports", "--cards")
    yearly = ReportFile.objects.filter(kind=ReportKind.YEARLY, status=ReportStatus.READY)
    cards = ReportFile.objects.filter(kind=ReportKind.CARD, status=ReportStatus.READY)
    assert sorted(f.round.slug for f in yearly) == ["2023", "2024"]
    assert cards.count() == 10  # five agencies in each published round
    assert not ReportFile.objects.filter(round=world.draft_2025).exists()
    stamps = {f.pk: f.built_at for f in yearly}
    call_command("build_reports", "--round", "2024")  # current: kept
    assert {f.pk: f.built_at for f in yearly} == stamps
    call_command("build_reports", "--round", "2024", "--force")
    rebuilt = ReportFile.objects.get(round=world.round_2024, kind=ReportKind.YEARLY)
    assert rebuilt.built_at != stamps[rebuilt.pk]


@pytest.mark.django_db
def test_build_reports_command_refuses_an_unpublished_round(world):
    with pytest.raises(CommandError, match="Ingen publicerad helårsomgång"):
        call_command("build_reports", "--round", "2025")


@pytest.mark.django_db
def test_unpublished_round_cannot_be_built(world):
    from reports.services import ReportError

    with pytest.raises(ReportError) as error:
        report_build(round_=world.draft_2025, kind=ReportKind.YEARLY)
    assert error.value.code == "not_published"


@pytest.mark.django_db(transaction=True)
def test_publication_builds_in_a_background_thread(settings, monkeypatch):
    settings.REPORTS_BUILD_ON_PUBLISH = False
    world = build_world()  # commits for real: the live data a thread can see
    settings.REPORTS_BUILD_ON_PUBLISH = True
    settings.REPORTS_BUILD_IN_BACKGROUND = True
    # The test database is in-memory SQLite, which the service never writes from a second
    # connection while the first one works; here the test thread only waits for it.
    monkeypatch.setattr(services, "_background_safe", lambda: True)
    publication = Publication.objects.get(round=world.round_2024)
    services.reports_schedule_after_publication(publication=publication)
    services.reports_schedule_after_publication(publication=publication)  # coalesced
    threads = [t for t in threading.enumerate() if t.name == "reports-builder"]
    assert len(threads) == 1
    assert threads[0].daemon
    threads[0].join(timeout=120)
    assert not threads[0].is_alive()
    stored = ReportFile.objects.get(round=world.round_2024, kind=ReportKind.YEARLY)
    assert stored.status == ReportStatus.READY
    assert bytes(stored.pdf).startswith(b"%PDF")
    assert not ReportFile.objects.filter(round=world.draft_2025).exists()


@pytest.mark.django_db
def test_reopened_round_keeps_its_published_report(client, world):
    # the live answer changes while the round is open again; the report does not
    correct_2024(world, e_orders=4800)
    results_refresh()
    text = flat(client.get("/rapport/2024/rapport.pdf").content)
    assert "till 821 år 2024" in text
    assert "834" not in text
    html = client.get(f"/rapport/2024/myndigheter/{world.mellanverket.org_nr}/").content.decode()
    assert "600" not in html
