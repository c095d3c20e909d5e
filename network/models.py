"""The network: agencies' opted-in e-commerce contacts and their comments on their figures.

A contact is personal data. It exists only with recorded consent, is shown only to
logged-in users of agencies, and never reaches public pages, open data or the API.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Agency


class Contact(models.Model):
    """A person who has agreed to be the agency's e-commerce contact in the network.

    ``withdrawn_at`` set means the consent was withdrawn; the personal fields are then
    erased and the row kept only as the record that consent was given and withdrawn.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("myndighet")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_contacts",
        verbose_name=_("användare"),
    )
    name = models.CharField(_("namn"), max_length=200, blank=True)
    role = models.CharField(_("roll"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    consent_text = models.TextField(_("samtyckestext"))
    consent_given_at = models.DateTimeField(_("samtycke lämnat"))
    withdrawn_at = models.DateTimeField(_("samtycke återkallat"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"))
    updated_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return f"{self.name or '–'} ({self.agency})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
