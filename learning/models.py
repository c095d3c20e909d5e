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


class Goal(models.Model):
    """An agency's public target for one key figure in one year.

    The value is in display units: percent for shares, e-orders per 100 ÅA for volume.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="goals", verbose_name=_("myndighet")
    )
    figure = models.CharField(_("nyckeltal"), max_length=64)
    value = models.DecimalField(_("målvärde"), max_digits=12, decimal_places=2)
    year = models.PositiveIntegerField(_("målår"))
    note = models.TextField(_("kommentar"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"))
    updated_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["agency__name", "figure", "year"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "figure", "year"], name="learning_goal_unique_agency_figure_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.figure} {self.value} ({self.year})"


class ProgrammeGroup(models.Model):
    """A custom group made by the office, e.g. the cohort of an e-commerce development
    programme; its start date splits the rounds into before and after (issue 4 point 5)."""

    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, max_length=4000)
    start_date = models.DateField(_("startdatum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("programgrupp")
        verbose_name_plural = _("programgrupper")

    def __str__(self) -> str:
        return self.name


class ProgrammeMembership(models.Model):
    """An agency in a programme group."""

    group = models.ForeignKey(
        ProgrammeGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("programgrupp"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("myndighet")
    )

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("medlem i programgrupp")
        verbose_name_plural = _("medlemmar i programgrupp")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "agency"], name="learning_programme_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.agency}"


class PublicChange(models.Model):
    """When learning content shown on public pages (goals, agency types) last changed.

    One row. A goal's ``updated_at`` cannot tell a deletion, so every save and delete of
    that content moves this mark forward (learning/signals.py), and the public pages'
    clock (public.caching) reads it: cached pages never outlive such a change.
    """

    changed_at = models.DateTimeField(_("ändrad"))

    class Meta:
        verbose_name = _("ändring av publikt innehåll")
        verbose_name_plural = _("ändringar av publikt innehåll")

    def __str__(self) -> str:
        return str(self.changed_at)
