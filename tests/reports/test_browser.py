"""The report pages in a real Chromium: axe-core's WCAG 2.1 AA rules, reflow at 320 px
and the skip link, as tests/browser/test_accessibility.py checks the other pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import assert_reflows, open_page
from tests.world import build_world

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/rapport/", id="report-list"),
    pytest.param("/rapport/{round_slug}/", id="yearly-sv"),
    pytest.param("/en/rapport/{round_slug}/", id="yearly-en"),
    pytest.param("/rapport/{round_slug}/myndigheter/{org_nr}/", id="card-sv"),
    pytest.param("/en/rapport/{round_slug}/myndigheter/{org_nr}/", id="card-en"),
    pytest.param("/rapport/{round_slug}/myndigheter/{silent_org_nr}/", id="card-silent"),
]


@pytest.fixture
def report_pages_data(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.REPORTS_BUILD_ON_PUBLISH = False  # the pages under test are HTML only
    world = build_world()
    return {
        "round_slug": world.round_2024.slug,
        "org_nr": world.smaverket.org_nr,
        "silent_org_nr": world.tystverket.org_nr,
    }


@pytest.mark.parametrize("path", PAGES)
def test_report_page_has_no_wcag_violations(page: Page, live_server, report_pages_data, path):
    open_page(page, live_server, report_pages_data, path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_report_page_reflows_at_320_css_pixels(page: Page, live_server, report_pages_data, path):
    open_page(page, live_server, report_pages_data, path)
    assert_reflows(page)


def test_building_page_has_no_wcag_violations(page: Page, live_server, report_pages_data):
    from django.utils import timezone

    from reports import selectors
    from reports.models import ReportFile, ReportKind, ReportStatus

    round_ = selectors.report_round_get(slug=report_pages_data["round_slug"])
    assert round_ is not None
    ReportFile.objects.create(
        round=round_,
        kind=ReportKind.YEARLY,
        source_key=selectors.source_key_yearly(round_=round_),
        status=ReportStatus.BUILDING,
        started_at=timezone.now(),
    )
    response = page.goto(live_server.url + f"/rapport/{round_.slug}/rapport.pdf")
    assert response is not None
    assert response.status == 503
    assert_no_axe_violations(page)
