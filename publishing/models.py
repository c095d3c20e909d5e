"""What has been published: one frozen version of a round per publication.

The public reads only these snapshots, never the live responses. A round is public
once it has a publication; reopening it for corrections changes the live responses
but not what the public sees, until the next publication makes a new version. A
correction after publication is therefore a new version, marked as corrected, with a
change log entry saying what changed, when and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Agency
from surveys.models import ResponseStatus, Round

COUNT_FIELDS: tuple[str, ...] = (
    "supplier_invoices",
    "e_invoices",
    "matched_invoices",
    "e_orders",
)


class Publication(models.Model):
    """Version ``version`` of a round, as published at ``published_at``."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("publicerad"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["round", "version"]
        constraints = [
            models.UniqueConstraint(fields=["round", "version"], name="publication_round_version"),
        ]
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")

    def __str__(self) -> str:
        return f"{self.round} v{self.version}"

    @property
    def is_correction(self) -> bool:
        return self.version > 1


class PublishedResponse(models.Model):
    """One agency's answer as it stood in a publication."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ResponseStatus.choices)
    not_applicable_reason = models.TextField(_("skäl till ej tillämplig"), blank=True)
    supplier_invoices = models.PositiveBigIntegerField(null=True, blank=True)
    e_invoices = models.PositiveBigIntegerField(null=True, blank=True)
    matched_invoices = models.PositiveBigIntegerField(null=True, blank=True)
    e_orders = models.PositiveBigIntegerField(null=True, blank=True)
    fte = models.PositiveIntegerField(null=True, blank=True)
    fte_year = models.PositiveSmallIntegerField(null=True, blank=True)
    fte_is_fallback = models.BooleanField(default=False)
    is_simulated = models.BooleanField(default=False)
    # Names of the fields that differ from the previous version ("" in version 1).
    corrected_fields = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["publication", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "agency"], name="published_response_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.publication}"

    @property
    def corrected(self) -> list[str]:
        return [f for f in self.corrected_fields.split(",") if f]


class Correction(models.Model):
    """The public change log: one changed value between two versions of a round."""

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="corrections"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("uppgift"), max_length=40)
    old_value = models.CharField(_("tidigare värde"), max_length=40, blank=True)
    new_value = models.CharField(_("nytt värde"), max_length=40, blank=True)
    reason = models.TextField(_("skäl"), blank=True)

    class Meta:
        ordering = ["publication", "agency__name", "field"]

    def __str__(self) -> str:
        return f"{self.publication}: {self.agency} {self.field}"
