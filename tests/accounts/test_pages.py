"""Every account page passes the page check; the header's login area keeps public pages
cookie-free."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Role
from accounts.services import invitation_create
from tests.accounts.conftest import client_for
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

# Pages with a form set the session cookie (the CSRF token lives in the session).
ANONYMOUS_FORM_PAGES = ["/konto/logga-in/", "/konto/losenord/"]
ANONYMOUS_PAGES = ["/konto/personuppgifter/", "/konto/losenord/skickat/", "/konto/losenord/klart/"]


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ANONYMOUS_FORM_PAGES)
def test_form_pages_pass_the_page_check(client, path, prefix):
    check_page(client, prefix + path, allow_cookies=True)


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_pages_without_forms_set_no_cookies(client, path, prefix):
    check_page(client, prefix + path)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_behind_the_login_pass_the_page_check(people, prefix):
    check_page(client_for(people.service_centre), f"{prefix}/konto/", allow_cookies=True)
    check_page(client_for(people.analyst), f"{prefix}/konto/", allow_cookies=True)
    check_page(client_for(people.administrator), f"{prefix}/konto/bjud-in/", allow_cookies=True)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_invitation_acceptance_page_passes_the_page_check(
    people, prefix, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            email="ny@myndighet.se",
            role=Role.RESPONDENT,
            agencies=[people.agency_a],
            created_by=people.analyst,
            site_url="http://testserver",
        )
    path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    check_page(Client(), prefix + path.removeprefix(prefix), allow_cookies=True)


def test_the_403_page_passes_the_page_check(people):
    client = client_for(people.respondent_a)
    response = client.get("/konto/bjud-in/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert 'class="skip-link" href="#main"' in html


def test_anonymous_public_pages_show_a_plain_login_link_and_set_no_cookie(client):
    response = check_page(client, "/konto/personuppgifter/")
    html = response.content.decode()
    header = html.split("</header>", 1)[0]
    assert '<a href="/konto/logga-in/">Logga in</a>' in header
    assert "<form" not in header
    assert "csrfmiddlewaretoken" not in html


def test_logged_in_visitors_get_mina_sidor_and_a_logout_button(people):
    client = client_for(people.respondent_a)
    html = client.get("/konto/personuppgifter/").content.decode()
    header = html.split("</header>", 1)[0]
    assert '<a href="/konto/">Mina sidor</a>' in header
    assert '<form method="post" action="/konto/logga-ut/">' in header
    assert "Logga ut</button>" in header
    assert "Logga in" not in header


def test_the_english_header_and_pages_are_english(people):
    anonymous = Client().get("/en/konto/logga-in/").content.decode()
    assert '<a href="/en/konto/logga-in/">Log in</a>' in anonymous
    for word in ("Logga in", "E-postadress", "Lösenord", "Det finns ett problem"):
        assert word not in anonymous, word
    mine = client_for(people.service_centre).get("/en/konto/").content.decode()
    for word in ("Mina sidor", "Logga ut", "Uppgiftslämnare", "Myndigheter"):
        assert word not in mine, word
    assert "Respondent" in mine


def test_the_privacy_page_has_the_art_13_items_and_the_operators_texts(client, settings):
    settings.PRIVACY_CONTACT = "registrator@digg.se"
    settings.PRIVACY_DPO_CONTACT = "dataskyddsombud@digg.se"
    settings.PRIVACY_LEGAL_BASIS = "Förordning (2018:1486) med instruktion för Digg."
    settings.LOGIN_ATTEMPTS_KEEP_DAYS = 90
    html = check_page(client, "/konto/personuppgifter/").content.decode()
    for text in (
        "Personuppgiftsansvarig",
        "registrator@digg.se",
        "dataskyddsombud@digg.se",
        "Förordning (2018:1486) med instruktion för Digg.",
        "Ändamål",
        "Mottagare",
        "allmänna handlingar",
        "EU/EES",
        "Inloggningsförsök sparas i 90 dagar.",
        "https://www.imy.se",
    ):
        assert text in html, text


def test_the_footer_links_to_the_privacy_page(client, world):
    html = check_page(client, "/").content.decode()
    footer = html.split("<footer", 1)[1]
    assert 'href="/konto/personuppgifter/"' in footer
