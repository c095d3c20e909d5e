"""A correction through the real services: while 2024 is reopened the API keeps the
published version; after republishing it shows version 2, marks the corrected value and
``updated_since`` finds exactly what the correction changed."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.utils import timezone
from simple_history.utils import update_change_reason

from keyfigures.services import results_refresh
from publishing.services import round_publish
from surveys.lifecycle import round_close, round_reopen
from surveys.models import Response
from tests.api.helpers import get_json, rows_by

pytestmark = pytest.mark.django_db


def _fresh() -> None:
    """The public response cache keys on a stamp remembered for a while; start clean."""
    for cache in caches.all():
        cache.clear()


def test_correction_is_invisible_until_republished_then_versioned(client, world):
    url = f"/api/v1/values?agency={world.mellanverket.org_nr}&round=2024"
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.mellanverket)
    response.e_orders = 4800
    response.save()
    update_change_reason(response, "Felräknade e-order")
    results_refresh()
    _fresh()

    during = rows_by(get_json(client, url)["results"], "key_figure")
    orders = during[("e-order-per-100-aa",)]
    assert orders["numerator"] == 4000  # the published version 1, not the live 4 800
    assert orders["publication_version"] == 1
    assert "4800" not in str(get_json(client, "/api/v1/values?limit=1000"))

    before = timezone.now()
    round_close(round=world.round_2024)
    round_publish(round=world.round_2024, note="Rättade e-order")
    results_refresh()  # on commit in production; the test's transaction never commits
    _fresh()

    after = rows_by(get_json(client, url)["results"], "key_figure")
    orders = after[("e-order-per-100-aa",)]
    assert orders["numerator"] == 4800
    assert orders["value"] == "600"  # 4800 / 800 × 100
    assert orders["publication_version"] == 2
    assert orders["is_corrected"] is True
    assert after[("andel-e-faktura",)]["is_corrected"] is False  # its inputs did not change

    rounds = {r["slug"]: r for r in get_json(client, "/api/v1/rounds")["results"]}
    assert rounds["2024"]["version"] == 2
    assert rounds["2023"]["version"] == 1

    since = before.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    changed = get_json(client, f"/api/v1/values?updated_since={since}")
    assert changed["count"] == 15
    assert {r["round"] for r in changed["results"]} == {"2024"}


def test_values_run_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    _fresh()
    # 8 of them are the two public-change clocks (response cache and conditional GET).
    with django_assert_max_num_queries(14):
        client.get("/api/v1/values?limit=1000")
    _fresh()
    with django_assert_max_num_queries(20):
        client.get("/api/v1/values?peer_group=size:upp-till-199&updated_since=2020-01-01T00:00:00Z")
    _fresh()
    with django_assert_max_num_queries(18):
        client.get("/api/v1/totals")
