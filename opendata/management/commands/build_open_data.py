"""Rebuild every open-data file (each published round and all rounds, three formats)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from opendata.services import open_data_build


class Command(BaseCommand):
    help = "Bygger om alla filer med öppna data: varje publicerad omgång och alla omgångar."

    def handle(self, *args: Any, **options: Any) -> None:
        built = open_data_build()
        if options["verbosity"] == 0:
            return
        if not built:
            self.stdout.write(_("Ingen omgång är publicerad: inga filer med öppna data byggdes."))
            return
        self.stdout.write(
            _("Öppna data är byggda: %(n)d filer, %(size)d byte.")
            % {"n": len(built), "size": sum(f.size for f in built)}
        )
