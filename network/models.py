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


class CommentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Inskickad för granskning")
    APPROVED = "approved", _("Godkänd och publicerad")
    REJECTED = "rejected", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Tillbakadragen")


COMMENT_MAX_LENGTH = 1000


class AgencyComment(models.Model):
    """An agency's comment on its own published figures.

    Public only once the office has approved it, and then without its author: the
    public page says "the agency's comment", the round and the date. A comment is never
    deleted, only withdrawn, so the public pages' change time never moves backwards.
    """

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="network_comments",
        verbose_name=_("myndighet"),
    )
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_comments",
        verbose_name=_("omgång"),
    )
    text = models.TextField(_("kommentar"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.SUBMITTED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    review_comment = models.TextField(_("granskarens motivering"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("skapad"))
    updated_at = models.DateTimeField(_("ändrad"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("myndighetens kommentar")
        verbose_name_plural = _("myndigheternas kommentarer")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_status_display()})"
