"""The office's corrections of agency types; the type itself is derived from the name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learning.agency_types import AgencyType
from register.models import Agency


class AgencyTypeChoice(models.TextChoices):
    UNIVERSITY = AgencyType.UNIVERSITY.value, _("Universitet och högskolor")
    COUNTY_BOARD = AgencyType.COUNTY_BOARD.value, _("Länsstyrelser")
    COURT = AgencyType.COURT.value, _("Domstolar")
    OTHER = AgencyType.OTHER.value, _("Övriga myndigheter")


class AgencyTypeOverride(models.Model):
    """The office's correction of an agency's derived type."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="type_override", verbose_name=_("myndighet")
    )
    type = models.CharField(_("myndighetstyp"), max_length=16, choices=AgencyTypeChoice.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("korrigerad myndighetstyp")
        verbose_name_plural = _("korrigerade myndighetstyper")

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_type_display()}"
