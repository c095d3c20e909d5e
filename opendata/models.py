"""Built open-data files, stored in the database so that deployments need no shared disk.

A file is built when a round is published or corrected (``opendata.receivers``), by the
``build_open_data`` command, or on the first request for it. ``sources`` records the
published versions it was built from, so a file that no longer matches the latest
publications is rebuilt before it is served.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models import Round


class Scope(models.TextChoices):
    ROUND = "round", _("En omgång")
    ALL = "all", _("Alla omgångar")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"
    JSON = "json", "JSON"


class OpenDataFile(models.Model):
    name = models.CharField(_("filnamn"), max_length=120, unique=True)
    scope = models.CharField(_("omfattning"), max_length=8, choices=Scope.choices)
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    format = models.CharField(_("format"), max_length=8, choices=FileFormat.choices)
    content = models.BinaryField(_("innehåll"))
    size = models.PositiveIntegerField(_("storlek i byte"))
    sha256 = models.CharField(max_length=64)
    # For a round: its published version. For all rounds: the newest version among them.
    publication_version = models.PositiveIntegerField(_("publicerad version"))
    # "slug:version" of every round in the file, in order.
    sources = models.TextField(_("underlag"))
    # When the newest publication in the file was made: the files' Last-Modified.
    data_modified = models.DateTimeField(_("data ändrade"))
    built_at = models.DateTimeField(_("byggd"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("öppna data-fil")
        verbose_name_plural = _("öppna data-filer")

    def __str__(self) -> str:
        return self.name
