"""The respondent's "Lär av": for each key figure the three agencies to learn from, with
why, their active contacts and their published practices.

A constructed cohort: seven agencies of one department and size class in one published
round. Målverket is behind on every key figure; Avverket, Bäverket and Cederverket are
clearly ahead on all three (40 points, 40 points, four times the e-orders), Dalverket
and Elverket are only a little ahead (under the thresholds) and must never be listed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_create
from keyfigures.registry import KEY_FIGURES
from keyfigures.selectors import agency_history
from keyfigures.services import results_refresh
from learning.selectors import agency_learning
from network import services
from network.consent import consent_text
from practices.models import Practice, PracticeStatus
from publishing.services import round_publish
from register.models import Agency
from surveys.models import Response, ResponseStatus, RoundStatus, WorkflowState
from tests.factories import create_agency, create_round

pytestmark = pytest.mark.django_db

# name -> (supplier invoices, e-invoices, matched, e-orders), all with 200 ÅA
COHORT = {
    "Målverket": (1000, 500, 100, 100),
    "Avverket": (1000, 900, 500, 400),
    "Bäverket": (1000, 900, 500, 400),
    "Cederverket": (1000, 920, 520, 420),
    "Dalverket": (1000, 550, 140, 110),
    "Elverket": (1000, 540, 130, 105),
    "Fjällverket": (1000, 500, 100, 100),
}
AHEAD = {"Avverket", "Bäverket", "Cederverket"}


@dataclass
class Cohort:
    agencies: dict[str, Agency]
    respondent: User
    office: User


def build_cohort() -> Cohort:
    round_ = create_round(year=2024, status=RoundStatus.CLOSED)
    agencies = {}
    for name, (supplier, e_inv, matched, orders) in COHORT.items():
        agency = create_agency(name, department="Finansdepartementet", fte={2024: 200})
        agencies[name] = agency
        Response.objects.create(
            round=round_,
            agency=agency,
            fte=200,
            fte_year=2024,
            status=ResponseStatus.ANSWERED,
            supplier_invoices=supplier,
            e_invoices=e_inv,
            matched_invoices=matched,
            e_orders=orders,
            workflow=WorkflowState.APPROVED,
        )
    round_publish(round=round_)
    results_refresh()
    respondent = user_create(
        email="mal@example.se",
        role=Role.RESPONDENT,
        password=None,
        agencies=[agencies["Målverket"]],
    )
    office = user_create(email="kansli@example.se", role=Role.ANALYST, password=None)
    return Cohort(agencies=agencies, respondent=respondent, office=office)


def _opt_in(cohort: Cohort, agency_name: str, person: str, email: str):
    user = user_create(
        email=email, role=Role.RESPONDENT, password=None, agencies=[cohort.agencies[agency_name]]
    )
    return services.contact_opt_in(
        user=user,
        agency=cohort.agencies[agency_name],
        name=person,
        role="E-handelsansvarig",
        email=email,
        consent=True,
        consent_text=consent_text(),
    ), user


def _lists(html: str) -> list[str]:
    return re.findall(r'<ol class="learn-from"[^>]*>(.*?)</ol>', html, flags=re.S)


def test_three_per_figure_with_reasons_contacts_and_practices(client):
    cohort = build_cohort()
    _opt_in(cohort, "Avverket", "Agnes Avström", "agnes@avverket.se")
    gone, gone_user = _opt_in(cohort, "Bäverket", "Bertil Bäver", "bertil@baverket.se")
    services.contact_withdraw(user=gone_user, contact=gone)
    now = timezone.now()
    Practice.objects.create(
        agency=cohort.agencies["Cederverket"],
        title="Krav på e-faktura i alla avtal",
        description="Vi ställde krav i varje ny upphandling.",
        started_on=datetime.date(2023, 1, 1),
        themes=["procurement"],
        figures=["andel-e-faktura"],
        effort="medium",
        status=PracticeStatus.PUBLISHED,
        published_at=now,
        created_at=now,
        updated_at=now,
    )
    Practice.objects.create(
        agency=cohort.agencies["Cederverket"],
        title="Ett utkast som inte får synas",
        description="Utkast.",
        started_on=datetime.date(2023, 1, 1),
        effort="small",
        status=PracticeStatus.DRAFT,
        created_at=now,
        updated_at=now,
    )

    client.force_login(cohort.respondent)
    response = client.get("/natverk/lar-av/")
    assert response.status_code == 200
    html = response.content.decode()
    lists = _lists(html)
    assert len(lists) == len(KEY_FIGURES) == 3

    # the same ranking as learning.selectors, and by construction exactly the three ahead
    own = cohort.agencies["Målverket"]
    learning = agency_learning(agency=own, history=agency_history(agency=own))
    assert learning is not None
    for figure_list, figure in zip(lists, learning.learn, strict=True):
        names = re.findall(r'<p class="learn-name"><a [^>]*>([^<]+)</a>', figure_list)
        assert names == [item.agency.name for item in figure.items]
        assert set(names) == AHEAD
        for item in figure.items:
            assert item.reason in figure_list.replace("&#x27;", "'")
        # Avverket's active contact, Bäverket's withdrawn one not, Cederverket's practice
        avverket = figure_list[figure_list.index("Avverket") :]
        assert "Agnes Avström" in avverket
        assert "agnes@avverket.se" in avverket
        baverket = figure_list[figure_list.index("Bäverket") :].split("</li>\n    \n    <li>")[0]
        assert "Ingen kontaktperson anmäld" in baverket
        assert "Krav på e-faktura i alla avtal" in figure_list
    assert "Bertil" not in html
    assert "bertil@baverket.se" not in html
    assert "Ett utkast som inte får synas" not in html
    assert "Dalverket" not in html
    assert "Elverket" not in html
    assert "Myndighetens värde: 50 %." in html.replace("\u00a0", " ").replace("&nbsp;", " ")


def test_office_chooses_an_agency(client):
    cohort = build_cohort()
    client.force_login(cohort.office)
    empty = client.get("/natverk/lar-av/").content.decode()
    assert _lists(empty) == []
    assert "Välj en myndighet" in empty
    chosen = client.get(
        "/natverk/lar-av/", {"myndighet": cohort.agencies["Målverket"].org_nr}
    ).content.decode()
    assert len(_lists(chosen)) == 3
    unknown = client.get("/natverk/lar-av/", {"myndighet": "0000000000"})
    assert unknown.status_code == 200
    assert _lists(unknown.content.decode()) == []


def test_an_agency_that_never_answered_says_so(client, people):
    # Storverket answered; the world's respondent sees its lists. An agency with no
    # published answer gets the explanation instead of empty lists.
    lonely = create_agency("Ensamverket")
    user = user_create(
        email="ensam@example.se", role=Role.RESPONDENT, password=None, agencies=[lonely]
    )
    client.force_login(user)
    html = client.get("/natverk/lar-av/").content.decode()
    assert "har inte svarat i någon publicerad omgång" in html
    client.force_login(people.respondent)
    assert "Storverket" in client.get("/natverk/lar-av/").content.decode()
