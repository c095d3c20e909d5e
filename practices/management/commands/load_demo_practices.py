"""``python manage.py load_demo_practices``: the demo's "Så gjorde vi" examples."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from practices.demo import load_demo_practices


class Command(BaseCommand):
    help = _(
        "Läser in demons exempel för Så gjorde vi: Fortifikationsverkets exempel med källa "
        "och simulerade exempel på myndigheter vars simulerade värden ökade mest."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = load_demo_practices()
        self.stdout.write(_("Så gjorde vi: %(n)s exempel inlästa.") % {"n": count})
