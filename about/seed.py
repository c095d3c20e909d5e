"""The accessibility statement's first content: the assessment and the known deficiencies.

Used by the data migration (``0002_seed_statement``) with the historical models, and by
tests that need the seeded rows after a flush. Idempotent: an issue is matched by its
``seed_key``, the statement by its primary key; rows that exist are left as the office
edited them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

ASSESSED_ON = date(2026, 11, 28)

STATEMENT: dict[str, Any] = {
    "status": "delvis",
    "assessed_on": ASSESSED_ON,
    "method": "sjalvskattning",
    "published_on": ASSESSED_ON,
    "updated_on": ASSESSED_ON,
}

ISSUES: list[dict[str, Any]] = [
    {
        "seed_key": "session-timeout-warning",
        "order": 10,
        "wcag_criterion": "2.2.1",
        "situations": ["motorik", "kognition", "syn"],
        "description": (
            "Utan JavaScript får du ingen varning innan inloggningen upphör efter 8 timmar. "
            "Ett formulär som du håller på att fylla i kan då gå förlorat när du skickar det."
        ),
        "description_en": (
            "Without JavaScript you get no warning before the login session ends after 8 "
            "hours. A form you are filling in can then be lost when you send it."
        ),
        "where": "Sidorna för inloggade, till exempel rapporteringen och målen",
        "where_en": "The pages for logged-in users, such as reporting and goals",
        "reason": (
            "Inloggningen har en fast längd av säkerhetsskäl. Med JavaScript varnar sidan fem "
            "minuter innan och kan förlänga inloggningen; sidorna fungerar utan JavaScript, "
            "men då finns ingen varning."
        ),
        "reason_en": (
            "The login has a fixed length for security reasons. With JavaScript the page warns "
            "five minutes before and can extend the login; the pages work without JavaScript, "
            "but then there is no warning."
        ),
        "alternative": (
            "Spara ofta. Det du har sparat finns kvar: logga in igen och fortsätt där du slutade."
        ),
        "alternative_en": (
            "Save often. What you have saved is kept: log in again and continue where you left off."
        ),
    },
    {
        "seed_key": "stored-messages-language",
        # Known at the first assessment and fixed the same day (findings keep their rule's
        # parameters and read in the page's language); kept as the record of it.
        "resolved": True,
        "order": 20,
        "wcag_criterion": "3.1.2",
        "situations": ["syn", "kognition"],
        "description": (
            "Kontrollmeddelanden som sparas med ett svar visas på det språk de sparades på. "
            "En engelsk sida kan därför visa ett meddelande på svenska, utan att språket är "
            "angivet för skärmläsare."
        ),
        "description_en": (
            "Validation messages stored with an answer are shown in the language they were "
            "saved in. An English page can therefore show a message in Swedish, without its "
            "language being marked for screen readers."
        ),
        "where": "Rapporteringen: meddelandena vid ett sparat svar, på engelska",
        "where_en": "Reporting: the messages with a saved answer, in English",
        "reason": "Meddelandena sparas som text när svaret sparas.",
        "reason_en": "The messages are stored as text when the answer is saved.",
        "alternative": (
            "Använd den svenska versionen av sidan, eller kontakta oss så förklarar vi meddelandet."
        ),
        "alternative_en": (
            "Use the Swedish version of the page, or contact us and we will explain the message."
        ),
    },
    {
        "seed_key": "pdf-reports-tagging",
        "order": 30,
        "wcag_criterion": "1.3.1",
        "situations": ["syn"],
        "description": (
            "Rapporterna i PDF är märkta med WeasyPrints experimentella stöd för PDF/UA men "
            "har ännu inte granskats manuellt. Strukturen kan vara ofullständig för den som "
            "använder skärmläsare."
        ),
        "description_en": (
            "The PDF reports are tagged with WeasyPrint's experimental PDF/UA support but "
            "have not yet been checked by hand. Their structure may be incomplete for screen "
            "reader users."
        ),
        "where": "Rapporter: årsrapporten och rapportkorten i PDF",
        "where_en": "Reports: the yearly report and the report cards in PDF",
        "reason": (
            "Verktyget som skapar PDF-filerna har bara experimentellt stöd för tillgängliga "
            "PDF-filer, och den manuella granskningen är inte gjord."
        ),
        "reason_en": (
            "The tool that creates the PDF files has only experimental support for "
            "accessible PDF, and the manual check has not been done."
        ),
        "alternative": (
            "Varje rapport finns också som webbsida (HTML) med samma innehåll. Den är det "
            "tillgängliga alternativet."
        ),
        "alternative_en": (
            "Every report is also available as a web page (HTML) with the same content. "
            "That is the accessible alternative."
        ),
    },
]


def seed_statement(statement_model: Any, issue_model: Any) -> None:
    """Create the statement row and the known issues that do not exist yet."""
    statement_model.objects.get_or_create(pk=1, defaults=STATEMENT)
    for issue in ISSUES:
        fields = {k: v for k, v in issue.items() if k != "seed_key"}
        issue_model.objects.get_or_create(seed_key=issue["seed_key"], defaults=fields)
