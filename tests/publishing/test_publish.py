"""Publishing versions, corrections and the embargo, through the services and HTTP."""

from __future__ import annotations

import datetime
import re

import pytest
from simple_history.utils import update_change_reason

from keyfigures.services import results_refresh
from publishing.models import Correction, Publication
from publishing.services import PublishError, round_publish
from surveys.lifecycle import RoundTransitionError, round_close, round_open, round_reopen
from surveys.models import Response, RoundStatus

pytestmark = pytest.mark.django_db


def correct(world, agency, *, e_orders: int, reason: str) -> None:
    """Reopen 2024, change one agency's e-orders with a reason, close it again."""
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=agency)
    response.e_orders = e_orders
    response.save()
    update_change_reason(response, reason)
    round_close(round=world.round_2024)


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_first_publication_is_version_one(world):
    publication = Publication.objects.get(round=world.round_2024)
    assert publication.version == 1
    assert publication.responses.count() == 5
    assert world.round_2024.status == RoundStatus.PUBLISHED


def test_publish_needs_a_closed_round(world):
    with pytest.raises(PublishError) as error:
        round_publish(round=world.draft_2025)
    assert "måste vara stängd" in error.value.message


def test_lifecycle_refuses_wrong_order(world):
    with pytest.raises(RoundTransitionError):
        round_close(round=world.draft_2025)
    with pytest.raises(RoundTransitionError) as error:
        round_open(
            round=world.draft_2025,
            opens_on=datetime.date(2026, 2, 1),
            deadline=datetime.date(2026, 1, 1),
        )
    assert "Sista svarsdag" in error.value.message
    round_open(
        round=world.draft_2025,
        opens_on=datetime.date(2026, 1, 15),
        deadline=datetime.date(2026, 2, 28),
    )
    world.draft_2025.refresh_from_db()
    assert world.draft_2025.status == RoundStatus.OPEN
    assert world.draft_2025.deadline == datetime.date(2026, 2, 28)


def test_republishing_needs_a_reason(world):
    correct(world, world.mellanverket, e_orders=5000, reason="Felräknade e-order")
    with pytest.raises(PublishError) as error:
        round_publish(round=world.round_2024)
    assert "ändringsloggen" in error.value.message


def test_reopened_round_keeps_showing_the_published_version(client, world):
    correct(world, world.mellanverket, e_orders=4800, reason="Felräknade e-order")
    results_refresh()
    html = client.get("/omgangar/2024/").content.decode()
    # still version 1: 4 000 e-orders, and the corrected 4 800 nowhere
    assert "4\u00a0000" in html
    assert "4\u00a0800" not in html


def test_correction_is_a_new_marked_version_with_a_change_log(client, world):
    correct(world, world.mellanverket, e_orders=4800, reason="Felräknade e-order")
    report = round_publish(round=world.round_2024, note="Rättelse efter granskning")
    results_refresh()
    assert report.publication.version == 2
    assert report.n_corrections == 1
    correction = Correction.objects.get(publication=report.publication)
    assert (correction.field, correction.old_value, correction.new_value) == (
        "e_orders",
        "4000",
        "4800",
    )
    assert correction.reason == "Felräknade e-order"  # the reason given with the change

    results = text_of(client.get("/omgangar/2024/"))
    assert "Version 2" in results
    assert "4\u00a0800" in results
    assert "Se ändringsloggen" in results
    html = client.get("/omgangar/2024/").content.decode()
    assert html.count('class="corrected"') == 1  # only e-orders per 100 ÅA changed

    log = text_of(client.get("/omgangar/2024/andringar/"))
    assert "Version 2" in log
    assert "Rättelse efter granskning" in log
    assert "Mellanverket" in log
    assert "e-order" in log
    assert "4\u00a0000" in log
    assert "4\u00a0800" in log
    assert "Felräknade e-order" in log


def test_change_log_of_unpublished_round_is_not_found(client, world):
    assert client.get("/omgangar/2025/andringar/").status_code == 404


def test_workflow_comments_never_become_public_correction_reasons(world):
    correct(world, world.mellanverket, e_orders=4800, reason="Felräknade e-order")
    # a later workflow step with its own words, changing no published value
    response = Response.objects.get(round=world.round_2024, agency=world.mellanverket)
    response.office_comment = "Intern kommentar"
    response.save()
    update_change_reason(response, "Skickad tillbaka: intern kommentar")
    report = round_publish(round=world.round_2024, note="Rättelse")
    reasons = set(
        Correction.objects.filter(publication=report.publication).values_list("reason", flat=True)
    )
    assert reasons == {"Felräknade e-order"}


def test_a_missing_total_shows_as_not_computable_not_a_crash(client, world):
    from keyfigures.models import GroupResult

    GroupResult.objects.all().delete()
    assert client.get("/omgangar/2024/").status_code == 200
    assert client.get("/").status_code == 200
