"""The demo loader: fictional contacts on the demo respondent's agencies and on those in
their "Lär av" lists, approved comments, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from network.demo import DEMO_PEOPLE, demo_agencies, load_demo_network
from network.models import AgencyComment, CommentStatus, Contact
from network.selectors import approved_comments, learn_from_blocks
from tests.factories import create_agency

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_fictional(world):
    kammarkollegiet = create_agency("Kammarkollegiet", department="Finansdepartementet")
    first = load_demo_network()
    assert first == Contact.objects.count() + AgencyComment.objects.count()
    assert load_demo_network() == 0
    contacts = list(Contact.objects.all())
    assert contacts
    assert all(c.email.endswith("@example.se") for c in contacts)
    assert {c.name for c in contacts} <= {person[0] for person in DEMO_PEOPLE}
    assert all(c.is_active and c.consent_text.startswith("Jag samtycker") for c in contacts)
    # the demo respondent's agency has a contact and an approved comment
    assert Contact.objects.filter(agency=kammarkollegiet).exists()
    assert approved_comments(agency=kammarkollegiet)
    assert AgencyComment.objects.filter(status=CommentStatus.APPROVED).count() >= 1


def test_demo_covers_the_lar_av_lists(world):
    # without Kammarkollegiet and Statens servicecenter the first agencies by name stand
    # in for the demo respondent's: Mellanverket and Nollverket
    agencies = demo_agencies()
    assert [a.name for a in agencies] == ["Mellanverket", "Nollverket"]
    load_demo_network()
    with_contact = set(Contact.objects.values_list("agency_id", flat=True))
    assert {a.pk for a in agencies} <= with_contact
    firsts = [
        figure.items[0].agency.pk
        for block in learn_from_blocks(agencies=agencies)
        for figure in block.figures
        if figure.items
    ]
    assert firsts, "the world gives the demo agencies someone to learn from"
    assert set(firsts) <= with_contact


def test_command_reports_what_it_made(world, capsys):
    call_command("load_demo_network")
    assert "demoposter skapade" in capsys.readouterr().out
