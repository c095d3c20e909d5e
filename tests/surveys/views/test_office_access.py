"""The authorization matrix of the office pages: every URL and action × every role.

Anonymous visitors are sent to the login page, respondents (of agency A, whose answer
several of these pages show, and of agency B) get 403 and change nothing, the office
(analyst and administrator) may do everything. Each action is set up so that it works
for the office: its fingerprint of the database changes, which shows the action was
real, while for everyone else the fingerprint stays exactly the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from django.core import mail

from surveys.models import WorkflowState
from tests.surveys.views.office_world import (
    LOGIN_PATH,
    OfficeWorld,
    client_for,
    office_world,
    state_fingerprint,
)

__all__ = ["office_world"]

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "respondent_a", "respondent_b", "analyst", "administrator"]
OFFICE = {"analyst", "administrator"}

# Pages: (id, path); {a}, {b}, {c} are the agencies' organisation numbers.
PAGES = [
    ("rounds", "/uppfoljning/"),
    ("rounds-en", "/en/uppfoljning/"),
    ("dashboard-draft", "/uppfoljning/2026/"),
    ("dashboard-open", "/uppfoljning/2025/"),
    ("dashboard-filtered", "/uppfoljning/2025/?status=submitted"),
    ("open-confirm", "/uppfoljning/2026/oppna/"),
    ("close-confirm", "/uppfoljning/2025/stang/"),
    ("publish-confirm", "/uppfoljning/2024/publicera/"),
    ("reopen-confirm", "/uppfoljning/2023/oppna-for-rattelser/"),
    ("remind-confirm", "/uppfoljning/2025/paminnelse/"),
    ("review", "/uppfoljning/2025/granska/"),
    ("answer-a", "/uppfoljning/2025/{a}/"),
    ("answer-b", "/uppfoljning/2025/{b}/"),
    ("answer-a-en", "/en/uppfoljning/2025/{a}/"),
    ("answer-published", "/uppfoljning/2023/{a}/"),
]


@dataclass(frozen=True)
class Action:
    path: str
    data: Callable[[OfficeWorld], dict[str, Any]]


def _no_data(world: OfficeWorld) -> dict[str, Any]:
    return {}


def _correction(world: OfficeWorld) -> dict[str, Any]:
    response = world.response(world.open_2025, world.beta)
    return {
        "status": "answered",
        "supplier_invoices": "2100",
        "e_invoices": "1700",
        "matched_invoices": "800",
        "e_orders": "995",
        "not_applicable_reason": "",
        "comment": "",
        "reason": "Rättat efter samtal",
        "revision": response.revision,
    }


ACTIONS = {
    "round-create": Action(
        "/uppfoljning/ny-omgang/", lambda w: {"year": 2027, "period_type": "year"}
    ),
    "population-add": Action(
        "/uppfoljning/2026/population/lagg-till/", lambda w: {"agency": w.gamma.pk}
    ),
    "population-remove": Action(
        "/uppfoljning/2026/population/ta-bort/", lambda w: {"agency": w.alfa.pk}
    ),
    "population-reset": Action("/uppfoljning/2026/population/enligt-regeln/", _no_data),
    "round-open": Action(
        "/uppfoljning/2026/oppna/",
        lambda w: {"opens_on": "2027-01-15", "deadline": "2027-02-28"},
    ),
    "round-close": Action("/uppfoljning/2025/stang/", _no_data),
    "round-publish": Action("/uppfoljning/2024/publicera/", lambda w: {"note": ""}),
    "round-reopen": Action("/uppfoljning/2023/oppna-for-rattelser/", _no_data),
    "round-remind": Action("/uppfoljning/2025/paminnelse/", _no_data),
    "response-approve": Action("/uppfoljning/2025/{a}/godkann/", lambda w: {"next": "granska"}),
    "response-return": Action(
        "/uppfoljning/2025/{a}/skicka-tillbaka/",
        lambda w: {"next": "granska", f"svar-{w.response(w.open_2025, w.alfa).pk}-comment": "Fel"},
    ),
    "response-correct": Action("/uppfoljning/2025/{b}/", _correction),
}
# POST-only endpoints: a GET is 405 for the office, and refused like any other for the rest.
POST_ONLY = [
    "/uppfoljning/ny-omgang/",
    "/uppfoljning/2026/population/lagg-till/",
    "/uppfoljning/2026/population/ta-bort/",
    "/uppfoljning/2026/population/enligt-regeln/",
    "/uppfoljning/2025/{a}/godkann/",
    "/uppfoljning/2025/{a}/skicka-tillbaka/",
]


def _url(world: OfficeWorld, path: str) -> str:
    return path.format(a=world.alfa.org_nr, b=world.beta.org_nr, c=world.gamma.org_nr)


def _assert_refused(response, role: str, url: str) -> None:
    if role == "anonymous":
        assert response.status_code == 302, f"{url}: {response.status_code}"
        assert response["Location"] == f"{LOGIN_PATH}?next={quote(url)}" or response[
            "Location"
        ].startswith(f"/en{LOGIN_PATH}?next="), response["Location"]
    else:
        assert response.status_code == 403, f"{role} {url}: {response.status_code}"
        html = response.content.decode()
        assert "Du har inte behörighet" in html or "permission" in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[page[0] for page in PAGES])
def test_get_pages(office_world, role, name, path):
    url = _url(office_world, path)
    response = client_for(office_world.users()[role]).get(url)
    if role in OFFICE:
        assert response.status_code == 200, f"{role} GET {url}: {response.status_code}"
        assert "no-cache" in response["Cache-Control"]  # live values: never cached
    else:
        _assert_refused(response, role, url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_post_actions(office_world, role, name, django_capture_on_commit_callbacks):
    action = ACTIONS[name]
    url = _url(office_world, action.path)
    data = action.data(office_world)
    before = state_fingerprint()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(office_world.users()[role]).post(url, data)
    if role in OFFICE:
        assert response.status_code == 302, (
            f"{role} POST {url}: {response.status_code}\n{response.content.decode()[:3000]}"
        )
        assert not response["Location"].startswith(LOGIN_PATH)
        assert state_fingerprint() != before, f"{name} changed nothing for {role}"
    else:
        _assert_refused(response, role, url)
        assert state_fingerprint() == before, f"{name} by {role} changed the database"
        assert mail.outbox == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", POST_ONLY)
def test_post_only_endpoints_refuse_get(office_world, role, path):
    url = _url(office_world, path)
    response = client_for(office_world.users()[role]).get(url)
    if role in OFFICE:
        assert response.status_code == 405
    else:
        _assert_refused(response, role, url)


def test_a_service_centre_respondent_is_refused_too(office_world):
    client = client_for(office_world.centre)
    before = state_fingerprint()
    for path in ["/uppfoljning/", "/uppfoljning/2025/", "/uppfoljning/2025/{b}/"]:
        assert client.get(_url(office_world, path)).status_code == 403
    assert client.post(_url(office_world, "/uppfoljning/2025/stang/")).status_code == 403
    assert state_fingerprint() == before


def test_an_inactive_office_user_is_refused(office_world):
    office_world.analyst.is_active = False
    office_world.analyst.save(update_fields=["is_active"])
    client = client_for(office_world.analyst)
    response = client.get("/uppfoljning/")
    assert response.status_code in (302, 403)
    assert office_world.response(office_world.open_2025, office_world.alfa).workflow == (
        WorkflowState.SUBMITTED
    )


def test_the_matrix_covers_every_office_route(office_world):
    from django.urls import resolve

    from surveys import urls_office

    covered = {
        resolve(_url(office_world, path).removeprefix("/en").split("?")[0]).url_name
        for path in [*(page[1] for page in PAGES), *(a.path for a in ACTIONS.values())]
    }
    assert covered == {pattern.name for pattern in urls_office.urlpatterns}
