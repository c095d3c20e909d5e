"""``python manage.py load_demo_network``: fictional network contacts and agency comments
on the demo agencies (idempotent). Run after load_demo and refresh_results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from network.demo import load_demo_network


class Command(BaseCommand):
    help = _(
        "Lägger in påhittade kontaktpersoner och myndighetskommentarer för demot "
        "(kan köras flera gånger)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo_network()
        self.stdout.write(
            _("Nätverket: %(n)d demoposter skapade (kontaktpersoner och kommentarer).")
            % {"n": created}
        )
