"""The agency register: agencies, their earlier names and ÅA per register year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from register.orgnr import orgnr_format


class Agency(models.Model):
    """A state agency (myndighet), keyed by its organisation number."""

    org_nr = models.CharField(_("organisationsnummer"), max_length=10, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=40, blank=True)
    department = models.CharField(_("departement"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("myndighet")
        verbose_name_plural = _("myndigheter")

    def __str__(self) -> str:
        return self.name

    @property
    def org_nr_display(self) -> str:
        return orgnr_format(self.org_nr)


class AgencyFormerName(models.Model):
    """A name the agency had earlier (the register does not date them)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("tidigare namn"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="former_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class AgencyYear(models.Model):
    """Employees and årsarbetskrafter (ÅA, ``fte``) for one agency and register year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("registerår"))
    employees = models.PositiveIntegerField(_("anställda"), null=True, blank=True)
    fte = models.PositiveIntegerField(_("årsarbetskrafter (ÅA)"), null=True, blank=True)

    class Meta:
        ordering = ["agency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="agency_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"
