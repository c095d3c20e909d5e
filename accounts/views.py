"""Account pages: login and logout (Django's views, our forms and templates), "Mina
sidor", invitations, password reset and the personal-data notice. Thin: parse, call one
service or selector, render.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.exceptions import AccountsError, InvitationInvalidError
from accounts.forms import (
    InvitationAcceptForm,
    InvitationForm,
    LoginForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
)
from accounts.models import Role, User
from accounts.services import (
    INVITATION_VALID_FOR,
    invitation_accept,
    invitation_create,
    invitation_roles_for,
)
from accounts.session_expiry import EXPIRES_KEY, expires_at_now

View = Callable[..., HttpResponse]
# A one-off notice for the next page, kept in the session (only logged-in users have one).
NOTICE_KEY = "accounts_notice"


def office_required(view: View) -> View:
    """Anonymous visitors go to the login page; logged-in users outside the office get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.user_is_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link or a prefetch cannot log anyone out."""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    is_office = selectors.user_is_office(user)
    return render(
        request,
        "accounts/home.html",
        {
            "account": user,
            "role_label": Role(user.role).label,
            "is_office": is_office,
            "agencies": [] if is_office else selectors.agencies_for_user(user=user),
            "can_invite": bool(invitation_roles_for(user)),
            "notice": request.session.pop(NOTICE_KEY, None),
        },
    )


@office_required
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    data = request.POST if request.method == "POST" else None
    form = InvitationForm(data, roles=invitation_roles_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                agencies=form.cleaned_data["agencies"],
                created_by=user,
                site_url=request.build_absolute_uri("/"),
            )
        except AccountsError as error:
            form.add_error(error.field, error.message)
        else:
            request.session[NOTICE_KEY] = invitation.email
            return redirect("accounts:invitation-create")
    return render(
        request,
        "accounts/invitation_create.html",
        {
            "form": form,
            "pending": selectors.invitation_list_pending(),
            "sent_to": request.session.pop(NOTICE_KEY, None),
            "valid_days": INVITATION_VALID_FOR.days,
        },
    )


def _invitation_invalid(request: HttpRequest, error: InvitationInvalidError) -> HttpResponse:
    status = 404 if error.reason == InvitationInvalidError.UNKNOWN else 410
    return render(request, "accounts/invitation_invalid.html", {"error": error}, status=status)


@sensitive_post_parameters("password1", "password2")
@never_cache
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = selectors.invitation_get_by_token(token=token)
    except InvitationInvalidError as error:
        return _invitation_invalid(request, error)
    data = request.POST if request.method == "POST" else None
    form = InvitationAcceptForm(data, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except InvitationInvalidError as error:
            return _invitation_invalid(request, error)
        except AccountsError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user)
            request.session[NOTICE_KEY] = "welcome"
            return redirect("accounts:home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "role_label": Role(invitation.role).label,
            "agencies": invitation.agencies.order_by("name"),
        },
    )


@require_POST
@never_cache
def session_extend(request: HttpRequest) -> HttpResponse:
    """Renew the login's full lifetime (the session warning's button, WCAG 2.2.1).

    The page's script asks for JSON and gets the new end; without the script the form
    posts here and returns to the page it came from.
    """
    if not request.user.is_authenticated:
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(
                {
                    "error": "logged_out",
                    "message": _("Du är utloggad. Logga in igen."),
                },
                status=401,
            )
        return redirect(settings.LOGIN_URL)
    request.session[EXPIRES_KEY] = expires_at_now()  # saving the session renews it
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"expires_at": int(request.session[EXPIRES_KEY])})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("accounts:home")
    return redirect(target)


def privacy(request: HttpRequest) -> HttpResponse:
    """How the accounts' personal data is processed (GDPR art. 13), texts from settings."""
    return render(
        request,
        "accounts/privacy.html",
        {
            "contact": settings.PRIVACY_CONTACT,
            "dpo_contact": settings.PRIVACY_DPO_CONTACT,
            "legal_basis": settings.PRIVACY_LEGAL_BASIS,
            "retention": settings.PRIVACY_ACCOUNT_RETENTION,
            "attempts_keep_days": settings.LOGIN_ATTEMPTS_KEEP_DAYS,
            "feedback_keep_days": settings.ABOUT_FEEDBACK_EMAIL_KEEP_DAYS,
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordResetSetForm
    success_url = reverse_lazy("accounts:password-reset-complete")
    reset_url_token = "nytt-losenord"  # noqa: S105 - a URL segment, not a secret


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
