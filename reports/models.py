"""Built report files: the yearly report and the agency report cards as PDF.

A file is built from the published results and is valid as long as its ``source_key``
matches the current one (see ``reports.selectors.source_key_*``): a new publication or a
correction of any round it shows, a changed goal or a newly published practice changes
the key, and the file is built again. Rows are written by ``reports.services`` only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.models import Publication
from register.models import Agency
from surveys.models import Round


class ReportKind(models.TextChoices):
    YEARLY = "yearly", _("Årsrapport")
    CARD = "card", _("Rapportkort för myndighet")


class ReportStatus(models.TextChoices):
    BUILDING = "building", _("Byggs")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Misslyckades")


class ReportFile(models.Model):
    """One PDF: the yearly report of a round, or one agency's report card in a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_files")
    kind = models.CharField(_("typ"), max_length=8, choices=ReportKind.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="report_files"
    )
    # The round's published version the file was built from.
    publication = models.ForeignKey(
        Publication, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_key = models.CharField(_("källnyckel"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.BUILDING
    )
    pdf = models.BinaryField(_("pdf"), blank=True, default=b"")
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("fel"), blank=True)
    started_at = models.DateTimeField(_("påbörjad"))
    built_at = models.DateTimeField(_("byggd"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapportfil")
        verbose_name_plural = _("rapportfiler")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind"],
                condition=models.Q(agency__isnull=True),
                name="reports_file_unique_round_kind",
            ),
            models.UniqueConstraint(
                fields=["round", "kind", "agency"],
                condition=models.Q(agency__isnull=False),
                name="reports_file_unique_round_kind_agency",
            ),
        ]

    def __str__(self) -> str:
        who = f" {self.agency}" if self.agency_id else ""
        return f"{self.get_kind_display()} {self.round}{who} ({self.status})"
