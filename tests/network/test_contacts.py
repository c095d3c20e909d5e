"""Contacts: opting in with consent (stored verbatim), changing, withdrawing (erasure),
and the office's removal, through HTTP and the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from network import services
from network.consent import consent_text
from network.exceptions import ConsentMissingError, ContactInvalidError, NetworkError
from network.models import Contact

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Anna Andersson",
    "role": "E-handelsansvarig",
    "email": "Anna.Andersson@Storverket.se",
    "phone": "08-123 456 78",
    "consent": "on",
}


def _opt_in_post(client, people, **changes):
    data = {"agency": str(people.world.storverket.pk), **GOOD, **changes}
    return client.post("/natverk/kontakt/", {k: v for k, v in data.items() if v is not None})


def test_opt_in_form_is_prefilled_from_the_user(client, people):
    client.force_login(people.respondent)
    html = client.get("/natverk/kontakt/").content.decode()
    assert 'value="Anna Andersson"' in html
    assert 'value="anna.respondent@example.se"' in html
    # the consent text stands beside the checkbox, which is not ticked in advance
    assert consent_text() in html.replace("&#x27;", "'")
    assert 'type="checkbox" name="consent" id="id_consent" value="on" aria-describedby' in html


def test_consent_is_recorded_verbatim_with_its_time(client, people):
    client.force_login(people.respondent)
    response = _opt_in_post(client, people)
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.agency == people.world.storverket
    assert contact.user == people.respondent
    assert (contact.name, contact.role, contact.email, contact.phone) == (
        "Anna Andersson",
        "E-handelsansvarig",
        "anna.andersson@storverket.se",
        "08-123 456 78",
    )
    with translation.override("sv"):
        assert contact.consent_text == consent_text()
    assert contact.consent_text.startswith("Jag samtycker till att mitt namn")
    assert contact.consent_given_at is not None
    assert contact.withdrawn_at is None
    page = client.get("/natverk/kontakt/").content.decode()
    assert "Tack! Du är nu kontaktperson i nätverket." in page


def test_consent_in_english_is_stored_in_english(client, people):
    client.force_login(people.respondent)
    response = client.post(
        "/en/natverk/kontakt/", {"agency": str(people.world.storverket.pk), **GOOD}
    )
    assert response.status_code == 302
    stored = Contact.objects.get().consent_text
    assert stored.startswith("I consent to my name")
    with translation.override("en"):
        assert stored == consent_text()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "Kryssa i rutan för samtycke"),
        ({"name": "  "}, "Skriv ditt namn."),
        ({"role": ""}, "Skriv din roll"),
        ({"email": "inte-en-adress"}, "Skriv e-postadressen som namn@myndighet.se."),
        ({"phone": "ring mig"}, "Skriv telefonnumret med siffror"),
        ({"agency": str(999999)}, "Välj en av dina myndigheter."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, people, changes, message):
    client.force_login(people.respondent)
    response = _opt_in_post(client, people, **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Det finns ett problem" in html
    assert message in html
    assert Contact.objects.count() == 0


def test_another_agencys_id_is_refused(client, people):
    client.force_login(people.respondent)
    response = _opt_in_post(client, people, agency=str(people.world.smaverket.pk))
    assert response.status_code == 400
    assert Contact.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.contact_opt_in(
            user=people.respondent,
            agency=people.world.smaverket,
            name="X",
            role="Y",
            email="x@example.se",
            consent=True,
            consent_text="text",
        )


def test_the_office_cannot_opt_in_on_someones_behalf(people):
    with pytest.raises(PermissionDenied):
        services.contact_opt_in(
            user=people.office,
            agency=people.world.storverket,
            name="X",
            role="Y",
            email="x@example.se",
            consent=True,
            consent_text="text",
        )


def test_service_refuses_missing_consent_and_duplicates(people):
    kwargs = {
        "user": people.respondent,
        "agency": people.world.storverket,
        "name": "Anna",
        "role": "Controller",
        "email": "anna@example.se",
        "consent_text": consent_text(),
    }
    with pytest.raises(ConsentMissingError):
        services.contact_opt_in(consent=False, **kwargs)
    with pytest.raises(ContactInvalidError) as error:
        services.contact_opt_in(consent=True, **{**kwargs, "email": "anna@"})
    assert error.value.field == "email"
    services.contact_opt_in(consent=True, **kwargs)
    with pytest.raises(NetworkError):
        services.contact_opt_in(consent=True, **kwargs)
    assert Contact.objects.count() == 1


def _contact(people, **fields) -> Contact:
    return services.contact_opt_in(
        user=fields.pop("user", people.respondent),
        agency=fields.pop("agency", people.world.storverket),
        name=fields.pop("name", "Anna Andersson"),
        role=fields.pop("role", "E-handelsansvarig"),
        email=fields.pop("email", "anna@storverket.se"),
        phone=fields.pop("phone", "070-111 22 33"),
        consent=True,
        consent_text=consent_text(),
    )


def test_the_contact_edits_their_details(client, people):
    contact = _contact(people)
    client.force_login(people.respondent)
    url = f"/natverk/kontakt/{contact.pk}/andra/"
    assert 'value="070-111 22 33"' in client.get(url).content.decode()
    bad = client.post(url, {"name": "Anna", "role": "Controller", "email": "", "phone": ""})
    assert bad.status_code == 400
    assert "Skriv din e-postadress." in bad.content.decode()
    ok = client.post(
        url, {"name": "Anna A", "role": "Controller", "email": "a@storverket.se", "phone": ""}
    )
    assert ok.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.role, contact.email, contact.phone) == (
        "Anna A",
        "Controller",
        "a@storverket.se",
        "",
    )


def test_nobody_else_edits_or_withdraws_a_contact(client, people):
    contact = _contact(people)
    for user in (people.other_respondent, people.office):
        client.force_login(user)
        assert client.get(f"/natverk/kontakt/{contact.pk}/andra/").status_code == 403
    client.force_login(people.other_respondent)
    assert client.post(f"/natverk/kontakt/{contact.pk}/aterkalla/").status_code == 403
    contact.refresh_from_db()
    assert contact.is_active
    assert contact.name == "Anna Andersson"


def test_withdrawal_erases_the_personal_data_at_once(client, people):
    contact = _contact(people)
    given_at = contact.consent_given_at
    client.force_login(people.respondent)
    confirm = client.get(f"/natverk/kontakt/{contact.pk}/aterkalla/")
    assert "raderas direkt" in confirm.content.decode()
    response = client.post(f"/natverk/kontakt/{contact.pk}/aterkalla/")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.role, contact.email, contact.phone) == ("", "", "", "")
    assert contact.withdrawn_at is not None
    # the record that consent was given, and what was agreed to, stays
    assert contact.consent_given_at == given_at
    assert contact.consent_text == consent_text()
    assert "Samtycket är återkallat" in client.get("/natverk/kontakt/").content.decode()
    # gone from the directory; withdrawing again changes nothing
    assert "anna@storverket.se" not in client.get("/natverk/").content.decode()
    again = services.contact_withdraw(user=people.respondent, contact=contact)
    assert again.withdrawn_at == contact.withdrawn_at
    # a withdrawn record cannot be edited back to life
    assert client.get(f"/natverk/kontakt/{contact.pk}/andra/").status_code == 404
    with pytest.raises(NetworkError):
        services.contact_update(
            user=people.respondent, contact=contact, name="A", role="B", email="a@b.se"
        )


def test_the_office_sees_contacts_and_removes_one_on_request(client, people):
    contact = _contact(people)
    client.force_login(people.office)
    listing = client.get("/natverk/kontakter/").content.decode()
    assert "Anna Andersson" in listing
    assert "anna@storverket.se" in listing
    response = client.post(f"/natverk/kontakt/{contact.pk}/aterkalla/")
    assert response.status_code == 302
    assert response["Location"] == "/natverk/kontakter/"
    contact.refresh_from_db()
    assert contact.withdrawn_at is not None
    assert contact.name == ""
    assert contact.email == ""
    listing = client.get("/natverk/kontakter/").content.decode()
    assert "Kontaktpersonen är borttagen" in listing
    assert "Anna Andersson" not in listing
    assert "Återkallade samtycken" in listing


def test_opting_in_again_after_withdrawal_makes_a_new_record(people):
    first = _contact(people)
    services.contact_withdraw(user=people.respondent, contact=first)
    second = _contact(people, name="Anna igen")
    assert second.pk != first.pk
    assert Contact.objects.filter(withdrawn_at__isnull=True).get() == second


def test_a_contact_who_left_the_agency_can_still_withdraw(client, people):
    from accounts.services import user_agencies_set

    contact = _contact(people)
    user_agencies_set(user=people.respondent, agencies=[])
    client.force_login(people.respondent)
    page = client.get("/natverk/kontakt/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/natverk/kontakt/{contact.pk}/aterkalla/" in html
    assert "Anmäl dig som kontaktperson" not in html
    response = client.post(f"/natverk/kontakt/{contact.pk}/aterkalla/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    contact.refresh_from_db()
    assert contact.withdrawn_at is not None
    assert contact.email == ""
    # with nothing left to withdraw and no agency, the page is closed to them
    assert client.get("/natverk/kontakt/").status_code == 403
