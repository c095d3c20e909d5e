"""The office corrects an agency's derived type in the admin, through the service."""

from __future__ import annotations

import pytest
from django.test import Client

from learning.models import AgencyTypeChoice, AgencyTypeOverride
from tests.factories import create_agency

pytestmark = pytest.mark.django_db


def test_office_sets_and_changes_an_override_in_the_admin(admin_client: Client, admin_user) -> None:
    agency = create_agency("Domstolsverket", org_nr="2021004284")
    assert admin_client.get("/admin/learning/agencytypeoverride/add/").status_code == 200
    response = admin_client.post(
        "/admin/learning/agencytypeoverride/add/",
        {"agency": agency.pk, "type": AgencyTypeChoice.COURT},
    )
    assert response.status_code == 302
    override = AgencyTypeOverride.objects.get()
    assert override.type == AgencyTypeChoice.COURT
    assert override.set_by == admin_user
    assert override.set_at is not None
    response = admin_client.post(
        f"/admin/learning/agencytypeoverride/{override.pk}/change/",
        {"agency": agency.pk, "type": AgencyTypeChoice.OTHER},
    )
    assert response.status_code == 302
    assert AgencyTypeOverride.objects.get().type == AgencyTypeChoice.OTHER
    assert admin_client.get("/admin/learning/agencytypeoverride/").status_code == 200
