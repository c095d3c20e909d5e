"""Authentication by e-mail address, and the Django admin permissions that go with a role.

The e-mail lookup is case-insensitive (``UserManager.get_by_natural_key``). Administrators
are superusers. Analysts get the model permissions in ANALYST_PERMISSIONS without any
group or per-user grant, so the demo office user can work in the admin at once;
further permissions can still be granted per user or group in the admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.models import Role

# app label -> actions (the codename prefix) analysts may take in the Django admin
ANALYST_PERMISSIONS: dict[str, frozenset[str]] = {
    "surveys": frozenset({"view", "add", "change", "delete"}),
    "register": frozenset({"view"}),
    "keyfigures": frozenset({"view"}),
    # the accessibility statement and the feedback the public sends (the admin itself
    # refuses deleting feedback: it is a public record)
    "about": frozenset({"view", "add", "change", "delete"}),
    # build status of the open-data files and the reports
    "opendata": frozenset({"view"}),
    "reports": frozenset({"view"}),
}
_CACHE = "_accounts_role_perm_cache"


def role_permissions(role: str) -> set[str]:
    """``app_label.codename`` strings the role grants by itself (analysts only)."""
    if role != Role.ANALYST:
        return set()
    rows = Permission.objects.filter(
        content_type__app_label__in=list(ANALYST_PERMISSIONS)
    ).values_list("content_type__app_label", "codename")
    return {
        f"{app_label}.{codename}"
        for app_label, codename in rows
        if codename.split("_", 1)[0] in ANALYST_PERMISSIONS[app_label]
    }


class EmailBackend(ModelBackend):
    """Django's ModelBackend plus the permissions of the user's role."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        permissions = set(super().get_all_permissions(user_obj, obj))
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return permissions
        if not hasattr(user_obj, _CACHE):
            setattr(user_obj, _CACHE, role_permissions(getattr(user_obj, "role", "")))
        return permissions | getattr(user_obj, _CACHE)
