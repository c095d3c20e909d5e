"""Build the report PDFs by hand: ``manage.py build_reports [--round 2024] [--cards] [--force]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports import selectors
from reports.models import ReportFile, ReportStatus
from reports.services import reports_build_all


class Command(BaseCommand):
    help = (
        "Bygger årsrapporten (pdf) för varje publicerad helårsomgång, och med --cards "
        "också varje myndighets rapportkort. Aktuella filer behålls om inte --force anges."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", dest="round_slug", help="bara den här omgången (kortnamn)")
        parser.add_argument(
            "--cards", action="store_true", help="bygg också alla myndigheters rapportkort"
        )
        parser.add_argument(
            "--force", action="store_true", help="bygg om även filer som redan är aktuella"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rounds = selectors.report_rounds()
        if options["round_slug"]:
            rounds = [r for r in rounds if r.slug == options["round_slug"]]
            if not rounds:
                raise CommandError(
                    f"Ingen publicerad helårsomgång heter {options['round_slug']!r}."
                )
        if options["force"]:
            ReportFile.objects.filter(round__in=rounds).update(source_key="")
        files = reports_build_all(rounds=rounds, cards=options["cards"])
        failed = ReportFile.objects.filter(round__in=rounds, status=ReportStatus.FAILED)
        for row in failed:
            self.stderr.write(f"Misslyckades: {row}: {row.error}")
        self.stdout.write(f"{len(files)} rapportfiler aktuella för {len(rounds)} omgångar.")
        if failed.exists():
            raise CommandError("Några rapporter kunde inte byggas; se felen ovan.")
