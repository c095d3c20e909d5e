"""The goal pages in a real Chromium: a respondent logs in, sets a goal, meets an error,
and the office opens everyone's goals; axe-core finds no WCAG 2.1 A/AA violation, and
the public agency page with its goal section passes too."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from learning.services import goal_set
from tests.browser.axe import assert_no_axe_violations
from tests.browser.chromium import browser_type_launch_args
from tests.surveys.views.conftest import PASSWORD, Setting, build_setting

__all__ = ["browser_type_launch_args"]

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def live_setting(transactional_db) -> Setting:
    return build_setting()


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/konto/")


def test_goal_pages_have_no_wcag_violations(page: Page, live_server, live_setting):
    setting = live_setting
    log_in(page, live_server, setting.respondent.email)
    page.goto(live_server.url + "/mal/")
    assert_no_axe_violations(page)

    page.get_by_label("Målvärde").fill("200")
    page.get_by_label("Målår").fill("1999")
    page.get_by_role("button", name="Spara målet").click()
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Målvärde").fill("95")
    page.get_by_label("Målår").fill("2030")
    page.get_by_role("button", name="Spara målet").click()
    page.wait_for_url(live_server.url + "/mal/")
    expect(page.get_by_text("Målet är sparat")).to_be_visible()
    assert_no_axe_violations(page)


def test_office_goal_table_has_no_wcag_violations(page: Page, live_server, live_setting):
    setting = live_setting
    goal_set(
        user=setting.office,
        agency=setting.alfa,
        figure="andel-e-faktura",
        value=Decimal(95),
        year=2030,
    )
    log_in(page, live_server, setting.office.email)
    page.goto(live_server.url + "/mal/alla/")
    assert (
        page.get_by_role("cell", name="Alfaverket").count()
        + page.get_by_role("rowheader", name="Alfaverket").count()
        == 1
    )
    assert_no_axe_violations(page)


def test_public_agency_page_with_goals_has_no_wcag_violations(
    page: Page, live_server, transactional_db
):
    from accounts.models import Role
    from accounts.services import user_create
    from tests.world import build_world

    world = build_world()
    office = user_create(email="analytiker@uppfoljning.se", role=Role.ANALYST, password=None)
    goal_set(
        user=office, agency=world.storverket, figure="andel-e-faktura", value=Decimal(98), year=2026
    )
    goal_set(
        user=office, agency=world.storverket, figure="andel-matchade", value=Decimal(90), year=2026
    )
    page.goto(live_server.url + f"/myndigheter/{world.storverket.org_nr}/")
    expect(page.get_by_role("heading", name="Mål", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
