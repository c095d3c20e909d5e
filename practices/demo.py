"""Demo practices: the real Fortifikationsverket example with its source, and clearly
simulated examples on demo agencies whose (simulated) figures jumped.

``load_demo_practices()`` is idempotent: it creates or updates the examples and returns
how many are in place. It needs the register and published results (``make demo``
loads them first); an agency that is missing is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from keyfigures.models import AgencyResult, Basis
from practices.models import Effort, Practice, PracticeStatus, Theme
from register.models import Agency
from surveys.models import PeriodType

# Domain fact sheet (../shared/docs/domain.md §4.1), from ESV's article "Vi behöver lära
# av varandra". The article's date and the size of the effort are not in the source; the
# texts say so.
FORTIFIKATIONSVERKET = "Fortifikationsverket"
FORTIFIKATIONSVERKET_TITLE = "Ledningen satte målet och generaldirektören lade första beställningen"
FORTIFIKATIONSVERKET_DESCRIPTION = (
    "Fortifikationsverkets ledning satte ett tydligt mål: beställningar ska göras i "
    "e-handelssystemet. Ledningen gjorde målet synligt i en sändning till all personal, "
    "där generaldirektören själv lade den första beställningen i systemet för att visa hur "
    "enkelt det är.\n\n"
    "I ESV:s uppföljning av statens e-handel var Fortifikationsverket en av de myndigheter "
    "som ökade sina e-beställningar mest på ett år. ESV lyfte exemplet för att myndigheter "
    "ska våga jämföra sig och lära av varandra, och för att tala om verksamhetsnytta i "
    "stället för om it.\n\n"
    "Källan anger inte exakt när arbetet började. Startdatumet är en uppskattning: ESV "
    "följde upp e-handeln 2015–2018, och ökningen syntes i den uppföljningen."
)
FORTIFIKATIONSVERKET_EFFORT_NOTE = (
    "Källan anger inte hur stor insatsen var. Ett ledningsbeslut om mål och en sändning "
    "till all personal är i sig en liten insats; arbetet med att ansluta beställarna syns "
    "inte i källan."
)
FORTIFIKATIONSVERKET_STARTED_ON = date(2016, 1, 1)  # an estimate, stated in the text
FORTIFIKATIONSVERKET_SOURCE_LABEL = (
    "ESV, artikeln ”Vi behöver lära av varandra” (Eva Lindblom, avdelningschef på ESV)"
)


@dataclass(frozen=True)
class SimulatedTemplate:
    """Goes to the agency with the biggest rise of ``figure`` not already used."""

    figure: str
    title: str
    description: str
    themes: tuple[str, ...]
    effort: str
    effort_note: str


SIMULATED_NOTE = "Simulerat exempel: påhittat för demon, på en myndighet med simulerade värden."
SIMULATED: tuple[SimulatedTemplate, ...] = (
    SimulatedTemplate(
        figure="andel-e-faktura",
        title="Krav på e-faktura i alla nya avtal",
        description=(
            "Inköpsfunktionen skrev in krav på e-faktura enligt Peppol BIS Billing 3 i alla "
            "nya avtal och i förlängningar av gamla. Leverantörer som ändå skickade "
            "pdf-fakturor fick ett standardbrev med en länk till hur de kommer i gång."
        ),
        themes=(Theme.PROCUREMENT, Theme.SUPPLIERS),
        effort=Effort.MEDIUM,
        effort_note="En inköpare på halvtid under ett halvår. " + SIMULATED_NOTE,
    ),
    SimulatedTemplate(
        figure="andel-e-faktura",
        title="Leverantörsdag om e-faktura",
        description=(
            "Myndigheten bjöd in sina 50 största pappers- och pdf-leverantörer till en "
            "halvdag om e-faktura, med hjälp på plats att välja en tjänst för att skicka "
            "via Peppol."
        ),
        themes=(Theme.SUPPLIERS, Theme.TRAINING),
        effort=Effort.SMALL,
        effort_note="Två personer i några veckor. " + SIMULATED_NOTE,
    ),
    SimulatedTemplate(
        figure="andel-matchade",
        title="Abonnemang och hyror matchas automatiskt",
        description=(
            "Ekonomifunktionen lade upp återkommande avtal (hyror, licenser, telefoni) som "
            "abonnemang i fakturahanteringssystemet, så att fakturorna matchas mot avtalet "
            "utan manuell attest när belopp och period stämmer."
        ),
        themes=(Theme.MATCHING, Theme.SYSTEMS),
        effort=Effort.LARGE,
        effort_note="Ett års arbete med en systemleverantör. " + SIMULATED_NOTE,
    ),
    SimulatedTemplate(
        figure="e-order-per-100-aa",
        title="Färre beställare med utbildning",
        description=(
            "Myndigheten samlade beställningarna hos ett trettiotal utbildade beställare i "
            "stället för att alla anställda beställde själva, och gjorde e-handelssystemet "
            "till den enda vägen för avropen på de stora ramavtalen."
        ),
        themes=(Theme.ORDERING, Theme.TRAINING),
        effort=Effort.MEDIUM,
        effort_note="Några månaders omorganisation och utbildning. " + SIMULATED_NOTE,
    ),
)


def _jumpers(figure: str, exclude: set[int]) -> list[AgencyResult]:
    """The biggest published round-to-round rises of the figure, biggest first."""
    return [
        r
        for r in AgencyResult.objects.filter(
            basis=Basis.PUBLISHED,
            figure=figure,
            change__isnull=False,
            round__period_type=PeriodType.YEAR,
            previous_round__isnull=False,
            previous_round__period_type=PeriodType.YEAR,
        )
        .select_related("agency", "previous_round", "round")
        .order_by("-change", "agency__name")[:20]
        if r.agency_id not in exclude
    ]


def _put(*, agency: Agency, title: str, fields: dict[str, Any]) -> Practice:
    """Create the practice or bring it up to date; an unchanged one keeps its times, so
    the public pages' clock does not move on a rerun."""
    now = timezone.now()
    practice = Practice.objects.filter(agency=agency, title=title).first()
    if practice is None:
        practice = Practice(agency=agency, title=title, created_at=now, published_at=now)
        changed = True
    else:
        changed = any(getattr(practice, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(practice, name, value)
    if changed or practice.status != PracticeStatus.PUBLISHED:
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = practice.published_at or now
        practice.updated_at = now
        practice.full_clean()
        practice.save()
    return practice


@transaction.atomic
def load_demo_practices() -> int:
    """Load the demo practices; the number in place afterwards."""
    loaded = 0
    used: set[int] = set()
    fortifikationsverket = Agency.objects.filter(name__iexact=FORTIFIKATIONSVERKET).first()
    if fortifikationsverket is not None:
        used.add(fortifikationsverket.pk)
        _put(
            agency=fortifikationsverket,
            title=FORTIFIKATIONSVERKET_TITLE,
            fields={
                "description": FORTIFIKATIONSVERKET_DESCRIPTION,
                "started_on": FORTIFIKATIONSVERKET_STARTED_ON,
                "themes": [Theme.LEADERSHIP.value, Theme.TRAINING.value],
                "figures": ["e-order-per-100-aa"],
                "effort": Effort.SMALL.value,
                "effort_note": FORTIFIKATIONSVERKET_EFFORT_NOTE,
                "source_url": "",
                "source_label": FORTIFIKATIONSVERKET_SOURCE_LABEL,
                "is_simulated": False,
            },
        )
        loaded += 1
    for template in SIMULATED:
        jumpers = _jumpers(template.figure, used)
        if not jumpers:
            continue
        result = jumpers[0]
        used.add(result.agency_id)
        assert result.previous_round is not None
        # Started early in the year after the round before the jump: that round is the
        # baseline and the jump round the first one after the start.
        started_on = date(result.previous_round.year + 1, 2, 1)
        # The same simulated title on another agency (the data changed): move it here.
        Practice.objects.filter(title=template.title, is_simulated=True).exclude(
            agency=result.agency
        ).delete()
        _put(
            agency=result.agency,
            title=template.title,
            fields={
                "description": template.description,
                "started_on": started_on,
                "themes": [str(t) for t in template.themes],
                "figures": [template.figure],
                "effort": str(template.effort),
                "effort_note": template.effort_note,
                "source_url": "",
                "source_label": "",
                "is_simulated": True,
            },
        )
        loaded += 1
    return loaded
