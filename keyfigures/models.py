"""Stored results: computed once when data changes, read by every page.

Nothing here is edited by hand; ``keyfigures.services.results_refresh`` rebuilds it
from the responses with the pure formulas in ``keyfigures.registry`` and
``keyfigures.classification``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Agency
from surveys.models import Round

# Exact values are kept as numerator/denominator; ``value`` is the same fraction to
# 12 decimals for sorting and charts. Display rounding from it equals rounding the
# exact fraction for every denominator below 10^12.
VALUE_DIGITS = 30
VALUE_PLACES = 12


class Basis(models.TextChoices):
    """What the results were computed from.

    ``published``: the latest published version of a round; the only basis any public
    route reads. ``live``: the current responses, for the follow-up office's review of
    an open or closed round before it is (re)published.
    """

    PUBLISHED = "published", _("Publicerad version")
    LIVE = "live", _("Aktuella svar")


class ResultState(models.TextChoices):
    VALUE = "value", _("Värde")
    NOT_COMPUTABLE = "not_computable", _("Ej beräkningsbart")
    NOT_ANSWERED = "not_answered", _("Ej besvarad")
    NOT_APPLICABLE = "not_applicable", _("Ej tillämplig")


class FigureClassChoice(models.TextChoices):
    GREEN = "green", _("Grön")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Röd")
    GREY = "grey", _("Grå")


class AgencyResult(models.Model):
    """One key figure for one agency in one round, with class, rank and change."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agency_results")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="results")
    basis = models.CharField(max_length=10, choices=Basis.choices)
    figure = models.CharField(max_length=40)
    # In a corrected version: an input of this figure changed since the previous version.
    is_corrected = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=ResultState.choices)
    reason = models.CharField(max_length=40, blank=True)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True)
    figure_class = models.CharField(max_length=8, choices=FigureClassChoice.choices, blank=True)
    rank = models.PositiveIntegerField(null=True)
    n_ranked = models.PositiveIntegerField(default=0)
    previous_round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    previous_value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True
    )
    change = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "agency", "figure", "basis"], name="agency_result_unique"
            ),
        ]
        indexes = [models.Index(fields=["basis", "figure", "round", "value"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.round} {self.figure}"


class GroupKind(models.TextChoices):
    NATIONAL = "national", _("Alla myndigheter")
    DEPARTMENT = "department", _("Departement")
    SIZE = "size", _("Storleksklass")


class GroupResult(models.Model):
    """A key figure for a group in one round: the ratio of sums and the median."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="group_results")
    basis = models.CharField(max_length=10, choices=Basis.choices)
    figure = models.CharField(max_length=40)
    kind = models.CharField(max_length=12, choices=GroupKind.choices)
    key = models.CharField(max_length=120, blank=True)
    numerator_sum = models.BigIntegerField(default=0)
    denominator_sum = models.BigIntegerField(default=0)
    n_included = models.PositiveIntegerField(default=0)
    value = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True)
    median = models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True)
    n_values = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "figure", "kind", "key", "basis"], name="group_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.figure} {self.kind}:{self.key}"


class RoundSummary(models.Model):
    """Counts for one round: population, answers and the raw national sums."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="summaries")
    basis = models.CharField(max_length=10, choices=Basis.choices)
    version = models.PositiveIntegerField(default=0)  # the published version; 0 for live
    n_population = models.PositiveIntegerField(default=0)
    n_answered = models.PositiveIntegerField(default=0)
    n_not_applicable = models.PositiveIntegerField(default=0)
    supplier_invoices = models.BigIntegerField(default=0)
    e_invoices = models.BigIntegerField(default=0)
    matched_invoices = models.BigIntegerField(default=0)
    e_orders = models.BigIntegerField(default=0)
    fte = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "basis"], name="round_summary_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.round} ({self.basis})"

    @property
    def response_rate(self) -> float | None:
        if not self.n_population:
            return None
        return 100 * self.n_answered / self.n_population
