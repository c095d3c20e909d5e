"""Practices ("Så gjorde vi"): what an agency did to move its figures.

A respondent writes a practice; the office reviews it; only published practices are
public. The contact is a network contact and is never shown on public pages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Agency


class Theme(models.TextChoices):
    LEADERSHIP = "leadership", _("Ledning och mål")
    PROCUREMENT = "procurement", _("Krav i upphandling")
    SUPPLIERS = "suppliers", _("Leverantörsaktivering")
    SYSTEMS = "systems", _("E-handelssystem och kataloger")
    ORDERING = "ordering", _("Beställarorganisation")
    TRAINING = "training", _("Utbildning och kommunikation")
    MATCHING = "matching", _("Matchning och abonnemang")


class Effort(models.TextChoices):
    SMALL = "small", _("Liten (några veckors arbete)")
    MEDIUM = "medium", _("Medel (några månader)")
    LARGE = "large", _("Stor (ett år eller mer, eller en upphandling)")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad för granskning")
    RETURNED = "returned", _("Återsänd för komplettering")
    PUBLISHED = "published", _("Publicerad")
    WITHDRAWN = "withdrawn", _("Tillbakadragen")


class Practice(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="practices", verbose_name=_("myndighet")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=5000)
    started_on = models.DateField(_("startdatum"))
    themes = models.JSONField(_("teman"), default=list)
    figures = models.JSONField(_("nyckeltal"), default=list)
    effort = models.CharField(_("insats"), max_length=16, choices=Effort.choices)
    effort_note = models.TextField(_("om insatsen"), blank=True, max_length=2000)
    contact = models.ForeignKey(
        "network.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("kontaktperson"),
    )
    source_url = models.URLField(_("källa (länk)"), blank=True)
    source_label = models.CharField(_("källa"), max_length=300, blank=True)
    is_simulated = models.BooleanField(_("simulerat exempel"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    review_comment = models.TextField(_("granskarens kommentar"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"))
    updated_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("praktik")
        verbose_name_plural = _("praktiker")

    def __str__(self) -> str:
        return f"{self.title} ({self.agency})"
