"""``manage.py import_responses --round 2024 file.csv``: record many answers at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from surveys.imports.responses_csv import MAX_BYTES, ResponseFileError
from surveys.imports.spreadsheet import parse_responses_upload
from surveys.models import Round
from surveys.services import SurveysError, response_import


class Command(BaseCommand):
    help = (
        "Läser in svar för en omgång från en Excel-fil (.xlsx, som mallen från "
        "spreadsheet_template) eller en CSV-fil (org_nr,status,leverantorsfakturor,"
        "e_fakturor,matchade_fakturor,e_order,skal,kommentar). Allt eller inget."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True, help="omgångens kortnamn, t.ex. 2024")
        parser.add_argument("path", type=Path, help="Excel-fil (.xlsx) eller CSV-fil i UTF-8")

    def handle(self, *args: Any, round: str, path: Path, **options: Any) -> None:
        round_ = Round.objects.filter(slug=round).first()
        if round_ is None:
            known = ", ".join(Round.objects.values_list("slug", flat=True)) or "–"
            raise CommandError(
                _("Omgången ”%(slug)s” finns inte. Befintliga omgångar: %(known)s.")
                % {"slug": round, "known": known}
            )
        try:
            with path.open("rb") as file:
                # One byte more than allowed is enough to know the file is too large.
                data = file.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(
                _("Kunde inte läsa filen %(path)s: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from error
        try:
            parsed = parse_responses_upload(filename=path.name, data=data)
            report = response_import(round=round_, rows=parsed.rows, problems=parsed.problems)
        except ResponseFileError as error:
            raise CommandError(error.message) from error
        except SurveysError as error:
            raise CommandError(error.message) from error
        for line in report.summary_lines():
            self.stdout.write(line)
