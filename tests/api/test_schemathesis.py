"""schemathesis generates requests from the API's OpenAPI document and runs all its
checks (not a server error, status codes, content types, response schemas, headers,
positive data accepted, …) against the API on the world fixture's data. Runs in
``make test``; examples are kept few so that it takes well under a minute."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from api.v1 import api

MAX_EXAMPLES = 15

# The document served at /api/v1/openapi.json (test_openapi_snapshot checks they agree).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def generous_rate_limit(settings) -> None:
    # Hundreds of requests in a few seconds: the per-client limit must not answer them.
    settings.API_RATE_LIMIT = "1000000/m"


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """schemathesis calls the WSGI application directly, not through Django's test client,
    so Django would close the database connection after each request: on PostgreSQL that
    ends the test's transaction (SQLite in memory ignores it). Do what the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_conforms_to_its_openapi_document(case, world):
    case.call_and_validate()
