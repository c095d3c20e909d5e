"""The practice pages over HTTP: permissions, the review flow, the public pages with the
measured change, what never reaches them, filters, bad input and the cache clock."""

from __future__ import annotations

import pytest

from practices.models import Practice, PracticeStatus
from practices.services import practice_create, practice_submit, practice_withdraw
from public.caching import public_last_modified
from tests.pagecheck import check_page
from tests.practices.conftest import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    good_data,
    published_practice,
)

FORM = {
    "title": "Matchning mot avtal",
    "description": "Vi lade upp alla abonnemang som avtal.",
    "started_on": "2024-03-01",
    "themes": ["matching"],
    "figures": ["andel-matchade", "e-order-per-100-aa"],
    "effort": "medium",
    "effort_note": "",
    "contact": "",
    "source_url": "",
    "source_label": "",
}


def text(response) -> str:
    return response.content.decode()


# Permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/sa-gjorde-vi/mina/", "/sa-gjorde-vi/granska/"])
def test_anonymous_is_sent_to_login(pw, path):
    response = pw.client(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_anonymous_cannot_write(pw):
    client = pw.client(None)
    response = client.post(f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/", FORM)
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]
    assert Practice.objects.count() == 0


def test_respondent_cannot_review_or_publish(pw):
    practice = practice_create(user=pw.respondent, agency=pw.mellanverket, data=good_data())
    practice_submit(user=pw.respondent, practice=practice)
    client = pw.client(pw.respondent)
    assert client.get("/sa-gjorde-vi/granska/").status_code == 403
    url = f"/sa-gjorde-vi/granska/{practice.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "publish"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_respondent_of_another_agency_gets_403(pw):
    practice = practice_create(user=pw.respondent, agency=pw.mellanverket, data=good_data())
    client = pw.client(pw.other)
    assert client.get(f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/").status_code == 403
    assert client.post(f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/", FORM).status_code == 403
    assert client.get(f"/sa-gjorde-vi/mina/{practice.pk}/andra/").status_code == 403
    assert client.post(f"/sa-gjorde-vi/mina/{practice.pk}/andra/", FORM).status_code == 403
    assert client.post(f"/sa-gjorde-vi/mina/{practice.pk}/skicka/").status_code == 403
    assert client.post(f"/sa-gjorde-vi/mina/{practice.pk}/dra-tillbaka/").status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert "Matchning mot avtal" not in text(client.get("/sa-gjorde-vi/mina/"))
    assert client.get("/sa-gjorde-vi/mina/999999/andra/").status_code == 404


# The flow -----------------------------------------------------------------------------------


def test_write_submit_return_resubmit_publish_over_http(pw):
    respondent = pw.client(pw.respondent)
    office = pw.client(pw.office)
    page = respondent.get(f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/")
    assert page.status_code == 200
    assert CONTACT_NAME in text(page)  # the agency's opted-in contact can be chosen
    response = respondent.post(
        f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/", {**FORM, "contact": str(pw.contact.pk)}
    )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.contact == pw.contact
    assert practice.status == PracticeStatus.DRAFT
    assert practice.created_by == pw.respondent

    assert respondent.post(f"/sa-gjorde-vi/mina/{practice.pk}/skicka/").status_code == 302
    queue = office.get("/sa-gjorde-vi/granska/")
    assert "Matchning mot avtal" in text(queue)

    # returning needs a comment
    review_url = f"/sa-gjorde-vi/granska/{practice.pk}/"
    response = office.post(review_url, {"action": "return", "comment": " "})
    assert response.status_code == 400
    assert "Skriv vad myndigheten behöver ändra eller komplettera." in text(response)
    response = office.post(review_url, {"action": "return", "comment": "Lägg till en källa."})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.RETURNED

    # the respondent sees the comment, on the list and on the form
    assert "Lägg till en källa." in text(respondent.get("/sa-gjorde-vi/mina/"))
    assert "Lägg till en källa." in text(respondent.get(f"/sa-gjorde-vi/mina/{practice.pk}/andra/"))
    assert pw.client(None).get(f"/sa-gjorde-vi/{practice.pk}/").status_code == 404

    response = respondent.post(
        f"/sa-gjorde-vi/mina/{practice.pk}/andra/",
        {**FORM, "source_url": "https://www.mellanverket.se/", "source_label": "Mellanverket"},
    )
    assert response.status_code == 302
    respondent.post(f"/sa-gjorde-vi/mina/{practice.pk}/skicka/")
    assert office.post(review_url, {"action": "publish"}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    detail = pw.client(None).get(f"/sa-gjorde-vi/{practice.pk}/")
    assert detail.status_code == 200
    assert 'href="https://www.mellanverket.se/"' in text(detail)

    # publishing twice is refused with a message, not a crash
    response = office.post(review_url, {"action": "publish"})
    assert response.status_code == 400
    assert "Bara ett exempel som väntar på granskning kan publiceras." in text(response)


def test_form_errors_are_listed_in_swedish_and_nothing_is_saved(pw):
    client = pw.client(pw.respondent)
    response = client.post(
        f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/",
        {**FORM, "title": "", "started_on": "1 mars", "themes": [], "figures": ["nej"]},
    )
    assert response.status_code == 400
    body = text(response)
    assert "Det finns ett problem" in body
    assert "Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01." in body
    assert "Välj nyckeltal ur listan." in body
    assert 'href="#id_started_on"' in body
    assert Practice.objects.count() == 0
    response = client.post(
        f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/", {**FORM, "title": "", "themes": []}
    )
    body = text(response)
    assert "Skriv en rubrik." in body
    assert "Välj minst ett tema." in body
    assert 'href="#id_themes_0"' in body
    assert Practice.objects.count() == 0


# Public pages ---------------------------------------------------------------------------------


def test_unpublished_practices_are_never_public(pw):
    agency_url = f"/myndigheter/{pw.mellanverket.org_nr}/"
    practices = []
    for status, title in (
        ("draft", "Utkastet"),
        ("submitted", "Det inskickade"),
        ("returned", "Det återsända"),
        ("withdrawn", "Det tillbakadragna"),
    ):
        practice = practice_create(
            user=pw.respondent, agency=pw.mellanverket, data=good_data(title=title)
        )
        Practice.objects.filter(pk=practice.pk).update(status=status)
        practices.append((practice, title))
    client = pw.client(None)
    pages = [text(client.get(url)) for url in ("/sa-gjorde-vi/", agency_url, "/en" + agency_url)]
    for practice, title in practices:
        assert client.get(f"/sa-gjorde-vi/{practice.pk}/").status_code == 404
        assert client.get(f"/en/sa-gjorde-vi/{practice.pk}/").status_code == 404
        for page in pages:
            assert title not in page
    assert "Markering" not in pages[1]


def test_withdrawn_practice_leaves_the_public_pages(pw):
    practice = published_practice(pw)
    client = pw.client(None)
    assert client.get(f"/sa-gjorde-vi/{practice.pk}/").status_code == 200
    practice_withdraw(user=pw.respondent, practice=practice)
    assert client.get(f"/sa-gjorde-vi/{practice.pk}/").status_code == 404
    assert "Matchning mot avtal" not in text(client.get("/sa-gjorde-vi/"))


def test_contact_never_appears_on_public_pages(pw):
    practice = published_practice(pw, contact_id=pw.contact.pk)
    assert practice.contact == pw.contact
    client = pw.client(None)
    agency_url = f"/myndigheter/{pw.mellanverket.org_nr}/"
    urls = [
        "/sa-gjorde-vi/",
        f"/sa-gjorde-vi/{practice.pk}/",
        agency_url,
        "/sa-gjorde-vi/?tema=matching&nyckeltal=andel-matchade",
    ]
    for url in urls + ["/en" + url for url in urls]:
        body = text(client.get(url))
        assert "Matchning mot avtal" in body, url
        for personal in (CONTACT_NAME, CONTACT_EMAIL, "070-123 45 67", "Kontaktsson"):
            assert personal not in body, (url, personal)


def test_detail_shows_the_measured_change_computed_by_hand(pw):
    # Mellanverket, ÅA 800: matched 2 000 / 20 000 = 10 % (2023), 8 000 / 20 000 = 40 %
    # (2024): +30 p.e.; e-orders 1 000 / 800 × 100 = 125 and 4 000 / 800 × 100 = 500: +375.
    practice = published_practice(pw)
    response = check_page(pw.client(None), f"/sa-gjorde-vi/{practice.pk}/")
    body = text(response)
    assert "2023: 10\xa0%" in body
    assert "2024: 40\xa0%" in body
    assert "+30\xa0p.e." in body
    assert "2023: 125" in body
    assert "2024: 500" in body
    assert "+375" in body
    assert "Den visar inte att arbetet orsakade förändringen" in body
    assert "Andel e-fakturor" not in body  # not aimed at
    assert "Simulerat exempel" not in body
    english = text(pw.client(None).get(f"/en/sa-gjorde-vi/{practice.pk}/"))
    assert "does not show that the work caused the change" in english


def test_start_before_any_round_and_after_the_last_say_so(pw):
    early = published_practice(
        pw, title="Tidigt", started_on=__import__("datetime").date(2019, 5, 1)
    )
    late = published_practice(pw, title="Sent", started_on=__import__("datetime").date(2025, 5, 1))
    client = pw.client(None)
    assert "Ingen publicerad omgång före start" in text(client.get(f"/sa-gjorde-vi/{early.pk}/"))
    body = text(client.get(f"/sa-gjorde-vi/{late.pk}/"))
    assert "2024: 40\xa0%" in body
    assert "Ingen publicerad omgång efter start än" in body


def test_simulated_examples_are_labelled(pw):
    practice = published_practice(pw)
    Practice.objects.filter(pk=practice.pk).update(is_simulated=True)
    client = pw.client(None)
    for url in (
        "/sa-gjorde-vi/",
        f"/sa-gjorde-vi/{practice.pk}/",
        f"/myndigheter/{pw.mellanverket.org_nr}/",
    ):
        assert "Simulerat exempel" in text(client.get(url)), url
    assert "Simulated example" in text(client.get(f"/en/sa-gjorde-vi/{practice.pk}/"))


def test_public_list_filters_by_theme_and_figure(pw):
    published_practice(pw, title="Matchningen", themes=["matching"], figures=["andel-matchade"])
    published_practice(pw, title="Ledningen", themes=["leadership"], figures=["e-order-per-100-aa"])
    client = pw.client(None)

    def titles(query: str) -> set[str]:
        body = text(check_page(client, "/sa-gjorde-vi/" + query))
        return {t for t in ("Matchningen", "Ledningen") if t in body}

    assert titles("") == {"Matchningen", "Ledningen"}
    assert titles("?tema=matching") == {"Matchningen"}
    assert titles("?nyckeltal=e-order-per-100-aa") == {"Ledningen"}
    assert titles("?tema=matching&nyckeltal=e-order-per-100-aa") == set()
    assert titles("?tema=nonsense&nyckeltal=") == {"Matchningen", "Ledningen"}
    body = text(client.get("/sa-gjorde-vi/?tema=leadership&nyckeltal=andel-matchade"))
    assert "Inga publicerade exempel matchar filtret." in body
    assert '<option value="leadership" selected>' in body


def test_agency_page_lists_practices_with_change_and_markers(pw):
    practice = published_practice(pw, figures=["andel-matchade"])
    response = check_page(
        pw.client(None), f"/myndigheter/{pw.mellanverket.org_nr}/", max_queries=40
    )
    body = text(response)
    assert f'href="/sa-gjorde-vi/{practice.pk}/"' in body
    assert "+30\xa0p.e." in body
    summary = body.split('id="agency-andel-matchade-summary">')[1].split("</figcaption>")[0]
    assert (
        "Markering vid 2024: Exemplet ”Matchning mot avtal” (Så gjorde vi) började 1 mars 2024."
        in summary
    )
    other = body.split('id="agency-andel-e-faktura-summary">')[1].split("</figcaption>")[0]
    assert "Markering" not in other
    assert "Start: Matchning mot avtal" in body  # drawn in the SVG


def test_public_pages_pass_the_page_check(pw):
    practice = published_practice(pw)
    client = pw.client(None)
    check_page(client, "/sa-gjorde-vi/")
    check_page(client, "/en/sa-gjorde-vi/")
    check_page(client, f"/sa-gjorde-vi/{practice.pk}/")
    check_page(client, f"/en/sa-gjorde-vi/{practice.pk}/")


def test_logged_in_pages_pass_the_page_check(pw):
    practice = published_practice(pw)
    practice_create(
        user=pw.respondent, agency=pw.mellanverket, data=good_data(title="Till granskning")
    )
    respondent = pw.client(pw.respondent)
    office = pw.client(pw.office)
    for client, url in (
        (respondent, "/sa-gjorde-vi/mina/"),
        (respondent, f"/sa-gjorde-vi/ny/{pw.mellanverket.org_nr}/"),
        (respondent, f"/sa-gjorde-vi/mina/{practice.pk}/andra/"),
        (office, "/sa-gjorde-vi/granska/"),
        (office, f"/sa-gjorde-vi/granska/{practice.pk}/"),
    ):
        response = check_page(client, url, allow_cookies=True, max_queries=40)
        assert "private" in response["Cache-Control"]


def test_public_clock_follows_practices(pw):
    practice = published_practice(pw)
    assert public_last_modified() == practice.updated_at
    practice_withdraw(user=pw.respondent, practice=practice)
    practice.refresh_from_db()
    assert public_last_modified() == practice.updated_at


def test_public_pages_carry_the_practices_clock(pw):
    from datetime import timedelta

    from django.utils.http import http_date

    practice = published_practice(pw)
    later = practice.updated_at + timedelta(minutes=5)
    Practice.objects.filter(pk=practice.pk).update(updated_at=later)
    client = pw.client(None)
    for url in ("/sa-gjorde-vi/", f"/sa-gjorde-vi/{practice.pk}/", "/"):
        response = client.get(url)
        assert response["Last-Modified"] == http_date(later.timestamp()), url
        assert "public" in response["Cache-Control"]
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304, url


def test_english_practice_pages_carry_no_swedish_interface_words(pw):
    practice = published_practice(pw)
    Practice.objects.filter(pk=practice.pk).update(is_simulated=True)
    client = pw.client(None)
    for url in (
        "/en/sa-gjorde-vi/",
        f"/en/sa-gjorde-vi/{practice.pk}/",
        f"/en/myndigheter/{pw.mellanverket.org_nr}/",
    ):
        html = text(client.get(url))
        for word in (
            "Förändring",
            "Före start",
            "Efter start",
            "Uppmätt",
            "Simulerat",
            "Markering",
            "Började",
            "Teman",
            "Insats",
            "p.e.",
        ):
            assert word not in html, f"{url} shows the Swedish {word!r}"
