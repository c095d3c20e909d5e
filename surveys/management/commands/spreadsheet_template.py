"""``manage.py spreadsheet_template --round 2024 [--out fil.xlsx]``: the Excel template.

One row per agency in the round's population, with its values from the previous
comparable round beside the columns to fill in. Filled in, it is read back by
:func:`surveys.imports.spreadsheet.parse_responses_upload`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from surveys.imports.template import spreadsheet_template, template_row_list
from surveys.models import Round


class Command(BaseCommand):
    help = (
        "Skriver en Excel-mall (.xlsx) för en omgångs svar: en rad per myndighet i "
        "populationen, med värdena från förra jämförbara omgången."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True, help="omgångens kortnamn, t.ex. 2024")
        parser.add_argument(
            "--out", type=Path, help="filen att skriva (standard: svarsmall-<omgång>.xlsx)"
        )
        parser.add_argument(
            "--language", choices=["sv", "en"], default="sv", help="instruktionernas språk"
        )

    def handle(
        self, *args: Any, round: str, out: Path | None, language: str, **options: Any
    ) -> None:
        round_ = Round.objects.filter(slug=round).first()
        if round_ is None:
            known = ", ".join(Round.objects.values_list("slug", flat=True)) or "–"
            raise CommandError(
                _("Omgången ”%(slug)s” finns inte. Befintliga omgångar: %(known)s.")
                % {"slug": round, "known": known}
            )
        rows, previous = template_row_list(round=round_)
        data = spreadsheet_template(
            round_label=round_.label,
            rows=rows,
            language=language,
            previous_label=previous.label if previous is not None else None,
        )
        path = out or Path(f"svarsmall-{round_.slug}.xlsx")
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Kunde inte skriva filen %(path)s: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from error
        self.stdout.write(
            _(
                "Mallen för %(round)s med %(count)d myndigheter (förra värden från %(previous)s) "
                "skrevs till %(path)s."
            )
            % {
                "round": round_.label,
                "count": len(rows),
                "previous": previous.label if previous is not None else "–",
                "path": path,
            }
        )
