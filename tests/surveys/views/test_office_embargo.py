"""The embargo: the live values of a round that is not published never reach a public page.

A distinctive value (987 654 e-orders and supplier invoices, for an agency of 100 ÅA, so
the key figure e-orders per 100 ÅA is 987 654 too) is entered through the office's
correction form in an open round. While the round is open, closed and never published,
the office sees it, and no public page shows it in any spelling. After publication it is
public; after reopening, a second distinctive correction stays hidden until version 2.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver

from accounts.models import Role
from accounts.services import user_create
from keyfigures.services import results_refresh
from publishing.services import round_publish
from surveys.models import Response, ResponseStatus, WorkflowState
from tests.factories import create_agency, create_round
from tests.surveys.views.office_world import client_for

pytestmark = pytest.mark.django_db

SECRET = 987654
SECOND_SECRET = 876543

# Every public route, with the paths that exercise it; {round}, {a} and {b} are filled in.
PUBLIC_PATHS: dict[str, list[str]] = {
    "start": ["/", "/en/"],
    "round-list": ["/omgangar/", "/en/omgangar/"],
    "round-results": ["/omgangar/{round}/", "/en/omgangar/{round}/", "/omgangar/2024/"],
    "round-changes": ["/omgangar/{round}/andringar/", "/omgangar/2024/andringar/"],
    "agency-list": ["/myndigheter/", "/myndigheter/?sok=alfa"],
    "agency-detail": ["/myndigheter/{a}/", "/en/myndigheter/{a}/", "/myndigheter/{b}/"],
    "agency-value": [
        "/myndigheter/{a}/verksamhetsnytta/",
        "/en/myndigheter/{b}/verksamhetsnytta/?hourly_cost=500",
    ],
    "figure-list": ["/nyckeltal/"],
    "figure-detail": [
        f"/nyckeltal/{figure}/?omgang={{round}}"
        for figure in ("andel-e-faktura", "andel-matchade", "e-order-per-100-aa")
    ]
    + ["/nyckeltal/e-order-per-100-aa/", "/en/nyckeltal/e-order-per-100-aa/?omgang={round}"],
    "compare": ["/jamfor/?m={a}&m={b}", "/en/jamfor/?m={a}&m={b}"],
}


def spellings(value: int) -> list[str]:
    """The ways a page could write the value: bare, Swedish and English thousands."""
    text = str(value)
    head, tail = text[:-3], text[-3:]
    return [text, f"{head}\u00a0{tail}", f"{head} {tail}", f"{head},{tail}", f"{head}&nbsp;{tail}"]


def leaks(client: Client, paths: list[str], value: int) -> list[str]:
    found: list[str] = []
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), f"GET {path}: {response.status_code}"
        html = response.content.decode()
        found.extend(f"{path}: {spelling!r}" for spelling in spellings(value) if spelling in html)
    return found


def all_paths(world) -> list[str]:
    return [
        path.format(round="2025", a=world["alfa"].org_nr, b=world["beta"].org_nr)
        for paths in PUBLIC_PATHS.values()
        for path in paths
    ]


@pytest.fixture
def world(db):
    """2024 published for Alfaverket (100 ÅA) and Betaverket; 2025 open with both in it."""
    alfa = create_agency("Alfaverket", fte={2024: 100, 2025: 100})
    beta = create_agency("Betaverket", fte={2024: 300, 2025: 300})
    published = create_round(year=2024, status="closed")
    for agency, fte, counts in (
        (alfa, 100, (1000, 800, 300, 400)),
        (beta, 300, (2000, 1500, 700, 900)),
    ):
        Response.objects.create(
            round=published,
            agency=agency,
            fte=fte,
            fte_year=2024,
            status=ResponseStatus.ANSWERED,
            workflow=WorkflowState.APPROVED,
            supplier_invoices=counts[0],
            e_invoices=counts[1],
            matched_invoices=counts[2],
            e_orders=counts[3],
        )
    round_publish(round=published)
    office = client_for(
        user_create(email="analytiker@uppfoljning.se", role=Role.ANALYST, password=None)
    )
    office.post("/uppfoljning/ny-omgang/", {"year": "2025", "period_type": "year"})
    office.post("/uppfoljning/2025/oppna/", {"opens_on": "2026-01-15", "deadline": "2026-02-28"})
    return {"alfa": alfa, "beta": beta, "office": office}


def correct(world, agency, **counts) -> None:
    response = Response.objects.get(round__slug="2025", agency=agency)
    data = {
        "status": "answered",
        "supplier_invoices": response.supplier_invoices,
        "e_invoices": response.e_invoices,
        "matched_invoices": response.matched_invoices,
        "e_orders": response.e_orders,
        "not_applicable_reason": "",
        "comment": "",
        "reason": "Inmatat av uppföljningsenheten",
        "revision": response.revision,
    }
    data.update(counts)
    page = world["office"].post(f"/uppfoljning/2025/{agency.org_nr}/", data)
    assert page.status_code == 302, page.content.decode()[:2000]
    results_refresh()  # what the commit would do


def test_every_public_route_is_checked():
    from public import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == set(PUBLIC_PATHS), "add the new public route to PUBLIC_PATHS"
    assert "public" in get_resolver().app_dict


def test_live_values_never_reach_a_public_page(world):
    alfa = world["alfa"]
    correct(
        world,
        alfa,
        supplier_invoices=SECRET,
        e_invoices=500,
        matched_invoices=400,
        e_orders=SECRET,
    )
    correct(
        world,
        world["beta"],
        supplier_invoices=2000,
        e_invoices=1500,
        matched_invoices=700,
        e_orders=900,
    )
    office = world["office"]
    # The office sees the live value and the live key figure …
    answer = office.get(f"/uppfoljning/2025/{alfa.org_nr}/").content.decode()
    assert "987\u00a0654" in answer
    assert answer.count("987\u00a0654") >= 3  # supplier invoices, e-orders, per 100 ÅA

    # … the public does not, while the round is open …
    anonymous = Client()
    paths = all_paths(world)
    assert leaks(anonymous, paths, SECRET) == []
    for path in ["/omgangar/2025/", "/omgangar/2025/andringar/", "/en/omgangar/2025/"]:
        assert anonymous.get(path).status_code == 404
    # … nor a logged-in respondent or the office itself on the public pages.
    assert leaks(office, paths, SECRET) == []

    # … nor once it is closed.
    assert office.post("/uppfoljning/2025/stang/").status_code == 302
    results_refresh()
    assert leaks(anonymous, paths, SECRET) == []
    assert anonymous.get("/omgangar/2025/").status_code == 404

    # Published, the value is public: the check above would have seen it.
    assert office.post("/uppfoljning/2025/publicera/", {"note": ""}).status_code == 302
    results_refresh()
    assert leaks(anonymous, ["/omgangar/2025/"], SECRET) != []

    # Reopened for corrections, a new value stays hidden until the next version.
    assert office.post("/uppfoljning/2025/oppna-for-rattelser/").status_code == 302
    correct(world, alfa, e_orders=SECOND_SECRET)
    assert leaks(anonymous, paths, SECOND_SECRET) == []
    assert office.post("/uppfoljning/2025/stang/").status_code == 302
    results_refresh()
    assert leaks(anonymous, paths, SECOND_SECRET) == []
    published = office.post("/uppfoljning/2025/publicera/", {"note": "Rättelse"})
    assert published.status_code == 302
    results_refresh()
    assert leaks(anonymous, ["/omgangar/2025/"], SECOND_SECRET) != []


def test_a_draft_round_is_invisible_to_the_public(world):
    office = world["office"]
    office.post("/uppfoljning/ny-omgang/", {"year": "2026", "period_type": "year"})
    assert office.get("/uppfoljning/2026/").status_code == 200
    anonymous = Client()
    assert anonymous.get("/omgangar/2026/").status_code == 404
    assert "2026" not in anonymous.get("/omgangar/").content.decode().split("<main", 1)[1]
