"""The feedback form: the page, a valid message and its receipt, errors that store
nothing, the honeypot, the rate limit, and personal data only when given."""

from __future__ import annotations

import pytest
from django.test import Client

from about.models import Feedback, FeedbackKind, FeedbackStatus
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

FORM = "/om-webbplatsen/synpunkter/"
RECEIVED = "/om-webbplatsen/synpunkter/tack/"
SUMMARY = "Det finns ett problem"


def html(response) -> str:
    return response.content.decode()


def valid(**changes: str) -> dict[str, str]:
    data = {
        "kind": FeedbackKind.DATA_ERROR.value,
        "message": "Småverkets andel e-fakturor för 2024 ser för låg ut.",
        "page_url": "/myndigheter/2021000001/",
        "email": "",
        "webbplats": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", [FORM, "/en" + FORM])
def test_form_page_passes_the_page_check_with_only_the_session_cookie(
    client: Client, url: str
) -> None:
    response = check_page(client, url, allow_cookies=True)
    page = html(response)
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'href="/konto/personuppgifter/"' in page or 'href="/en/konto/personuppgifter/"' in page
    # the honeypot is in the form but hidden from everyone
    assert "<div hidden>" in page
    assert 'name="webbplats"' in page


def test_email_hint_states_the_keep_days(client: Client, settings) -> None:
    page = html(client.get(FORM))
    assert "tar bort den 30 dagar efter att ärendet är klart" in page
    assert 'aria-describedby="id_email_helptext"' in page
    settings.ABOUT_FEEDBACK_EMAIL_KEEP_DAYS = 1
    assert "tar bort den 1 dag efter att ärendet är klart" in html(client.get(FORM))
    english = html(client.get("/en" + FORM))
    assert "delete it 1 day after the matter is closed" in english


def test_form_is_in_english_under_en(client: Client) -> None:
    page = html(check_page(client, "/en" + FORM, allow_cookies=True))
    assert "<h1>Send feedback</h1>" in page
    assert "Accessibility problem or request for an accessible version" in page
    assert "Vad gäller det?" not in page


def test_page_address_and_kind_are_prefilled_from_the_query(client: Client) -> None:
    page = html(client.get(FORM + "?sida=/omgangar/2024/&typ=tillganglighet"))
    assert 'value="/omgangar/2024/"' in page
    assert 'value="tillganglighet" id="id_kind_0" required checked' in page
    assert page.count(" checked") == 1


def test_a_bad_prefill_is_dropped_without_an_error(client: Client) -> None:
    response = client.get(FORM + "?sida=javascript:alert(1)&typ=hack")
    page = html(response)
    assert response.status_code == 200
    assert 'name="page_url" value=' not in page
    assert SUMMARY not in page
    assert " checked" not in page


def test_valid_message_is_stored_and_the_receipt_shows_its_reference(client: Client) -> None:
    response = client.post(FORM, valid())
    assert response.status_code == 302
    assert response["Location"] == RECEIVED
    feedback = Feedback.objects.get()
    assert feedback.kind == FeedbackKind.DATA_ERROR
    assert feedback.message == "Småverkets andel e-fakturor för 2024 ser för låg ut."
    assert feedback.page_url == "/myndigheter/2021000001/"
    assert feedback.status == FeedbackStatus.NEW
    assert feedback.handled_at is None
    assert feedback.language == "sv"
    assert feedback.reference == f"{feedback.received_at:%Y}-{feedback.pk:05d}"
    receipt = check_page(client, RECEIVED, allow_cookies=True)
    assert f'<strong class="reference">{feedback.reference}</strong>' in html(receipt)


def test_english_message_records_its_language(client: Client) -> None:
    response = client.post("/en" + FORM, valid(message="The chart has no table."))
    assert response.status_code == 302
    assert response["Location"] == "/en" + RECEIVED
    assert Feedback.objects.get().language == "en"
    receipt = html(client.get("/en" + RECEIVED))
    assert "Thank you for your message" in receipt


def test_no_email_is_stored_when_none_is_given(client: Client) -> None:
    client.post(FORM, valid(email="   "))
    assert Feedback.objects.get().email == ""


def test_an_email_given_for_a_reply_is_stored(client: Client) -> None:
    client.post(FORM, valid(email=" Anna.Svensson@Example.se "))
    assert Feedback.objects.get().email == "Anna.Svensson@Example.se"


def test_receipt_without_a_message_sent_goes_back_to_the_form(client: Client) -> None:
    response = client.get(RECEIVED)
    assert response.status_code == 302
    assert response["Location"] == FORM


def test_missing_fields_re_render_with_an_error_summary_and_store_nothing(client: Client) -> None:
    response = client.post(FORM, {"message": "   ", "webbplats": ""})
    page = html(response)
    assert response.status_code == 200
    assert SUMMARY in page
    assert "<title>Fel: Skicka synpunkter" in page
    assert "Välj vad meddelandet gäller." in page
    assert "Skriv ditt meddelande." in page
    assert 'href="#id_kind_0"' in page
    assert 'href="#id_message"' in page
    assert 'aria-invalid="true"' in page
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"message": "x" * 5001}, "Meddelandet är för långt: högst 5000 tecken, nu 5001."),
        ({"email": "anna@"}, "Skriv e-postadressen i formatet namn@exempel.se"),
        ({"page_url": "javascript:alert(1)"}, "Skriv sidans adress som den står i webbläsaren"),
        ({"page_url": "//evil.example/"}, "Skriv sidans adress som den står i webbläsaren"),
        ({"kind": "reklam"}, "Välj vad meddelandet gäller."),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client: Client, changes: dict[str, str], expected: str
) -> None:
    response = client.post(FORM, valid(**changes))
    page = html(response)
    assert response.status_code == 200
    assert SUMMARY in page
    assert expected in page
    assert Feedback.objects.count() == 0


def test_a_message_of_exactly_5000_characters_is_accepted(client: Client) -> None:
    assert client.post(FORM, valid(message="y" * 5000)).status_code == 302
    assert len(Feedback.objects.get().message) == 5000


def test_errors_keep_what_was_written(client: Client) -> None:
    page = html(client.post(FORM, valid(email="fel")))
    assert "Småverkets andel e-fakturor för 2024 ser för låg ut.</textarea>" in page
    assert 'value="/myndigheter/2021000001/"' in page


def test_english_errors_are_in_english(client: Client) -> None:
    page = html(client.post("/en" + FORM, {"message": ""}))
    assert "There is a problem" in page
    assert "Write your message." in page
    assert "Skriv ditt meddelande." not in page


def test_honeypot_rejects_and_shows_the_field_so_a_person_can_empty_it(client: Client) -> None:
    response = client.post(FORM, valid(webbplats="https://spam.example/"))
    page = html(response)
    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    assert "Meddelandet skickades inte. Töm det här fältet och skicka igen." in page
    assert "<div hidden>" not in page
    assert 'href="#id_webbplats"' in page


def test_rate_limit_per_client_address(client: Client, settings) -> None:
    settings.ABOUT_FEEDBACK_RATE_LIMIT = 2
    settings.ABOUT_FEEDBACK_RATE_WINDOW = 600
    for number in range(2):
        response = client.post(FORM, valid(message=f"Meddelande {number}"))
        assert response.status_code == 302
    refused = client.post(FORM, valid(message="Det tredje"))
    page = html(refused)
    assert refused.status_code == 429
    assert "Du har skickat många meddelanden på kort tid. Vänta 10 minuter" in page
    assert "Det tredje</textarea>" in page
    assert Feedback.objects.count() == 2
    # another address is not affected
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert other.post(FORM, valid(message="Från en annan adress")).status_code == 302
    assert Feedback.objects.count() == 3


def test_default_rate_limit_is_five_per_ten_minutes(client: Client) -> None:
    for number in range(5):
        assert client.post(FORM, valid(message=f"Nummer {number}")).status_code == 302
    assert client.post(FORM, valid(message="Nummer 6")).status_code == 429
    assert Feedback.objects.count() == 5


def test_post_without_csrf_token_is_refused(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM, valid())
    assert response.status_code == 403
    assert Feedback.objects.count() == 0


def test_post_with_the_session_csrf_token_is_accepted(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    page = html(client.get(FORM))
    marker = 'name="csrfmiddlewaretoken" value="'
    token = page[page.index(marker) + len(marker) :].split('"', 1)[0]
    response = client.post(FORM, valid(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Feedback.objects.count() == 1
