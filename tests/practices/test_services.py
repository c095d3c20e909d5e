"""The practice services: validation messages, the review flow's states, permissions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from practices.exceptions import PracticeStateError
from practices.models import Practice, PracticeStatus
from practices.selectors import practices_for_agencies, public_last_changed, published_practices
from practices.services import (
    practice_create,
    practice_data_check,
    practice_publish,
    practice_return,
    practice_submit,
    practice_update,
    practice_withdraw,
)
from tests.practices.conftest import contact_create, good_data, published_practice


def test_good_data_has_no_problems(pw):
    assert practice_data_check(data=good_data(), agency=pw.mellanverket) == {}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Skriv en rubrik."),
        ({"title": "x" * 201}, "title", "Rubriken får vara högst 200 tecken."),
        ({"description": ""}, "description", "Beskriv vad myndigheten gjorde."),
        ({"started_on": None}, "started_on", "Skriv startdatumet som ÅÅÅÅ-MM-DD"),
        ({"started_on": date(1999, 12, 31)}, "started_on", "före år 2000"),
        ({"themes": []}, "themes", "Välj minst ett tema."),
        ({"themes": ["hacking"]}, "themes", "Välj teman ur listan."),
        ({"figures": []}, "figures", "Välj minst ett nyckeltal"),
        ({"figures": ["andel-pdf"]}, "figures", "Välj nyckeltal ur listan."),
        ({"effort": ""}, "effort", "Välj hur stor insatsen var."),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Skriv en hel webbadress"),
        ({"source_url": "", "source_label": "Årsredovisningen"}, "source_url", "Skriv länken"),
        ({"contact_id": 999999}, "contact", "Välj en kontaktperson"),
    ],
)
def test_bad_input_gets_a_swedish_message_per_field(pw, changes, field, message):
    errors = practice_data_check(data=good_data(**changes), agency=pw.mellanverket)
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_start_date_at_most_a_year_ahead(pw):
    today = date(2026, 6, 1)
    ok = practice_data_check(
        data=good_data(started_on=today + timedelta(days=365)), agency=pw.mellanverket, today=today
    )
    assert ok == {}
    errors = practice_data_check(
        data=good_data(started_on=today + timedelta(days=366)), agency=pw.mellanverket, today=today
    )
    assert errors == {"started_on": ["Startdatumet kan ligga högst ett år framåt i tiden."]}


def test_contact_must_be_the_agencys_and_not_withdrawn(pw):
    other_agency_contact = contact_create(pw.world.smaverket, name="Sven", email="s@s.se")
    errors = practice_data_check(
        data=good_data(contact_id=other_agency_contact.pk), agency=pw.mellanverket
    )
    assert "contact" in errors
    pw.contact.withdrawn_at = timezone.now()
    pw.contact.save()
    errors = practice_data_check(data=good_data(contact_id=pw.contact.pk), agency=pw.mellanverket)
    assert "contact" in errors


def test_invalid_create_writes_nothing(pw):
    with pytest.raises(ValidationError) as error:
        practice_create(user=pw.respondent, agency=pw.mellanverket, data=good_data(themes=[]))
    assert error.value.message_dict == {"themes": ["Välj minst ett tema."]}
    assert Practice.objects.count() == 0


def test_review_flow(pw):
    practice = practice_create(
        user=pw.respondent, agency=pw.mellanverket, data=good_data(contact_id=pw.contact.pk)
    )
    assert practice.status == PracticeStatus.DRAFT
    assert practice.themes == ["systems", "matching"]  # the choices' order
    assert not published_practices().exists()
    with pytest.raises(PracticeStateError):
        practice_publish(user=pw.office, practice=practice)  # a draft cannot be published
    practice_submit(user=pw.respondent, practice=practice)
    with pytest.raises(ValidationError) as error:
        practice_return(user=pw.office, practice=practice, comment="  ")
    assert "comment" in error.value.message_dict
    practice = practice_return(user=pw.office, practice=practice, comment="Lägg till siffror.")
    assert practice.status == PracticeStatus.RETURNED
    assert practice.review_comment == "Lägg till siffror."
    practice = practice_update(user=pw.respondent, practice=practice, data=good_data(title="Ny"))
    assert practice.status == PracticeStatus.RETURNED  # still waiting to be resubmitted
    practice_submit(user=pw.respondent, practice=practice)
    practice = practice_publish(user=pw.office, practice=practice)
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.review_comment == ""
    assert practice.published_at is not None
    assert practice.reviewed_by == pw.office
    assert list(published_practices()) == [practice]


def test_editing_a_published_practice_takes_it_off_the_public_pages(pw):
    practice = published_practice(pw)
    practice = practice_update(user=pw.respondent, practice=practice, data=good_data(title="Ny"))
    assert practice.status == PracticeStatus.DRAFT
    assert not published_practices().exists()


def test_respondent_cannot_publish_or_return(pw):
    practice = practice_create(user=pw.respondent, agency=pw.mellanverket, data=good_data())
    practice_submit(user=pw.respondent, practice=practice)
    with pytest.raises(PermissionDenied):
        practice_publish(user=pw.respondent, practice=practice)
    with pytest.raises(PermissionDenied):
        practice_return(user=pw.respondent, practice=practice, comment="x")


def test_respondent_of_another_agency_cannot_write(pw):
    with pytest.raises(PermissionDenied):
        practice_create(user=pw.other, agency=pw.mellanverket, data=good_data())
    practice = practice_create(user=pw.respondent, agency=pw.mellanverket, data=good_data())
    for service in (practice_submit, practice_withdraw):
        with pytest.raises(PermissionDenied):
            service(user=pw.other, practice=practice)
    with pytest.raises(PermissionDenied):
        practice_update(user=pw.other, practice=practice, data=good_data())


def test_withdraw_moves_the_public_clock_and_removes_it(pw):
    assert public_last_changed() is None
    practice = published_practice(pw)
    published_clock = public_last_changed()
    assert published_clock == practice.updated_at
    practice_withdraw(user=pw.respondent, practice=practice)
    assert not published_practices().exists()
    later = public_last_changed()
    assert later is not None
    assert later > published_clock
    with pytest.raises(PracticeStateError):
        practice_withdraw(user=pw.respondent, practice=practice)


def test_practices_for_agencies(pw):
    first = published_practice(pw, figures=["andel-matchade"])
    second = published_practice(pw, title="E-order", figures=["e-order-per-100-aa"])
    draft = practice_create(user=pw.other, agency=pw.world.smaverket, data=good_data())
    ids = [pw.mellanverket.pk, pw.world.smaverket.pk, pw.world.storverket.pk]
    # same start: by title
    assert practices_for_agencies(ids) == {pw.mellanverket.pk: [second, first]}
    assert practices_for_agencies(ids, "e-order-per-100-aa") == {pw.mellanverket.pk: [second]}
    assert practices_for_agencies(ids, "andel-e-faktura") == {}
    assert practices_for_agencies([]) == {}
    assert draft.pk not in [p.pk for ps in practices_for_agencies(ids).values() for p in ps]


def test_active_contact_only_while_consent_stands(pw):
    from practices.selectors import practice_active_contact

    practice = published_practice(pw, contact_id=pw.contact.pk)
    assert practice_active_contact(practice) == pw.contact
    pw.contact.withdrawn_at = timezone.now()
    pw.contact.save()
    assert practice_active_contact(practice) is None
    assert practice_active_contact(published_practice(pw, title="Utan")) is None
