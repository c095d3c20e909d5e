"""The collection workflow: draft, submit, send back, approve, remind; conflicts refused."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from accounts.services import user_create
from publishing.services import round_publish
from surveys.lifecycle import round_close, round_open
from surveys.models import Response, ResponseFinding, RoundStatus, WorkflowState
from surveys.services import ResponseInvalidError, response_warning_explain
from surveys.workflow import (
    ResponseConflictError,
    WorkflowError,
    response_approve,
    response_return,
    response_save,
    response_submit,
    round_remind,
)
from tests.factories import create_agency, create_response, create_round

pytestmark = pytest.mark.django_db

GOOD = {"supplier_invoices": 1000, "e_invoices": 900, "matched_invoices": 400, "e_orders": 300}


@pytest.fixture
def setting():
    round_ = create_round(year=2025, status=RoundStatus.DRAFT)
    alfa = create_agency("Alfaverket", fte={2025: 200})
    beta = create_agency("Betaverket", fte={2025: 300})
    responses = {
        "alfa": create_response(round=round_, agency=alfa, fte=200, fte_year=2025),
        "beta": create_response(round=round_, agency=beta, fte=300, fte_year=2025),
    }
    round_open(
        round=round_, opens_on=datetime.date(2026, 1, 15), deadline=datetime.date(2026, 2, 28)
    )
    respondent = user_create(
        email="svar@alfaverket.se", role=Role.RESPONDENT, password="x-Lösen-123", agencies=[alfa]
    )
    office = user_create(email="analytiker@digg.se", role=Role.ANALYST, password="x-Lösen-123")
    return round_, responses, respondent, office


def save(response, user, *, revision=None, **values):
    values = {**GOOD, **values}
    return response_save(
        response=response,
        user=user,
        expected_revision=response.revision if revision is None else revision,
        status="answered",
        **values,
    )


def test_a_save_is_a_draft_with_history_and_a_new_revision(setting):
    _round, responses, respondent, _office = setting
    before = responses["alfa"].revision
    saved = response_save(
        response=responses["alfa"],
        user=respondent,
        expected_revision=before,
        status="answered",
        reason="Första utkastet",
        **GOOD,
    )
    assert saved.workflow == WorkflowState.DRAFT
    assert saved.revision > before
    assert saved.e_orders == 300
    reasons = [h.history_change_reason for h in saved.history.all()]
    assert "Första utkastet" in reasons
    old_and_new = saved.history.filter(e_orders=300).last()
    assert old_and_new.prev_record.e_orders is None  # old → new is kept


def test_a_respondent_cannot_touch_another_agency(setting):
    _round, responses, respondent, _office = setting
    with pytest.raises(PermissionDenied):
        save(responses["beta"], respondent)
    assert Response.objects.get(pk=responses["beta"].pk).e_orders is None


def test_the_second_of_two_concurrent_saves_is_refused(setting):
    _round, responses, respondent, office = setting
    opened_at = responses["alfa"].revision
    save(responses["alfa"], respondent, revision=opened_at, e_orders=310)
    with pytest.raises(ResponseConflictError) as error:
        save(responses["alfa"], office, revision=opened_at, e_orders=999)
    assert "Någon annan har sparat svaret" in error.value.message
    assert Response.objects.get(pk=responses["alfa"].pk).e_orders == 310


def test_hard_errors_refuse_even_a_draft(setting):
    _round, responses, respondent, _office = setting
    with pytest.raises(ResponseInvalidError) as error:
        save(responses["alfa"], respondent, e_invoices=1200)
    assert "e_invoices" in error.value.message_dict
    assert Response.objects.get(pk=responses["alfa"].pk).workflow == WorkflowState.NOT_STARTED


def test_submit_needs_every_warning_explained(setting):
    _round, responses, respondent, _office = setting
    response = save(responses["alfa"], respondent, matched_invoices=950)  # > e-invoices: warning
    warning = ResponseFinding.objects.get(response=response, code="matched_exceed_e_invoices")
    with pytest.raises(WorkflowError) as error:
        response_submit(response=response, user=respondent, expected_revision=response.revision)
    assert "Förklara varningarna" in error.value.message
    response_warning_explain(response=response, code=warning.code, explanation="Abonnemang")
    submitted = response_submit(
        response=response, user=respondent, expected_revision=response.revision
    )
    assert submitted.workflow == WorkflowState.SUBMITTED
    assert submitted.submitted_at is not None


def test_submitted_answers_are_locked_until_sent_back(setting):
    _round, responses, respondent, office = setting
    response = save(responses["alfa"], respondent)
    response = response_submit(response=response, user=respondent, expected_revision=None)
    with pytest.raises(WorkflowError):
        save(response, respondent, e_orders=301)
    with pytest.raises(PermissionDenied):
        response_return(response=response, user=respondent, comment="själv")
    returned = response_return(response=response, user=office, comment="Kontrollera e-order")
    assert returned.workflow == WorkflowState.RETURNED
    assert returned.office_comment == "Kontrollera e-order"
    again = save(returned, respondent, e_orders=301)
    assert again.workflow == WorkflowState.DRAFT


def test_only_submitted_answers_are_approved_and_published(setting):
    round_, responses, respondent, office = setting
    alfa = response_submit(
        response=save(responses["alfa"], respondent), user=respondent, expected_revision=None
    )
    with pytest.raises(WorkflowError):
        response_approve(response=responses["beta"], user=office)
    approved = response_approve(response=alfa, user=office)
    assert approved.workflow == WorkflowState.APPROVED
    # Betaverket only has a draft, which is published as not answered
    save(responses["beta"], office)
    round_close(round=round_)
    publication = round_publish(round=round_, user=office).publication
    published = {p.agency.name: p for p in publication.responses.select_related("agency")}
    assert published["Alfaverket"].status == "answered"
    assert published["Alfaverket"].e_orders == 300
    # the office entering an answer itself approves it
    assert published["Betaverket"].status == "answered"
    assert publication.published_by == office


def test_a_respondent_draft_is_published_as_not_answered(setting):
    round_, responses, respondent, office = setting
    save(responses["alfa"], respondent)  # a draft, never submitted
    round_close(round=round_)
    publication = round_publish(round=round_, user=office).publication
    alfa = publication.responses.get(agency__name="Alfaverket")
    assert alfa.status == "not_answered"
    assert alfa.e_orders is None


def test_reminders_go_to_the_agencies_still_waiting_and_are_logged(setting):
    round_, responses, respondent, office = setting
    user_create(
        email="svar@betaverket.se",
        role=Role.RESPONDENT,
        password="x-Lösen-123",
        agencies=[responses["beta"].agency],
    )
    response_submit(
        response=save(responses["alfa"], respondent), user=respondent, expected_revision=None
    )
    with pytest.raises(PermissionDenied):
        round_remind(round=round_, user=respondent, base_url="http://x/")
    report = round_remind(round=round_, user=office, base_url="http://x/rapportera/")
    assert report.agencies == ["Betaverket"]
    assert report.reminder.n_recipients == 1
    assert list(report.reminder.agencies.values_list("name", flat=True)) == ["Betaverket"]


def test_reminder_mail_is_sent_on_commit(setting, django_capture_on_commit_callbacks):
    round_, responses, _respondent, office = setting
    user_create(
        email="svar@betaverket.se",
        role=Role.RESPONDENT,
        password="x-Lösen-123",
        agencies=[responses["beta"].agency],
    )
    with django_capture_on_commit_callbacks(execute=True):
        round_remind(round=round_, user=office, base_url="http://x/rapportera/")
    # Alfaverket's respondent and Betaverket's: both still waiting
    assert sorted(m.to[0] for m in mail.outbox) == ["svar@alfaverket.se", "svar@betaverket.se"]
    assert "Betaverket" in mail.outbox[1].body or "Betaverket" in mail.outbox[0].body
    assert "2026-02-28" in mail.outbox[0].body
