"""The practice pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation on
the public list and detail, the agency page with a practice, the respondent's form (also
with errors) and list, and the office's review pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from practices.services import practice_create, practice_submit
from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.practices.conftest import (
    PASSWORD,
    PracticeWorld,
    build_practice_world,
    good_data,
    published_practice,
)

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser


@pytest.fixture
def live_pw(transactional_db) -> PracticeWorld:
    return build_practice_world()


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/konto/")


def test_public_practice_pages_have_no_wcag_violations(page: Page, live_server, live_pw):
    practice = published_practice(live_pw, contact_id=live_pw.contact.pk)
    page.goto(live_server.url + "/sa-gjorde-vi/")
    expect(page.get_by_role("heading", name="Så gjorde vi", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Tema").select_option("matching")
    page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_url("**/sa-gjorde-vi/?tema=matching*")
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/sa-gjorde-vi/{practice.pk}/")
    expect(page.get_by_role("heading", name="Uppmätt förändring", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/en/sa-gjorde-vi/{practice.pk}/")
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/myndigheter/{live_pw.mellanverket.org_nr}/")
    expect(page.get_by_role("heading", name="Så gjorde vi", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_respondent_pages_have_no_wcag_violations(page: Page, live_server, live_pw):
    log_in(page, live_server, live_pw.respondent.email)
    page.goto(live_server.url + f"/sa-gjorde-vi/ny/{live_pw.mellanverket.org_nr}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Rubrik").fill("Matchning mot avtal")
    page.get_by_label("Vad gjorde myndigheten?").fill("Vi lade upp abonnemangen som avtal.")
    page.get_by_label("Startdatum").fill("2024-03-01")
    page.get_by_label("Matchning och abonnemang").check()
    page.get_by_label("Andel matchade fakturor").check()
    page.get_by_label("Hur stor var insatsen?").select_option("medium")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(live_server.url + "/sa-gjorde-vi/mina/")
    expect(page.get_by_text("Exemplet är sparat som utkast")).to_be_visible()
    assert_no_axe_violations(page)


def test_office_review_pages_have_no_wcag_violations(page: Page, live_server, live_pw):
    practice = practice_create(
        user=live_pw.respondent, agency=live_pw.mellanverket, data=good_data()
    )
    practice_submit(user=live_pw.respondent, practice=practice)
    log_in(page, live_server, live_pw.office.email)
    page.goto(live_server.url + "/sa-gjorde-vi/granska/")
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/sa-gjorde-vi/granska/{practice.pk}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Återsänd till myndigheten").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)
