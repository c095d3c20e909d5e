"""Build the reports again when a round is published or corrected."""

from __future__ import annotations

from typing import Any

from publishing.models import Publication
from reports.services import reports_schedule_after_publication


def on_round_published(sender: Any, *, publication: Publication, **kwargs: Any) -> None:
    """``publishing.signals.round_published`` is sent after the commit; never raise here."""
    reports_schedule_after_publication(publication=publication)
