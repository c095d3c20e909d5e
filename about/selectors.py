"""Reads: the statement with its open deficiencies grouped by use situation, the contact
details of the operator (settings with defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from about.models import (
    STATEMENT_PK,
    AccessibilityIssue,
    AccessibilityStatement,
    UseSituation,
)
from about.seed import STATEMENT

# Digg's own contact details as the defaults: the operator in OPERATOR_NAME's default.
DEFAULT_POSTAL_ADDRESS = "Myndigheten för digital förvaltning, Box 14, 851 02 Sundsvall"
DEFAULT_PHONE = "0771-11 44 00"
DEFAULT_EMAIL = "registrator@digg.se"
DEFAULT_OPERATOR = "Myndigheten för digital förvaltning (Digg)"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


@dataclass(frozen=True)
class Contact:
    operator: str
    postal_address: str
    phone: str
    email: str

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if digits.startswith("0"):
            digits = "+46" + digits[1:]
        return digits


def contact_get() -> Contact:
    return Contact(
        operator=str(getattr(settings, "OPERATOR_NAME", DEFAULT_OPERATOR)),
        postal_address=str(getattr(settings, "ABOUT_POSTAL_ADDRESS", DEFAULT_POSTAL_ADDRESS)),
        phone=str(getattr(settings, "ABOUT_PHONE", DEFAULT_PHONE)),
        email=str(getattr(settings, "ABOUT_EMAIL", DEFAULT_EMAIL)),
    )


@dataclass(frozen=True)
class IssueText:
    """One field of a deficiency in the page's language, or in Swedish when the English
    version is missing (``lang`` says which, so the page can mark it)."""

    text: str
    lang: str


@dataclass(frozen=True)
class IssueView:
    description: IssueText
    where: IssueText
    reason: IssueText
    alternative: IssueText | None
    wcag_criterion: str
    planned_fix_on: date | None


@dataclass(frozen=True)
class SituationGroup:
    code: str
    label: str
    issues: list[IssueView]


@dataclass(frozen=True)
class StatementView:
    status: str
    status_label: str
    method_label: str
    assessed_on: date
    published_on: date
    updated_on: date
    groups: list[SituationGroup]
    issue_count: int


def _issue_view(issue: AccessibilityIssue) -> IssueView:
    alternative, alternative_lang = issue.text_for("alternative")
    return IssueView(
        description=IssueText(*issue.text_for("description")),
        where=IssueText(*issue.text_for("where")),
        reason=IssueText(*issue.text_for("reason")),
        alternative=IssueText(alternative, alternative_lang) if alternative.strip() else None,
        wcag_criterion=issue.wcag_criterion,
        planned_fix_on=issue.planned_fix_on,
    )


def statement_get() -> StatementView:
    """The statement and its unresolved deficiencies, grouped in DIGG's order of use
    situations (an issue that affects several situations is listed under each; an issue
    with none is listed under the last group, cognition, rather than hidden)."""
    statement = AccessibilityStatement.objects.filter(pk=STATEMENT_PK).first()
    if statement is None:
        # Before the data migration has run (never in a migrated database): the seed values.
        statement = AccessibilityStatement(pk=STATEMENT_PK, **STATEMENT)
    issues = list(AccessibilityIssue.objects.filter(resolved=False).order_by("order", "pk"))
    groups: list[SituationGroup] = []
    codes = list(UseSituation.values)
    for code, label in UseSituation.choices:
        members = [
            _issue_view(issue)
            for issue in issues
            if code in (issue.situations or [])
            or (code == codes[-1] and not set(issue.situations or []) & set(codes))
        ]
        if members:
            groups.append(SituationGroup(code=code, label=str(label), issues=members))
    return StatementView(
        status=statement.status,
        status_label=str(statement.get_status_display()),
        method_label=str(statement.get_method_display()),
        assessed_on=statement.assessed_on,
        published_on=statement.published_on,
        updated_on=statement.updated_on,
        groups=groups,
        issue_count=len(issues),
    )


def service_name() -> str:
    return _("Uppföljning av myndigheternas e-handel")
