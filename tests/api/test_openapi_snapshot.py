"""The OpenAPI document is a promise (docs/api.md, "Stabilitet"): this test fails when
the live document differs from the committed snapshot. After a deliberate, compatible
change (a field or an endpoint added), update the snapshot and commit it:

    UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")
UPDATE_COMMAND = "UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py"


def _text(document: object) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.django_db
def test_openapi_document_matches_the_committed_snapshot(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    live = _text(json.loads(response.content))
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT") == "1":
        SNAPSHOT.write_text(live, encoding="utf-8")
    assert SNAPSHOT.is_file(), f"No OpenAPI snapshot yet. Create it with: {UPDATE_COMMAND}"
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if live != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    live.splitlines(keepends=True),
                    "openapi.snapshot.json (committed)",
                    "/api/v1/openapi.json (live)",
                )
            )[:80]
        )
        pytest.fail(
            "The OpenAPI document has changed.\n"
            "Within v1 fields and endpoints may be added but never renamed or removed "
            "(docs/api.md). If the change is deliberate and compatible, update the snapshot "
            f"and commit it:\n\n    {UPDATE_COMMAND}\n\n{diff}",
            pytrace=False,
        )


def test_the_snapshot_keeps_every_v1_field():
    """A snapshot update cannot quietly drop a promised field: the core ones are listed."""
    document = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    value_fields = set(schemas["ValueOut"]["properties"])
    assert {
        "round",
        "org_nr",
        "agency",
        "key_figure",
        "state",
        "value",
        "value_display",
        "figure_class",
        "rank",
        "change",
    } <= value_fields
    assert {"count", "next", "previous", "results"} <= set(schemas["ValuePage"]["properties"])
    assert {"code", "message", "message_en", "details"} <= set(schemas["ErrorDetail"]["properties"])
    assert "contact" not in schemas["PracticeOut"]["properties"]


@pytest.mark.django_db
def test_served_document_is_the_one_schemathesis_tests(client):
    from api.v1 import api

    served = json.loads(client.get("/api/v1/openapi.json").content)
    assert served == json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))
