"""The writes behind the pages and the office's admin: seeding, the statement's "last
updated" date, handling feedback, erasing reply addresses, and the rate limit itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from about.exceptions import FeedbackRateLimitedError
from about.models import (
    STATEMENT_PK,
    AccessibilityIssue,
    AccessibilityStatement,
    Feedback,
    FeedbackKind,
    FeedbackStatus,
)
from about.seed import ISSUES, seed_statement
from about.services import (
    feedback_emails_erase,
    feedback_mark_handled,
    feedback_mark_new,
    feedback_submit,
    issue_save,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.get_fixed_timezone(60))


def submit(email: str = "", client: str = "192.0.2.1", now: datetime = NOW) -> Feedback:
    return feedback_submit(
        kind=FeedbackKind.OTHER,
        message="Hej",
        email=email,
        client=client,
        now=now,
    )


def test_seeding_is_idempotent_and_keeps_the_office_edits(seeded: None) -> None:
    assert AccessibilityIssue.objects.count() == len(ISSUES) == 3
    assert {i.wcag_criterion for i in AccessibilityIssue.objects.all()} == {
        "2.2.1",
        "3.1.2",
        "1.3.1",
    }
    AccessibilityIssue.objects.filter(wcag_criterion="1.3.1").update(resolved=True)
    seed_statement(AccessibilityStatement, AccessibilityIssue)
    assert AccessibilityIssue.objects.count() == 3
    assert AccessibilityIssue.objects.get(wcag_criterion="1.3.1").resolved is True
    statement = AccessibilityStatement.objects.get()
    assert statement.pk == STATEMENT_PK
    assert statement.status == "delvis"
    assert statement.method == "sjalvskattning"
    assert statement.assessed_on == date(2026, 11, 28)


def test_saving_an_issue_moves_the_last_updated_date(seeded: None) -> None:
    issue = AccessibilityIssue.objects.get(wcag_criterion="3.1.2")
    issue.planned_fix_on = date(2027, 2, 1)
    issue_save(issue=issue, on=date(2026, 12, 3))
    assert AccessibilityStatement.objects.get().updated_on == date(2026, 12, 3)
    # an earlier day never moves it back
    issue_save(issue=issue, on=date(2026, 12, 1))
    assert AccessibilityStatement.objects.get().updated_on == date(2026, 12, 3)


def test_an_issue_with_a_bad_criterion_is_refused(seeded: None) -> None:
    issue = AccessibilityIssue.objects.get(wcag_criterion="3.1.2")
    issue.wcag_criterion = "WCAG 3"
    with pytest.raises(Exception, match="Skriv kriteriets nummer i WCAG"):
        issue_save(issue=issue, on=date(2026, 12, 3))
    assert AccessibilityIssue.objects.get(pk=issue.pk).wcag_criterion == "3.1.2"
    assert AccessibilityStatement.objects.get().updated_on == date(2026, 11, 28)


def test_references_are_year_and_number() -> None:
    first = submit()
    second = submit()
    assert first.reference == f"2026-{first.pk:05d}"
    assert second.reference == f"2026-{second.pk:05d}"
    assert first.reference != second.reference


def test_rate_limit_window_is_per_client_and_resets(settings) -> None:
    settings.ABOUT_FEEDBACK_RATE_LIMIT = 1
    settings.ABOUT_FEEDBACK_RATE_WINDOW = 60
    moment = datetime(2026, 12, 1, 10, 0, 5, tzinfo=timezone.get_fixed_timezone(0))
    submit(now=moment)
    with pytest.raises(FeedbackRateLimitedError) as refused:
        submit(now=moment + timedelta(seconds=10))
    assert refused.value.window_seconds == 60
    submit(client="192.0.2.2", now=moment + timedelta(seconds=10))
    submit(now=moment + timedelta(seconds=60))
    assert Feedback.objects.count() == 3


def test_mark_handled_keeps_the_first_time_and_reopen_clears_it(admin_user) -> None:
    feedback = submit()
    feedback_mark_handled(feedback=feedback, user=admin_user, now=NOW + timedelta(days=1))
    feedback_mark_handled(feedback=feedback, user=None, now=NOW + timedelta(days=5))
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.HANDLED
    assert feedback.handled_at == NOW + timedelta(days=1)
    assert feedback.handled_by == admin_user
    feedback_mark_new(feedback=feedback)
    feedback.refresh_from_db()
    assert (feedback.status, feedback.handled_at, feedback.handled_by) == ("ny", None, None)


def test_reply_addresses_are_erased_after_the_keep_days(settings) -> None:
    settings.ABOUT_FEEDBACK_EMAIL_KEEP_DAYS = 30
    old = submit(email="gammal@example.se")
    recent = submit(email="ny@example.se")
    open_one = submit(email="oppen@example.se")
    feedback_mark_handled(feedback=old, user=None, now=NOW - timedelta(days=31))
    feedback_mark_handled(feedback=recent, user=None, now=NOW - timedelta(days=29))
    assert feedback_emails_erase(now=NOW) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    open_one.refresh_from_db()
    assert old.email == ""
    assert old.email_erased_at == NOW
    assert old.message == "Hej"
    assert recent.email == "ny@example.se"
    assert open_one.email == "oppen@example.se"


def test_cleanup_command_erases_and_reports() -> None:
    feedback = submit(email="gammal@example.se")
    feedback_mark_handled(feedback=feedback, user=None, now=timezone.now() - timedelta(days=60))
    out = StringIO()
    call_command("about_feedback_cleanup", stdout=out)
    assert "Erased 1 e-mail address(es)" in out.getvalue()
    feedback.refresh_from_db()
    assert feedback.email == ""


def test_office_edits_an_issue_in_the_admin(admin_client: Client, seeded: None) -> None:
    issue = AccessibilityIssue.objects.get(wcag_criterion="1.3.1")
    url = f"/admin/about/accessibilityissue/{issue.pk}/change/"
    assert admin_client.get(url).status_code == 200
    data = {
        "description": issue.description,
        "description_en": issue.description_en,
        "where": issue.where,
        "where_en": issue.where_en,
        "reason": issue.reason,
        "reason_en": issue.reason_en,
        "alternative": issue.alternative,
        "alternative_en": issue.alternative_en,
        "wcag_criterion": "1.3.1",
        "situations": ["kognition", "syn"],
        "planned_fix_on": "2027-03-31",
        "order": "30",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.situations == ["syn", "kognition"]
    assert issue.planned_fix_on == date(2027, 3, 31)
    assert AccessibilityStatement.objects.get().updated_on == timezone.localdate()
    # no situation: a clear error, nothing saved
    response = admin_client.post(url, {**data, "situations": [], "planned_fix_on": ""})
    assert response.status_code == 200
    assert "Välj minst en användningssituation." in response.content.decode()
    issue.refresh_from_db()
    assert issue.planned_fix_on == date(2027, 3, 31)


def test_statement_admin_edits_the_one_row_and_allows_no_second(
    admin_client: Client, seeded: None
) -> None:
    assert admin_client.get("/admin/about/accessibilitystatement/add/").status_code == 403
    url = f"/admin/about/accessibilitystatement/{STATEMENT_PK}/change/"
    response = admin_client.post(
        url,
        {
            "status": "delvis",
            "assessed_on": "2027-01-15",
            "method": "extern",
            "published_on": "2026-11-28",
            "updated_on": "2027-01-16",
        },
    )
    assert response.status_code == 302
    statement = AccessibilityStatement.objects.get()
    assert statement.assessed_on == date(2027, 1, 15)
    assert statement.method == "extern"


def test_office_marks_feedback_handled_in_the_admin(admin_client: Client, admin_user) -> None:
    first = submit(email="svar@example.se")
    second = submit()
    listing = admin_client.get("/admin/about/feedback/")
    assert listing.status_code == 200
    assert first.reference in listing.content.decode()
    change = f"/admin/about/feedback/{first.pk}/change/"
    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"office_note": "Svarat per e-post."}).status_code == 302
    first.refresh_from_db()
    assert first.office_note == "Svarat per e-post."
    assert first.message == "Hej"
    response = admin_client.post(
        "/admin/about/feedback/",
        {"action": "mark_handled", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(Feedback.objects.values_list("status", flat=True)) == {"hanterad"}
    assert Feedback.objects.filter(handled_by=admin_user).count() == 2
    assert admin_client.get("/admin/about/feedback/add/").status_code == 403
    assert admin_client.get(f"/admin/about/feedback/{first.pk}/delete/").status_code == 403


def test_footer_contact_tag_shows_the_configured_contact(settings) -> None:
    from django.template import Context, Template

    settings.ABOUT_PHONE = "08-123 45 67"
    rendered = Template("{% load about_tags %}{% about_footer_contact %}").render(Context())
    # the footer's sentence before it names the operator; the line adds how to reach it
    assert "Box 14, 851 02 Sundsvall" in rendered
    assert 'href="tel:+4681234567"' in rendered
    assert 'href="mailto:registrator@digg.se"' in rendered


def test_no_notice_is_sent_by_default(mailoutbox, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        submit(email="svar@example.se")
    assert mailoutbox == []


def test_registrator_is_told_of_a_new_message_without_the_reply_address(
    settings, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    settings.ABOUT_FEEDBACK_NOTIFY_EMAIL = "registrator@example.se"
    with django_capture_on_commit_callbacks(execute=True):
        feedback = submit(email="svar@example.se")
    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == ["registrator@example.se"]
    assert notice.subject == f"Ny synpunkt {feedback.reference}"
    assert "Typ: Annat" in notice.body
    assert "Svar önskas: ja" in notice.body
    assert "Hej" in notice.body
    assert "svar@example.se" not in notice.body


def test_a_failing_mail_server_does_not_lose_the_message(settings, monkeypatch) -> None:
    from about import services

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError("connection refused")

    settings.ABOUT_FEEDBACK_NOTIFY_EMAIL = "registrator@example.se"
    monkeypatch.setattr(services, "send_mail", refuse)
    feedback = submit()
    assert services.feedback_notify(feedback=feedback) is False
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_the_data_migration_seeds_the_statement_and_the_three_issues() -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("about.migrations.0002_seed_statement")
    AccessibilityIssue.objects.all().delete()
    AccessibilityStatement.objects.all().delete()
    migration.seed(apps, None)
    assert AccessibilityStatement.objects.get().status == "delvis"
    assert sorted(AccessibilityIssue.objects.values_list("wcag_criterion", flat=True)) == [
        "1.3.1",
        "2.2.1",
        "3.1.2",
    ]
    # the stored-messages issue was fixed before launch: seeded as resolved
    assert list(
        AccessibilityIssue.objects.filter(resolved=True).values_list("wcag_criterion", flat=True)
    ) == ["3.1.2"]
    assert not AccessibilityIssue.objects.exclude(planned_fix_on=None).exists()
