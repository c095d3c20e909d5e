"""The accessibility statement as data, and the feedback (message function) it links to.

- ``AccessibilityStatement``: one row (pk 1) with the compliance status, the assessment's
  date and method and the dates the statement was first published and last updated.
- ``AccessibilityIssue``: one known deficiency: what, where, why, the alternative, the
  WCAG criterion, the use situations it affects (DIGG's grouping), a planned fix date
  and whether it is resolved. Resolved issues stay as history but are not shown.
- ``Feedback``: a message sent through the form; the e-mail address is optional and
  erased a number of days after the message is handled (``services``).

Texts the public reads are stored in Swedish with an optional English version; the
English page falls back to the Swedish text (marked ``lang="sv"``) when it is missing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

STATEMENT_PK = 1
MESSAGE_MAX_LENGTH = 5000
PAGE_URL_MAX_LENGTH = 500

wcag_criterion_validator = RegexValidator(
    r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$",
    _("Skriv kriteriets nummer i WCAG, till exempel 1.4.3."),
)


class ComplianceStatus(models.TextChoices):
    FULL = "helt", _("helt förenlig")
    PARTIAL = "delvis", _("delvis förenlig")
    NONE = "inte", _("inte förenlig")


class AssessmentMethod(models.TextChoices):
    SELF = "sjalvskattning", _("självskattning")
    EXTERNAL = "extern", _("granskning av extern part")


class UseSituation(models.TextChoices):
    """DIGG's use situations, in DIGG's order."""

    SIGHT = "syn", _("Användning utan syn, med nedsatt syn eller med nedsatt färgseende")
    HEARING = "horsel", _("Användning utan hörsel eller med nedsatt hörsel")
    SPEECH = "tal", _("Användning utan talförmåga")
    MOTOR = (
        "motorik",
        _("Användning med nedsatt finmotorik eller styrka, eller med begränsad rörlighet"),
    )
    FLASHING = "ljus", _("Användning med känslighet för blinkande innehåll")
    COGNITION = "kognition", _("Användning med nedsatt kognitiv förmåga")


class AccessibilityStatement(models.Model):
    """The statement's facts; there is exactly one row (``STATEMENT_PK``)."""

    status = models.CharField(
        _("förenlighet med lagen"),
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    assessed_on = models.DateField(_("bedömningen gjordes"))
    method = models.CharField(
        _("metod"), max_length=20, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    published_on = models.DateField(_("redogörelsen publicerades"))
    updated_on = models.DateField(
        _("redogörelsen uppdaterades senast"),
        help_text=_("Sätts till dagens datum när en brist ändras i administrationen."),
    )

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelse")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=STATEMENT_PK), name="about_statement_single_row"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Tillgänglighetsredogörelse"))


class AccessibilityIssue(models.Model):
    """A known deficiency, as the statement lists it."""

    description = models.TextField(_("brist (svenska)"), help_text=_("Vad är inte tillgängligt?"))
    description_en = models.TextField(_("brist (engelska)"), blank=True)
    where = models.CharField(
        _("var (svenska)"), max_length=300, help_text=_("De sidor eller delar som berörs.")
    )
    where_en = models.CharField(_("var (engelska)"), max_length=300, blank=True)
    reason = models.TextField(_("varför (svenska)"))
    reason_en = models.TextField(_("varför (engelska)"), blank=True)
    alternative = models.TextField(_("alternativ (svenska)"), blank=True)
    alternative_en = models.TextField(_("alternativ (engelska)"), blank=True)
    wcag_criterion = models.CharField(
        _("WCAG-kriterium"), max_length=8, validators=[wcag_criterion_validator]
    )
    situations = models.JSONField(
        _("användningssituationer"),
        default=list,
        help_text=_("De användningssituationer som bristen påverkar."),
    )
    planned_fix_on = models.DateField(_("planerad åtgärd"), null=True, blank=True)
    resolved = models.BooleanField(
        _("åtgärdad"), default=False, help_text=_("Åtgärdade brister visas inte längre.")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    seed_key = models.SlugField(
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Set on the deficiencies the data migration seeds, so seeding is idempotent.",
    )
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tillgänglighetsbrist")
        verbose_name_plural = _("tillgänglighetsbrister")

    def __str__(self) -> str:
        return f"{self.description[:60]} [WCAG {self.wcag_criterion}]"

    def text_for(self, name: str) -> tuple[str, str]:
        """The field ``name`` in the active language: (text, language of the text)."""
        if (get_language() or "sv").startswith("en"):
            english = str(getattr(self, f"{name}_en"))
            if english.strip():
                return english, "en"
        return str(getattr(self, name)), "sv"


class FeedbackKind(models.TextChoices):
    ACCESSIBILITY = "tillganglighet", _("Tillgänglighetsbrist eller behov av tillgänglig version")
    DATA_ERROR = "fel-i-uppgifterna", _("Fel i uppgifterna")
    OTHER = "annat", _("Annat")


class FeedbackStatus(models.TextChoices):
    NEW = "ny", _("Ny")
    HANDLED = "hanterad", _("Hanterad")


class Feedback(models.Model):
    """A message through the feedback form: an inkommen handling for the office."""

    reference = models.CharField(_("referens"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("typ"), max_length=20, choices=FeedbackKind.choices)
    message = models.TextField(_("meddelande"), validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)])
    page_url = models.CharField(_("sidans adress"), max_length=PAGE_URL_MAX_LENGTH, blank=True)
    email = models.EmailField(
        _("e-postadress för svar"),
        blank=True,
        help_text=_("Tas bort ett antal dagar efter att meddelandet har hanterats."),
    )
    language = models.CharField(_("språk"), max_length=8, default="sv")
    received_at = models.DateTimeField(_("inkom"))
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hanterad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    office_note = models.TextField(_("anteckning"), blank=True)
    email_erased_at = models.DateTimeField(_("e-postadressen togs bort"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="ny", handled_at__isnull=True)
                | models.Q(status="hanterad", handled_at__isnull=False),
                name="about_feedback_handled_at_with_status",
            ),
        ]

    def __str__(self) -> str:
        return self.reference
