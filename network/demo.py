"""Demo content for the network: fictional contacts and agency comments (idempotent).

The contacts have obviously fictional names and @example.se addresses. They are put on
the demo respondent's agencies and on the agencies that appear in those agencies' "Lär
av" lists, so that the respondent's pages show the network working.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation

from accounts.services import DEMO_RESPONDENT_AGENCIES
from keyfigures.selectors import published_rounds
from network.consent import consent_text
from network.models import AgencyComment, CommentStatus, Contact
from network.selectors import learn_from_blocks
from register.models import Agency

# Fictional people: (name, role, e-mail local part, phone)
DEMO_PEOPLE = [
    ("Testa Testsson", "E-handelsansvarig", "testa.testsson", "070-000 00 01"),
    ("Exempla Exempelsdotter", "Inköpscontroller", "exempla.exempelsdotter", ""),
    ("Fiktiv Påhittadsson", "Redovisningsansvarig", "fiktiv.pahittadsson", "070-000 00 03"),
    ("Demo Demosdotter", "Systemförvaltare e-handel", "demo.demosdotter", ""),
    ("Prova Provsson", "Ekonomichef", "prova.provsson", "070-000 00 05"),
    ("Låtsas Låtsasdotter", "Upphandlare", "latsas.latsasdotter", ""),
]

APPROVED_TEXT = (
    "Andelen matchade fakturor sjönk när vi bytte ekonomisystem under året: matchningen "
    "mot order var avstängd i fyra månader. Sedan hösten matchas fakturorna igen. "
    "(Simulerad demokommentar.)"
)
SECOND_APPROVED_TEXT = (
    "Vi ställer krav på e-faktura i alla nya avtal sedan 2022 och följer upp leverantörer "
    "som skickar pdf. (Simulerad demokommentar.)"
)
SUBMITTED_TEXT = (
    "Ökningen av e-order beror på att vi har infört beställning i e-handelssystemet för "
    "kontorsmaterial. (Simulerad demokommentar som väntar på granskning.)"
)


def demo_agencies() -> list[Agency]:
    chosen = [
        agency
        for name in DEMO_RESPONDENT_AGENCIES
        if (agency := Agency.objects.filter(name__iexact=name).first()) is not None
    ]
    if len(chosen) < len(DEMO_RESPONDENT_AGENCIES):
        fill = Agency.objects.exclude(pk__in=[a.pk for a in chosen]).order_by("name")
        chosen += list(fill[: len(DEMO_RESPONDENT_AGENCIES) - len(chosen)])
    return chosen


def _learn_from_agencies(agencies: list[Agency], limit: int) -> list[Agency]:
    """The agencies first in the demo agencies' "Lär av" lists, one per list in turn."""
    found: list[Agency] = []
    own = {a.pk for a in agencies}
    for block in learn_from_blocks(agencies=agencies):
        for figure in block.figures:
            for item in figure.items:
                if item.agency.pk not in own and item.agency not in found:
                    found.append(item.agency)
                    break
    return found[:limit]


@transaction.atomic
def load_demo_network() -> int:
    """Create the demo contacts and comments that are missing; the number created."""
    agencies = demo_agencies()
    if not agencies:
        return 0
    targets = agencies + _learn_from_agencies(agencies, limit=len(DEMO_PEOPLE) - len(agencies))
    now = timezone.now()
    with translation.override("sv"):
        text = consent_text()
    created = 0
    for agency, (name, role, local, phone) in zip(targets, DEMO_PEOPLE, strict=False):
        email = f"{local}@example.se"
        if Contact.objects.filter(agency=agency, email=email).exists():
            continue
        Contact.objects.create(
            agency=agency,
            user=None,
            name=name,
            role=role,
            email=email,
            phone=phone,
            consent_text=text,
            consent_given_at=now,
            created_at=now,
            updated_at=now,
        )
        created += 1

    rounds = published_rounds()
    latest = rounds[-1] if rounds else None
    comments = [(agencies[0], APPROVED_TEXT, CommentStatus.APPROVED)]
    if len(targets) > len(agencies):
        comments.append((targets[len(agencies)], SECOND_APPROVED_TEXT, CommentStatus.APPROVED))
    if len(agencies) > 1:
        comments.append((agencies[1], SUBMITTED_TEXT, CommentStatus.SUBMITTED))
    for agency, comment_text, status in comments:
        if AgencyComment.objects.filter(agency=agency, text=comment_text).exists():
            continue
        approved = status == CommentStatus.APPROVED
        AgencyComment.objects.create(
            agency=agency,
            round=latest,
            text=comment_text,
            status=status,
            reviewed_at=now if approved else None,
            created_at=now,
            updated_at=now,
        )
        created += 1
    return created
