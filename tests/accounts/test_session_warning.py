"""The warning before the login ends (WCAG 2.2.1 Timing Adjustable): logged-in pages know
when the session ends, warn before it and can extend it; anonymous pages carry nothing."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.sessions.models import Session

from accounts.session_expiry import EXPIRES_KEY
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _expires_at(html: str) -> int:
    match = re.search(r'data-expires-at="(\d+)"', html)
    assert match, "no session warning on the page"
    return int(match.group(1))


def _log_in(client, people) -> None:
    response = client.post(
        "/konto/logga-in/", {"username": people.respondent_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_logged_in_page_knows_when_the_login_ends(client, people, settings):
    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_WARNING_SECONDS = 120
    before = time.time()
    _log_in(client, people)
    html = client.get("/konto/").content.decode()
    expires = _expires_at(html)
    assert before + 3600 - 2 <= expires <= time.time() + 3600 + 2
    assert 'data-warn-before="120"' in html
    assert "accounts/session.js" in html
    assert 'role="alertdialog"' in html
    # the end the page shows is the end the database keeps
    stored = Session.objects.get(session_key=client.session.session_key).expire_date
    assert abs(stored.timestamp() - expires) <= 2


def test_the_warning_never_comes_later_than_the_login_lasts(client, people, settings):
    settings.SESSION_COOKIE_AGE = 60
    settings.SESSION_WARNING_SECONDS = 300
    _log_in(client, people)
    assert 'data-warn-before="60"' in client.get("/konto/").content.decode()


def test_anonymous_pages_carry_no_warning_and_no_script(client):
    html = client.get("/nyckeltal/").content.decode()
    assert "session-warning" not in html
    assert "session.js" not in html


def test_extending_renews_the_session_and_answers_json(client, people, settings):
    settings.SESSION_COOKIE_AGE = 3600
    _log_in(client, people)
    session = client.session
    session[EXPIRES_KEY] = time.time() + 10  # as if the login were about to end
    session.save()
    response = client.post("/konto/forlang/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    expires = response.json()["expires_at"]
    assert time.time() + 3600 - 5 <= expires <= time.time() + 3600 + 5
    stored = Session.objects.get(session_key=client.session.session_key).expire_date
    assert abs(stored.timestamp() - expires) <= 2


def test_extending_without_the_script_returns_to_the_page(client, people):
    _log_in(client, people)
    response = client.post("/konto/forlang/", {"next": "/mal/"})
    assert response.status_code == 302
    assert response["Location"] == "/mal/"
    response = client.post("/konto/forlang/", {"next": "https://example.com/"})
    assert response["Location"] == "/konto/"


def test_extending_needs_a_login_and_a_post(client):
    response = client.post("/konto/forlang/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert "Logga in igen" in response.json()["message"]
    assert client.post("/konto/forlang/").status_code == 302
    assert client.get("/konto/forlang/").status_code == 405


@pytest.mark.browser
def test_the_warning_shows_before_the_end_and_extends_the_login(
    page, live_server, live_people, settings
):
    from playwright.sync_api import expect

    from tests.accounts.test_browser import log_in
    from tests.browser.axe import assert_no_axe_violations

    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_WARNING_SECONDS = 3600 - 2  # the warning comes two seconds in
    log_in(page, live_server, live_people.respondent_a.email, PASSWORD)
    page.wait_for_url(live_server.url + "/konto/")
    warning = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning.get_by_role("button", name="Förläng inloggningen")).to_be_focused()
    assert re.search(r"klockan \d\d[:.]\d\d\.", warning.inner_text())
    assert_no_axe_violations(page)
    warning.get_by_role("button", name="Förläng inloggningen").click()
    expect(warning).to_be_hidden()
    expect(page.locator("[data-session-status]")).to_have_text("Inloggningen är förlängd.")
    # still on the same page, nothing lost
    assert page.url == live_server.url + "/konto/"
