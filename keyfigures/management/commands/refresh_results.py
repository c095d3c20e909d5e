"""Recompute every stored result (values, classes, ranks, totals) from the answers."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from keyfigures.models import AgencyResult
from keyfigures.services import results_refresh


class Command(BaseCommand):
    help = "Räknar om alla lagrade nyckeltal, klasser, rangordningar och totaler."

    def handle(self, *args: Any, **options: Any) -> None:
        results_refresh()
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            _("Nyckeltalen är omräknade: %(n)d resultat lagrade.")
            % {"n": AgencyResult.objects.count()}
        )
