"""Who may see which agency: the lookups every agency page and action is built on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role
from accounts.selectors import access_agency, agencies_for_user, user_is_office
from accounts.services import user_role_set

pytestmark = pytest.mark.django_db

# (user attribute on People, agencies it may see) -- None: every agency
MATRIX = [
    ("administrator", None),
    ("analyst", None),
    ("respondent_a", {"agency_a"}),
    ("service_centre", {"agency_a", "agency_b"}),
]


@pytest.mark.parametrize(("who", "allowed"), MATRIX)
@pytest.mark.parametrize("target", ["agency_a", "agency_b"])
def test_access_agency_matrix(people, who, allowed, target):
    user = getattr(people, who)
    agency = getattr(people, target)
    if allowed is None or target in allowed:
        assert access_agency(user=user, agency_id=agency.pk) == agency
    else:
        with pytest.raises(PermissionDenied):
            access_agency(user=user, agency_id=agency.pk)


def test_anonymous_is_denied_every_agency(people):
    for agency in (people.agency_a, people.agency_b):
        with pytest.raises(PermissionDenied):
            access_agency(user=AnonymousUser(), agency_id=agency.pk)
    assert list(agencies_for_user(user=AnonymousUser())) == []
    assert not user_is_office(AnonymousUser())


def test_an_inactive_user_is_denied_even_in_the_office(people):
    for user in (people.analyst, people.respondent_a):
        user.is_active = False
        user.save(update_fields=["is_active"])
        with pytest.raises(PermissionDenied):
            access_agency(user=user, agency_id=people.agency_a.pk)
        assert list(agencies_for_user(user=user)) == []


def test_unknown_agency_is_404_for_the_office_and_denied_for_respondents(people):
    missing = people.agency_b.pk + 1000
    with pytest.raises(Http404):
        access_agency(user=people.analyst, agency_id=missing)
    # a respondent learns nothing about which ids exist
    with pytest.raises(PermissionDenied):
        access_agency(user=people.respondent_a, agency_id=missing)


def test_agencies_for_user(people):
    everyone = [people.agency_a, people.agency_b]
    assert list(agencies_for_user(user=people.administrator)) == everyone
    assert list(agencies_for_user(user=people.analyst)) == everyone
    assert list(agencies_for_user(user=people.respondent_a)) == [people.agency_a]
    assert list(agencies_for_user(user=people.service_centre)) == everyone


def test_an_office_member_who_becomes_a_respondent_loses_the_other_agencies(people):
    user_role_set(user=people.analyst, role=Role.RESPONDENT)
    assert list(agencies_for_user(user=people.analyst)) == []
    with pytest.raises(PermissionDenied):
        access_agency(user=people.analyst, agency_id=people.agency_a.pk)


def test_access_agency_takes_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        access_agency(user=people.respondent_a, agency_id=people.agency_a.pk)
