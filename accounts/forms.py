"""Forms for login, invitations and passwords: Swedish labels, autocomplete, no autofocus.

Errors are shown by the templates in an error summary that links to each field;
Django puts ``aria-invalid`` and ``aria-describedby`` (``<id>_error``, ``<id>_helptext``)
on the inputs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.exceptions import LoginFailedError, LoginThrottledError
from accounts.models import Role, User
from accounts.services import client_ip, login_authenticate, user_password_set
from register.models import Agency

PASSWORD_MISMATCH = _("Lösenorden är inte likadana. Skriv samma lösenord i båda fälten.")


def _email_input(autocomplete: str) -> forms.EmailInput:
    return forms.EmailInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"})


def _password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


class LoginForm(AuthenticationForm):
    """E-mail address and password; the login throttle answers before the password check."""

    username = forms.CharField(
        label=_("E-postadress"),
        max_length=254,
        widget=_email_input("username"),
        error_messages={"required": _("Skriv din e-postadress.")},
    )
    password = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=_password_input("current-password"),
        error_messages={"required": _("Skriv ditt lösenord.")},
    )

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = login_authenticate(
                    email=email,
                    password=password,
                    ip=client_ip(self.request) if self.request else None,
                    request=self.request,
                )
            except LoginThrottledError as error:
                raise ValidationError(error.message, code="throttled") from error
            except LoginFailedError as error:
                raise ValidationError(error.message, code="invalid_login") from error
        return self.cleaned_data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_(
            "Personens e-postadress i tjänsten, till exempel förnamn.efternamn@myndighet.se."
        ),
        max_length=254,
        widget=_email_input("off"),
        error_messages={
            "required": _("Skriv e-postadressen till den du vill bjuda in."),
            "invalid": _("Skriv en e-postadress i formen namn@myndighet.se."),
        },
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj en roll.")},
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Myndigheter (bara för uppgiftslämnare)"),
        queryset=Agency.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("En uppgiftslämnare kan lämna uppgifter för flera myndigheter."),
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [(value, label) for value, label in Role.choices if value in roles]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role, agencies = cleaned.get("role"), cleaned.get("agencies")
        if role == Role.RESPONDENT and not agencies:
            self.add_error(
                "agencies",
                _("Välj minst en myndighet som uppgiftslämnaren ska lämna uppgifter för."),
            )
        elif role and role != Role.RESPONDENT and agencies:
            self.add_error(
                "agencies",
                _("Bara uppgiftslämnare knyts till myndigheter: uppföljningsenheten ser alla."),
            )
        return cleaned


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(
        label=_("Förnamn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Skriv ditt förnamn.")},
    )
    last_name = forms.CharField(
        label=_("Efternamn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Skriv ditt efternamn.")},
    )
    password1 = forms.CharField(
        label=_("Välj lösenord"),
        strip=False,
        widget=_password_input("new-password"),
        error_messages={"required": _("Välj ett lösenord.")},
    )
    password2 = forms.CharField(
        label=_("Upprepa lösenordet"),
        strip=False,
        widget=_password_input("new-password"),
        error_messages={"required": _("Skriv lösenordet en gång till.")},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        help_text = password_validation.password_validators_help_text_html()
        self.fields["password1"].help_text = help_text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", PASSWORD_MISMATCH)
        elif password1:
            candidate = User(
                email=self.email,
                first_name=cleaned.get("first_name") or "",
                last_name=cleaned.get("last_name") or "",
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        widget=_email_input("email"),
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en e-postadress i formen namn@myndighet.se."),
        },
    )


class PasswordResetSetForm(SetPasswordForm):
    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = _("Nytt lösenord")
        second.label = _("Upprepa det nya lösenordet")
        first.help_text = password_validation.password_validators_help_text_html()
        second.help_text = ""
        first.error_messages["required"] = _("Välj ett nytt lösenord.")
        second.error_messages["required"] = _("Skriv det nya lösenordet en gång till.")

    def clean(self) -> dict[str, Any]:
        # The rules' messages belong to the first field, where the password is chosen.
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self) or {}

    def save(self, commit: bool = True) -> Any:
        return user_password_set(user=self.user, password=self.cleaned_data["new_password1"])
