"""``python manage.py create_demo_users``: a demo analyst and a demo respondent (idempotent).

Only in development (DEBUG=1) or with DEMO_USERS=1, never with DJANGO_ENV=production:
the password is published in the README.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.exceptions import DemoUsersRefusedError
from accounts.models import Role
from accounts.services import DEMO_PASSWORD, demo_users_create


class Command(BaseCommand):
    help = _(
        "Skapar demoanvändarna analytiker@example.se och uppgiftslamnare@example.se "
        "(bara i utveckling eller med DEMO_USERS=1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help=_("Webbplatsens adress i utskriften (standard http://127.0.0.1:8000)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            users = demo_users_create()
        except DemoUsersRefusedError as error:
            raise CommandError(error.message) from error
        self.stdout.write(_("Demoanvändare (lösenord %(password)s):") % {"password": DEMO_PASSWORD})
        for user in users:
            line = _("  %(email)s  %(role)s") % {"email": user.email, "role": Role(user.role).label}
            if user.role == Role.RESPONDENT:
                line += (
                    " – " + ", ".join(user.agencies)
                    if user.agencies
                    else " – " + _("inga myndigheter: läs in registret först (make demo)")
                )
            if user.created:
                line += " " + _("(skapad)")
            self.stdout.write(line)
        login_url = options["site_url"].rstrip("/") + reverse("accounts:login")
        self.stdout.write(_("Logga in på %(url)s") % {"url": login_url})
