"""Rounds (uppföljningsomgångar) and responses (svar).

A round's population is the set of its responses: one row per agency asked, created
with status "not answered" when the population is set and edited only while the round
is a draft.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from register.models import Agency


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")
    PUBLISHED = "published", _("Publicerad")


class PeriodType(models.TextChoices):
    YEAR = "year", _("Helår")
    FIRST_HALF = "h1", _("Första halvåret")
    SECOND_HALF = "h2", _("Andra halvåret")


class Round(models.Model):
    """One follow-up period: a full year, or a half-year in the 2015–2018 history."""

    slug = models.SlugField(_("kortnamn"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("år"))
    period_type = models.CharField(
        _("period"), max_length=4, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    is_simulated = models.BooleanField(
        _("simulerade värden"),
        default=False,
        help_text=_("Värdena per myndighet är påhittade demodata, inte verkliga svar."),
    )
    opens_on = models.DateField(_("startdag"), null=True, blank=True)
    deadline = models.DateField(_("sista svarsdag"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "period_type"]
        constraints = [
            models.UniqueConstraint(fields=["year", "period_type"], name="round_period_unique"),
        ]
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.period_type == PeriodType.YEAR:
            return str(self.year)
        return f"{self.year} {self.get_period_type_display().lower()}"

    @property
    def is_half_year(self) -> bool:
        return self.period_type != PeriodType.YEAR


class ResponseStatus(models.TextChoices):
    ANSWERED = "answered", _("Besvarad")
    NOT_ANSWERED = "not_answered", _("Ej besvarad")
    NOT_APPLICABLE = "not_applicable", _("Ej tillämplig")


class WorkflowState(models.TextChoices):
    """Where an agency's answer is in the collection workflow."""

    NOT_STARTED = "not_started", _("Inte påbörjad")
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    RETURNED = "returned", _("Behöver åtgärdas")
    APPROVED = "approved", _("Godkänd")


# Answers in these states are published; the others are published as not answered.
PUBLISHABLE_STATES = (WorkflowState.SUBMITTED, WorkflowState.APPROVED)


class Response(models.Model):
    """One agency in one round: the four counts, a status and a comment.

    ``fte`` is the agency's ÅA snapshotted when the population was set, with the register
    year it came from; ``fte_is_fallback`` marks a value taken from an earlier year.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="responses")
    fte = models.PositiveIntegerField(_("årsarbetskrafter (ÅA)"), null=True, blank=True)
    fte_year = models.PositiveSmallIntegerField(_("ÅA från registerår"), null=True, blank=True)
    fte_is_fallback = models.BooleanField(_("ÅA från tidigare år"), default=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_ANSWERED,
    )
    not_applicable_reason = models.TextField(_("skäl till ej tillämplig"), blank=True)
    supplier_invoices = models.PositiveBigIntegerField(
        _("leverantörsfakturor"), null=True, blank=True
    )
    e_invoices = models.PositiveBigIntegerField(_("e-fakturor"), null=True, blank=True)
    matched_invoices = models.PositiveBigIntegerField(_("matchade fakturor"), null=True, blank=True)
    e_orders = models.PositiveBigIntegerField(_("e-order"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    workflow = models.CharField(
        _("handläggning"),
        max_length=12,
        choices=WorkflowState.choices,
        default=WorkflowState.NOT_STARTED,
    )
    # Raised by every change; a form that saves with an older revision is refused, so two
    # people editing the same answer cannot overwrite each other unnoticed.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    office_comment = models.TextField(
        _("kommentar från uppföljningsenheten"),
        blank=True,
        help_text=_("Visas för uppgiftslämnaren när svaret skickas tillbaka."),
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    is_simulated = models.BooleanField(_("simulerat svar"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="response_round_agency"),
        ]
        verbose_name = pgettext_lazy("one", "svar")
        verbose_name_plural = pgettext_lazy("many", "svar")

    def __str__(self) -> str:
        return f"{self.agency} {self.round}"


class FindingLevel(models.TextChoices):
    """The levels of ``surveys.validation.Level``, for the database."""

    ERROR = "error", _("Fel")
    WARNING = "warning", _("Varning")


class ResponseFinding(models.Model):
    """A validation finding on a response's answer: problems in the data are data.

    Written by ``surveys.services`` only: the findings of a response are replaced each
    time its answer is recorded, keeping the respondent's ``explanation`` of a warning
    whose ``code`` comes back. Only warnings are stored in practice (an answer with an
    error is refused), but the level is kept so an export needs no knowledge of the
    rules. ``message`` is the rule's message in the language of the page showing it,
    rendered from ``code``, ``field`` and ``params``; ``saved_message`` is the text as it
    read when the answer was recorded, shown only if the rule has since gone.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(_("kod"), max_length=60)
    level = models.CharField(_("nivå"), max_length=10, choices=FindingLevel.choices)
    field = models.CharField(_("fält"), max_length=40)
    saved_message = models.TextField(_("meddelande"), db_column="message")
    params = models.JSONField(_("parametrar"), default=dict, blank=True)
    explanation = models.TextField(_("förklaring"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]  # the order of the rule registry
        constraints = [
            models.UniqueConstraint(
                fields=["response", "code", "field"], name="response_finding_unique"
            ),
        ]
        verbose_name = _("granskningsfynd")
        verbose_name_plural = _("granskningsfynd")

    def __str__(self) -> str:
        return f"{self.response} {self.code}"

    @property
    def message(self) -> str:
        from surveys.validation import finding_message

        rendered = finding_message(code=self.code, field=self.field, params=self.params)
        return rendered if rendered is not None else self.saved_message


class Reminder(models.Model):
    """A reminder sent to the agencies of a round that had not submitted (the log)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("skickad"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    n_agencies = models.PositiveIntegerField(_("antal myndigheter"))
    n_recipients = models.PositiveIntegerField(_("antal mottagare"))
    agencies = models.ManyToManyField(Agency, related_name="+", verbose_name=_("myndigheter"))

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")

    def __str__(self) -> str:
        return f"{self.round} {self.sent_at:%Y-%m-%d %H:%M}"
