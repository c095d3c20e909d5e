"""Password reset by an e-mailed link (Django's views, our forms, templates and texts)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import LoginAttempt
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "vinbär-trädgård-loppa-4"


def test_reset_by_link_then_log_in_with_the_new_password(people):
    client = Client()
    response = client.post("/konto/losenord/", {"email": "SVAR@alfaverket.se"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/losenord/skickat/"
    [message] = mail.outbox
    assert message.to == ["svar@alfaverket.se"]
    assert message.subject == "Nytt lösenord till Uppföljning av myndigheternas e-handel"
    link = re.search(r"http://testserver(/konto/losenord/\S+/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Välj ett nytt lösenord" in html
    assert 'autocomplete="new-password"' in html
    set_url = form.redirect_chain[-1][0]
    assert set_url.endswith("/nytt-losenord/")

    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert '<a href="#id_new_password1">' in weak.content.decode()

    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/konto/losenord/klart/"
    people.respondent_a.refresh_from_db()
    assert people.respondent_a.check_password(NEW_PASSWORD)

    # the link is used up
    again = Client().get(link, follow=True)
    assert "Länken fungerar inte" in again.content.decode()

    assert (
        Client()
        .post("/konto/logga-in/", {"username": "svar@alfaverket.se", "password": NEW_PASSWORD})
        .status_code
        == 302
    )
    assert LoginAttempt.objects.filter(succeeded=True).count() == 1
    assert (
        Client()
        .post("/konto/logga-in/", {"username": "svar@alfaverket.se", "password": PASSWORD})
        .status_code
        == 200
    )


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    response = Client().post("/konto/losenord/", {"email": "ingen@alls.se"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/losenord/skickat/"
    assert mail.outbox == []


def test_the_request_form_names_its_errors(db):
    html = Client().post("/konto/losenord/", {"email": "inte en adress"}).content.decode()
    assert "Det finns ett problem" in html
    assert '<a href="#id_email">Skriv en e-postadress' in html
