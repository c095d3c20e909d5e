"""Erase the reply e-mail addresses of feedback handled more than
ABOUT_FEEDBACK_EMAIL_KEEP_DAYS days ago. Run it daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from about.services import email_keep_days, feedback_emails_erase


class Command(BaseCommand):
    help = "Erase reply e-mail addresses of feedback handled more than the keep days ago."

    def handle(self, *args: Any, **options: Any) -> None:
        erased = feedback_emails_erase()
        self.stdout.write(
            f"Erased {erased} e-mail address(es) of feedback handled more than "
            f"{email_keep_days()} days ago."
        )
