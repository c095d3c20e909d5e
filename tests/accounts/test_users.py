"""The user model: e-mail login, roles, and ``is_staff`` only for the follow-up office."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from accounts.exceptions import RoleError, UserExistsError
from accounts.models import AgencyAssignment, Role, User
from accounts.selectors import user_is_office
from accounts.services import role_flags, user_agencies_set, user_role_set
from tests.accounts.conftest import create_user
from tests.factories import create_agency

pytestmark = pytest.mark.django_db


def test_the_project_uses_the_accounts_user_model():
    assert get_user_model() is User
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User, "username") or User.username is None


def test_roles_have_swedish_labels():
    assert [(role.value, str(role.label)) for role in Role] == [
        ("administrator", "Administratör"),
        ("analyst", "Analytiker"),
        ("respondent", "Uppgiftslämnare"),
    ]


@pytest.mark.parametrize(
    ("role", "is_staff", "is_superuser", "office"),
    [
        (Role.ADMINISTRATOR, True, True, True),
        (Role.ANALYST, True, False, True),
        (Role.RESPONDENT, False, False, False),
    ],
)
def test_the_role_decides_staff_and_superuser(role, is_staff, is_superuser, office):
    user = create_user(role=role)
    assert role_flags(role) == (is_staff, is_superuser)
    assert (user.is_staff, user.is_superuser) == (is_staff, is_superuser)
    assert user.is_office is office
    assert user_is_office(user) is office


def test_changing_the_role_keeps_the_flags_in_step():
    user = create_user(role=Role.ANALYST)
    user_role_set(user=user, role=Role.RESPONDENT)
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == (Role.RESPONDENT, False, False)
    user_role_set(user=user, role=Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)


def test_the_database_refuses_staff_status_for_a_respondent():
    user = create_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_staff=True)


def test_the_database_refuses_superusers_who_are_not_administrators():
    user = create_user(role=Role.ANALYST)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_superuser=True)


def test_email_is_stored_in_lower_case_and_unique_whatever_the_case():
    user = create_user("  Anna.Svensson@Myndighet.SE ")
    assert user.email == "anna.svensson@myndighet.se"
    with pytest.raises(UserExistsError) as refused:
        create_user("ANNA.svensson@myndighet.se")
    assert refused.value.field == "email"


def test_the_database_refuses_the_same_address_in_another_case():
    create_user("anna@myndighet.se")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="Anna@Myndighet.se", password="x")])


def test_natural_key_lookup_ignores_case():
    user = create_user("anna@myndighet.se")
    assert User.objects.get_by_natural_key("ANNA@myndighet.SE") == user


def test_createsuperuser_makes_an_administrator():
    user = User.objects.create_superuser(email="Root@Example.se", password="x-y-z-123-abc")
    assert (user.email, user.role, user.is_staff, user.is_superuser) == (
        "root@example.se",
        Role.ADMINISTRATOR,
        True,
        True,
    )
    assert user.check_password("x-y-z-123-abc")


def test_create_user_defaults_to_a_respondent_without_staff_rights():
    user = User.objects.create_user(email="ny@myndighet.se", password="x-y-z-123-abc")
    assert (user.role, user.is_staff, user.is_superuser) == (Role.RESPONDENT, False, False)


def test_a_user_without_password_cannot_log_in_until_one_is_set():
    user = create_user(password=None)
    assert not user.has_usable_password()


def test_a_service_centre_reports_for_several_agencies():
    a, b = create_agency("Alfaverket"), create_agency("Betaverket")
    admin = create_user("admin@uppfoljning.se", role=Role.ADMINISTRATOR)
    user = create_user(agencies=(a,))
    user_agencies_set(user=user, agencies=[a, b], created_by=admin)
    assert list(user.agencies.order_by("name")) == [a, b]
    added = AgencyAssignment.objects.get(user=user, agency=b)
    assert added.created_by == admin
    assert added.created_at is not None

    user_agencies_set(user=user, agencies=[b])
    assert list(user.agencies.all()) == [b]


def test_only_respondents_are_assigned_to_agencies():
    agency = create_agency()
    with pytest.raises(RoleError):
        create_user(role=Role.ANALYST, agencies=(agency,))
    analyst = create_user("a@uppfoljning.se", role=Role.ANALYST)
    with pytest.raises(RoleError):
        user_agencies_set(user=analyst, agencies=[agency])
