"""When the files are built: on publication and correction (the round_published
receiver), by the build_open_data command, and on a request for a missing or outdated
file. Also the HTTP caching headers and 304."""

from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd  # type: ignore[import-untyped]
import pytest
from django.core.management import call_command
from django.utils.http import http_date
from simple_history.utils import update_change_reason

from keyfigures.services import results_refresh
from opendata.columns import COLUMN_NAMES
from opendata.models import OpenDataFile, Scope
from opendata.services import open_data_build
from publishing.services import round_publish
from surveys.lifecycle import round_close, round_reopen
from surveys.models import Response
from tests.world import build_world

pytestmark = pytest.mark.django_db

TEXT_COLUMNS = {c: str for c in COLUMN_NAMES if c in ("round", "org_nr") or c.endswith("_exact")}
URL_2024 = "/data/omgangar/2024/uppfoljning-2024.csv"


def frame_of(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), dtype=TEXT_COLUMNS)


def correct_2024(world, *, e_invoices: int) -> None:
    """Reopen 2024, change Mellanverket's e-invoices with a reason, publish version 2.

    Run with real commits (``transactional_db``): the on-commit callbacks run as in
    production, the results refresh first, then the round_published receivers.
    """
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.mellanverket)
    response.e_invoices = e_invoices
    response.save()
    update_change_reason(response, "Fel i underlaget")
    round_close(round=world.round_2024)
    round_publish(round=world.round_2024, note="Rättelse av e-fakturor")


def test_command_builds_every_file(world, capsys):
    call_command("build_open_data")
    names = set(OpenDataFile.objects.values_list("name", flat=True))
    assert names == {
        f"uppfoljning-{stem}.{fmt}"
        for stem in ("2023", "2024", "alla-omgangar")
        for fmt in ("csv", "xlsx", "json")
    }
    assert "9 filer" in capsys.readouterr().out
    stored = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    assert stored.scope == Scope.ROUND
    assert stored.publication_version == 1
    assert stored.sources == "2024:1"
    assert OpenDataFile.objects.get(name="uppfoljning-alla-omgangar.json").sources == (
        "2023:1,2024:1"
    )


def test_rebuilding_the_same_data_gives_the_same_bytes(world):
    first = {f.name: (f.sha256, f.data_modified) for f in open_data_build()}
    second = {f.name: (f.sha256, f.data_modified) for f in open_data_build()}
    assert first == second
    publication = world.round_2024.publications.get()
    assert first["uppfoljning-2024.csv"][1] == publication.published_at


def test_changed_bytes_move_last_modified(client, world):
    """A rebuild that changes a file without a new publication (here an agency renamed
    in the register) gives a new ETag and a later Last-Modified."""
    open_data_build()
    before = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    world.storverket.name = "Storverket (nytt namn)"
    world.storverket.save()
    open_data_build()
    after = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    assert after.sha256 != before.sha256
    assert after.data_modified > before.data_modified
    assert "Storverket (nytt namn)" in bytes(after.content).decode()


def test_a_request_for_a_missing_file_builds_it(client, world):
    assert not OpenDataFile.objects.exists()
    response = client.get(URL_2024)
    assert response.status_code == 200
    stored = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    assert bytes(stored.content) == response.content


def test_download_headers_and_conditional_get(client, world):
    response = client.get(URL_2024)
    stored = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    assert response["ETag"] == f'"{stored.sha256}"'
    assert response["Last-Modified"] == http_date(stored.data_modified.timestamp())
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-2024.csv"'
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert not response.cookies

    again = client.get(URL_2024, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]

    since = client.get(URL_2024, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    older = http_date((stored.data_modified - timedelta(days=1)).timestamp())
    assert client.get(URL_2024, HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    assert client.get(URL_2024, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.head(URL_2024).status_code == 200


def test_correction_rebuilds_the_files_with_the_new_value_and_marks(client, transactional_db):
    world = build_world()
    call_command("build_open_data", verbosity=0)
    old = client.get(URL_2024)
    before = frame_of(old.content)
    assert before[before["agency_name"] == "Mellanverket"].iloc[0]["e_invoices"] == 18000

    correct_2024(world, e_invoices=19000)

    # The receiver rebuilt the round's files and the all-rounds files at once.
    stored = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    assert stored.publication_version == 2
    assert stored.sources == "2024:2"
    assert OpenDataFile.objects.get(name="uppfoljning-alla-omgangar.csv").sources == (
        "2023:1,2024:2"
    )
    assert OpenDataFile.objects.get(name="uppfoljning-2023.csv").publication_version == 1

    response = client.get(URL_2024, HTTP_IF_NONE_MATCH=old["ETag"])
    assert response.status_code == 200  # the old ETag no longer matches
    frame = frame_of(response.content)
    mellan = frame[frame["agency_name"] == "Mellanverket"].iloc[0]
    assert mellan["e_invoices"] == 19000
    # 19 000 / 20 000 × 100 = 95
    assert mellan["share_e_invoices_exact"] == "95"
    assert mellan["corrected_fields"] == "e_invoices"
    assert mellan["share_e_invoices_corrected"]
    assert not mellan["share_matched_corrected"]
    assert mellan["publication_version"] == 2
    stor = frame[frame["agency_name"] == "Storverket"].iloc[0]
    assert pd.isna(stor["corrected_fields"])
    assert stor["publication_version"] == 2

    everything = frame_of(client.get("/data/alla-omgangar.csv").content)
    row = everything[
        (everything["agency_name"] == "Mellanverket") & (everything["round"] == "2024")
    ].iloc[0]
    assert row["e_invoices"] == 19000


def test_an_outdated_file_is_rebuilt_on_request(client, world):
    """Should the receiver not have run (an error, a deploy in between), the request
    notices the stored file was built from an older version and rebuilds it."""
    call_command("build_open_data", verbosity=0)
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.storverket)
    response.e_orders = 50000
    response.save()
    round_close(round=world.round_2024)
    round_publish(round=world.round_2024, note="Rättelse")  # callbacks not run: no receiver
    results_refresh()
    assert OpenDataFile.objects.get(name="uppfoljning-2024.csv").publication_version == 1

    frame = frame_of(client.get(URL_2024).content)
    stor = frame[frame["agency_name"] == "Storverket"].iloc[0]
    assert stor["e_orders"] == 50000
    assert stor["e_orders_per_100_fte_exact"] == "1000"
    assert OpenDataFile.objects.get(name="uppfoljning-2024.csv").publication_version == 2


def test_reopened_round_keeps_serving_the_published_version(client, world):
    round_reopen(round=world.round_2024)
    response = Response.objects.get(round=world.round_2024, agency=world.storverket)
    response.e_orders = 123457
    response.save()
    body = client.get(URL_2024).content + client.get("/data/alla-omgangar.json").content
    assert b"123457" not in body
    assert b"45000" in body


def test_a_failing_rebuild_does_not_break_publishing(transactional_db, monkeypatch, caplog):
    world = build_world()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("opendata.services.open_data_round_build", broken)
    correct_2024(world, e_invoices=17000)
    assert "Open data could not be rebuilt" in caplog.text
    assert world.round_2024.publications.count() == 2


def test_admin_lists_the_files_read_only(client, world, django_user_model):
    open_data_build()
    admin_user = django_user_model.objects.create_superuser(
        email="admin@example.se", password="x" * 12
    )
    client.force_login(admin_user)
    response = client.get("/admin/opendata/opendatafile/")
    assert response.status_code == 200
    assert "uppfoljning-2024.csv" in response.content.decode()
    stored = OpenDataFile.objects.get(name="uppfoljning-2024.csv")
    detail = client.get(f"/admin/opendata/opendatafile/{stored.pk}/change/")
    assert detail.status_code == 200
    assert stored.sha256 in detail.content.decode()
    assert client.get("/admin/opendata/opendatafile/add/").status_code == 403
