"""Users, their roles and agencies, invitations and login attempts.

A user logs in with an e-mail address (unique, case-insensitive: stored in lower case)
and a password. The role decides what the user may do:

- administrator and analyst are the follow-up office ("office"): they see every agency
  and use the Django admin (``is_staff``); administrators are also superusers;
- respondents report for the agencies they are assigned to (``AgencyAssignment``).

``is_staff`` and ``is_superuser`` follow the role: ``accounts.services`` sets them, and
two check constraints refuse a row that breaks the rule.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from register.models import Agency


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administratör")
    ANALYST = "analyst", _("Analytiker")
    RESPONDENT = "respondent", _("Uppgiftslämnare")


# The follow-up office: sees every agency, may invite users and use the Django admin.
OFFICE_ROLES: frozenset[str] = frozenset({Role.ADMINISTRATOR, Role.ANALYST})


def email_normalise(email: str) -> str:
    """The stored form of an e-mail address: trimmed, lower case."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    """Creates users through ``accounts.services.user_create`` (createsuperuser, tests)."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        return email_normalise(email or "")

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=email_normalise(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        from accounts.services import user_create

        role = extra_fields.pop("role", Role.RESPONDENT)
        return user_create(email=email, role=role, password=password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        from accounts.services import user_create

        for flag in ("is_staff", "is_superuser", "role"):
            extra_fields.pop(flag, None)
        return user_create(email=email, role=Role.ADMINISTRATOR, password=password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. No username: the e-mail address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-postadress"), unique=True)
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.RESPONDENT)
    agencies = models.ManyToManyField(
        Agency,
        through="AgencyAssignment",
        through_fields=("user", "agency"),
        related_name="users",
        blank=True,
        verbose_name=_("myndigheter"),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(is_staff=False)
                | models.Q(role__in=[Role.ADMINISTRATOR, Role.ANALYST]),
                name="user_staff_only_office",
                violation_error_message=_("Bara uppföljningsenheten får använda administrationen."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_superuser=False) | models.Q(role=Role.ADMINISTRATOR),
                name="user_superuser_only_administrator",
                violation_error_message=_("Bara administratörer får vara superanvändare."),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_office(self) -> bool:
        return self.role in OFFICE_ROLES


class AgencyAssignment(models.Model):
    """A respondent reports for this agency (a service centre may report for many)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="assignments")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )

    class Meta:
        ordering = ["user", "agency"]
        verbose_name = _("myndighetskoppling")
        verbose_name_plural = _("myndighetskopplingar")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.agency}"


class Invitation(models.Model):
    """An e-mailed, one-time link to create an account. Only the token's hash is stored."""

    email = models.EmailField(_("e-postadress"))
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    agencies = models.ManyToManyField(
        Agency, related_name="+", blank=True, verbose_name=_("myndigheter")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    created_at = models.DateTimeField(_("skapad"))
    expires_at = models.DateTimeField(_("giltig till"))
    accepted_at = models.DateTimeField(_("använd"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapat konto"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        indexes = [models.Index(fields=["email"], name="invitation_email")]

    def __str__(self) -> str:
        return self.email


class LoginAttempt(models.Model):
    """One login attempt, kept briefly so the throttle works across processes."""

    email = models.CharField(_("e-postadress"), max_length=254)
    ip = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    at = models.DateTimeField(_("tidpunkt"))
    succeeded = models.BooleanField(_("lyckades"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inloggningsförsök")
        verbose_name_plural = _("inloggningsförsök")
        indexes = [
            models.Index(fields=["email", "at"], name="login_attempt_email_at"),
            models.Index(fields=["ip", "at"], name="login_attempt_ip_at"),
            models.Index(fields=["at"], name="login_attempt_at"),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.at:%Y-%m-%d %H:%M:%S}"
