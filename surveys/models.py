"""Rounds (uppföljningsomgångar) and responses (svar).

A round's population is the set of its responses: one row per agency asked, created
with status "not answered" when the population is set and edited only while the round
is a draft.
"""

from __future__ import annotations

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
