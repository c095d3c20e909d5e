"""``manage.py import_register [path]``: load the ESV agency register from CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from register.imports import RegisterImportError, parse_register_csv
from register.services import register_import

DEFAULT_PATH = Path("data") / "register" / "agencies_aa.csv"


class Command(BaseCommand):
    help = "Läser in myndighetsregistret (organisationsnummer och ÅA per år) från en CSV-fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help=f"CSV-fil (standard: {DEFAULT_PATH}, relativt projektets rot)",
        )

    def handle(self, *args: Any, path: Path | None, verbosity: int, **options: Any) -> None:
        source = path if path is not None else Path(settings.BASE_DIR) / DEFAULT_PATH
        try:
            data = source.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Kunde inte läsa filen %(path)s: %(error)s")
                % {"path": source, "error": error.strerror or error}
            ) from error
        try:
            report = register_import(rows=parse_register_csv(data))
        except RegisterImportError as error:
            raise CommandError(error.render()) from error

        self.stdout.write(_("Läste in %(path)s.") % {"path": source})
        for line in report.summary_lines():
            self.stdout.write(line)
        for line in report.detail_lines(include_created=verbosity >= 2):
            self.stdout.write(f"  {line}")
