"""Who reaches which network page: anonymous visitors go to the login page, users
outside agencies get 403, and every page is private and never stored."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from network.consent import consent_text
from network.selectors import active_contacts, user_may_opt_in, user_sees_network
from network.services import contact_opt_in, contact_withdraw

pytestmark = pytest.mark.django_db

URLS = {
    "directory": "/natverk/",
    "contact": "/natverk/kontakt/",
    "contact-list": "/natverk/kontakter/",
    "comment-list": "/natverk/kommentarer/",
    "comment-review": "/natverk/kommentarer/granska/",
    "learn-from": "/natverk/lar-av/",
}

# user -> expected status per page (302: to the login page)
MATRIX = {
    "anonymous": dict.fromkeys(URLS, 302),
    "inactive": dict.fromkeys(URLS, 302),
    "no_agency": dict.fromkeys(URLS, 403),
    "respondent": {
        "directory": 200,
        "contact": 200,
        "contact-list": 403,
        "comment-list": 200,
        "comment-review": 403,
        "learn-from": 200,
    },
    "other_respondent": {
        "directory": 200,
        "contact": 200,
        "contact-list": 403,
        "comment-list": 200,
        "comment-review": 403,
        "learn-from": 200,
    },
    "office": {
        "directory": 200,
        "contact": 403,
        "contact-list": 200,
        "comment-list": 403,
        "comment-review": 200,
        "learn-from": 200,
    },
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_access_matrix(client, people, who):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    for name, url in URLS.items():
        for prefix in ("", "/en"):
            response = client.get(prefix + url)
            expected = MATRIX[who][name]
            assert response.status_code == expected, (who, prefix + url)
            if expected == 302:
                assert "/konto/logga-in/" in response["Location"]
            if expected == 200:
                cache = response["Cache-Control"]
                assert "no-store" in cache, url
                assert "private" in cache, url


def test_selectors_for_the_lead(people):
    world = people.world
    assert user_sees_network(people.respondent)
    assert user_sees_network(people.office)
    assert not user_sees_network(people.no_agency)
    assert not user_sees_network(people.inactive)
    assert not user_sees_network(AnonymousUser())
    assert user_may_opt_in(people.respondent)
    assert not user_may_opt_in(people.office)

    kept = contact_opt_in(
        user=people.respondent,
        agency=world.storverket,
        name="Bea",
        role="Controller",
        email="bea@example.se",
        consent=True,
        consent_text=consent_text(),
    )
    gone = contact_opt_in(
        user=people.other_respondent,
        agency=world.smaverket,
        name="Cid",
        role="Controller",
        email="cid@example.se",
        consent=True,
        consent_text=consent_text(),
    )
    contact_withdraw(user=people.other_respondent, contact=gone)
    result = active_contacts([world.storverket.pk, world.smaverket.pk, world.nollverket.pk])
    assert result == {world.storverket.pk: [kept]}


def test_other_respondents_contact_shows_in_the_directory_with_type(client, people):
    contact_opt_in(
        user=people.other_respondent,
        agency=people.world.smaverket,
        name="Cecilia Cederlund",
        role="Ekonomichef",
        email="cecilia@smaverket.se",
        phone="+46 70 123 45 67",
        consent=True,
        consent_text=consent_text(),
    )
    client.force_login(people.respondent)
    html = client.get("/natverk/").content.decode()
    assert "Cecilia Cederlund" in html
    assert "cecilia@smaverket.se" in html
    assert "Kulturdepartementet" in html
    assert "Övriga myndigheter" in html
    # search by department, agency name and person; a miss says so
    assert "Cecilia" in client.get("/natverk/?q=kultur").content.decode()
    assert "Cecilia" in client.get("/natverk/?q=småverk").content.decode()
    assert "Cecilia" in client.get("/natverk/?q=cederlund").content.decode()
    miss = client.get("/natverk/?q=finans").content.decode()
    assert "Cecilia" not in miss
    assert "Ingen kontaktperson matchar" in miss


def test_every_private_page_is_well_formed(client, people):
    """The public page guard's markup checks (one title, one main, lang, skip link, no
    duplicate ids) on every network page, with data on them, in both languages."""
    from network.services import comment_submit
    from tests.pagecheck import page_problems

    contact = contact_opt_in(
        user=people.respondent,
        agency=people.world.storverket,
        name="Anna",
        role="Controller",
        email="anna@example.se",
        consent=True,
        consent_text=consent_text(),
    )
    for text in ("En kommentar.", "En till."):
        comment_submit(
            user=people.respondent, agency=people.world.storverket, round=None, text=text
        )
    pages = {
        people.respondent: [
            "/natverk/",
            "/natverk/kontakt/",
            f"/natverk/kontakt/{contact.pk}/andra/",
            f"/natverk/kontakt/{contact.pk}/aterkalla/",
            "/natverk/kommentarer/",
            "/natverk/lar-av/",
        ],
        people.office: [
            "/natverk/kontakter/",
            "/natverk/kommentarer/granska/",
            f"/natverk/lar-av/?myndighet={people.world.storverket.org_nr}",
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            for prefix, lang in (("", "sv"), ("/en", "en")):
                response = client.get(prefix + url)
                assert response.status_code == 200, prefix + url
                assert page_problems(response.content.decode(), lang=lang) == [], prefix + url


def test_network_visible_tag_for_a_menu_link(rf, people):
    from django.template import Context, Template

    template = Template("{% load network_tags %}{% network_visible as show %}{{ show }}")
    for user, expected in (
        (people.respondent, "True"),
        (people.office, "True"),
        (people.no_agency, "False"),
        (AnonymousUser(), "False"),
    ):
        request = rf.get("/")
        request.user = user
        assert template.render(Context({"request": request})) == expected
    assert template.render(Context({})) == "False"
