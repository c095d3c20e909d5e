"""Admin for users, invitations and login attempts: the follow-up office only.

``is_staff`` and ``is_superuser`` are shown, never edited: the role decides them
(``accounts.services.user_role_set``). The admin's own login page uses the same
throttled login as the site (``AdminLoginForm``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.forms import LoginForm
from accounts.models import Invitation, LoginAttempt, Role, User
from accounts.services import user_agencies_set, user_create, user_role_set
from register.models import Agency


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin's login: throttled like the site's, then staff only."""

    def clean(self) -> dict[str, Any]:
        cleaned = LoginForm.clean(self)
        if self.user_cache is not None:
            self.confirm_login_allowed(self.user_cache)
        return cleaned


admin.site.login_form = AdminLoginForm


def _agencies_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("myndigheter"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        widget=FilteredSelectMultiple(_("myndigheter"), is_stacked=False),
        help_text=_("Bara för uppgiftslämnare."),
    )


class UserAddForm(AdminUserCreationForm):
    agency_choices = _agencies_field()

    class Meta:
        model = User
        fields = ("email", "role")


class UserEditForm(UserChangeForm):
    agency_choices = _agencies_field()

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role", "is_active", "password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["agency_choices"].initial = list(
                self.instance.agencies.values_list("pk", flat=True)
            )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserAddForm
    list_display = ("email", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    filter_horizontal = ()
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name")}),
        (_("Roll och myndigheter"), {"fields": ("role", "agency_choices", "is_active")}),
        (_("Följer av rollen"), {"fields": ("is_staff", "is_superuser")}),
        (_("Tider"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "role",
                    "agency_choices",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        data = form.cleaned_data
        agencies = list(data.get("agency_choices") or [])
        if not change:
            password = data.get("password1") if data.get("usable_password", True) else None
            created = user_create(
                email=obj.email,
                role=obj.role,
                password=password or None,
                agencies=agencies if obj.role == Role.RESPONDENT else [],
                created_by=request.user if isinstance(request.user, User) else None,
            )
            obj.pk = created.pk
            obj._state.adding = False
            obj.refresh_from_db()
            return
        stored = User.objects.get(pk=obj.pk)
        role = obj.role
        # Everything but the role and its flags is saved as edited; the role through the service.
        obj.role, obj.is_staff, obj.is_superuser = stored.role, stored.is_staff, stored.is_superuser
        super().save_model(request, obj, form, change)
        user_role_set(user=obj, role=role)
        if role == Role.RESPONDENT:
            user_agencies_set(
                user=obj,
                agencies=agencies,
                created_by=request.user if isinstance(request.user, User) else None,
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The agencies were saved with the user (save_model); no other relations are edited.
        return None


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "role", "created_by", "created_at", "expires_at", "accepted_at")
    list_filter = ("role",)
    search_fields = ("email",)
    readonly_fields = (
        "email",
        "role",
        "agencies",
        "created_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "user",
    )
    exclude = ("token_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are sent from /konto/bjud-in/, which e-mails the link


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ("at", "email", "ip", "succeeded")
    list_filter = ("succeeded",)
    search_fields = ("email", "ip")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
