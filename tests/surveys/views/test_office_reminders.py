"""Reminders from the dashboard: to every agency that has not submitted, logged."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from surveys.models import Reminder
from tests.surveys.views.office_world import client_for, office_world

__all__ = ["office_world"]

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_confirmation_page_says_who_is_reminded(office_world):
    page = text_of(client_for(office_world.analyst).get("/uppfoljning/2025/paminnelse/"))
    # 2025: Alfaverket submitted; Betaverket (draft) and Gammaverket (not started) wait.
    assert "2 myndigheter som inte har lämnat in sina svar: 2 mottagare" in page
    assert "Betaverket" in page
    assert "Gammaverket" in page
    assert "Alfaverket" not in page.split("Myndigheter som påminns", 1)[1]


def test_a_reminder_is_sent_to_the_waiting_agencies_and_logged(
    office_world, django_capture_on_commit_callbacks
):
    client = client_for(office_world.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uppfoljning/2025/paminnelse/")
    assert response.status_code == 302
    assert response["Location"] == "/uppfoljning/2025/#paminnelser"

    # Betaverket's respondent and the service centre (Betaverket and Gammaverket).
    assert sorted(message.to[0] for message in mail.outbox) == [
        "svar@betaverket.se",
        "svar@servicecenter.se",
    ]
    centre = next(m for m in mail.outbox if m.to == ["svar@servicecenter.se"])
    assert "Betaverket, Gammaverket" in centre.body
    assert "2026-02-28" in centre.body
    assert "http://testserver/rapportera/" in centre.body
    assert centre.subject == "Påminnelse: uppföljningen av e-handel 2025"

    reminder = Reminder.objects.get()
    assert reminder.sent_by == office_world.analyst
    assert (reminder.n_agencies, reminder.n_recipients) == (2, 2)
    assert sorted(reminder.agencies.values_list("name", flat=True)) == [
        "Betaverket",
        "Gammaverket",
    ]

    dashboard = text_of(client.get("/uppfoljning/2025/"))
    assert "Påminnelsen är skickad till 2 mottagare för 2 myndigheter." in dashboard
    log = dashboard.split("Skickade påminnelser, den senaste först", 1)[1]
    assert "analytiker@uppfoljning.se" in log
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d analytiker@uppfoljning.se 2 2", log)


def test_a_reminder_from_the_english_pages_is_still_in_swedish(
    office_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(office_world.administrator).post("/en/uppfoljning/2025/paminnelse/")
    assert len(mail.outbox) == 2
    assert all("http://testserver/rapportera/" in m.body for m in mail.outbox)
    assert all(m.subject.startswith("Påminnelse") for m in mail.outbox)


def test_reminders_only_while_the_round_is_open(office_world, django_capture_on_commit_callbacks):
    client = client_for(office_world.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uppfoljning/2024/paminnelse/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Det finns ett problem" in page
    assert "Påminnelser skickas bara medan omgången är öppen för svar." in page
    assert mail.outbox == []
    assert not Reminder.objects.exists()
