"""Building the report PDFs and storing them (``ReportFile``).

``report_build`` renders one file (the yearly report of a round, or one agency's card)
from the published results and stores it with its sha256 and the source key it was built
from. ``reports_build_after_publication`` is what happens when a round is published or
corrected: the yearly reports that show that round are built again at once; the cards
are built lazily, on their first request (``report_current``), since a round has ~160.

A failed build never raises into a request or a publication: it is recorded on the row
(status ``failed`` with the error) and logged, and the next request tries again.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import threading
import time
import warnings
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from publishing.models import Publication
from register.models import Agency
from reports import content, selectors
from reports.models import ReportFile, ReportKind, ReportStatus
from surveys.models import PeriodType, Round

logger = logging.getLogger(__name__)
# WeasyPrint's font subsetting logs every glyph table at INFO; keep the build log readable.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# A build that started longer ago than this is taken to have died (a killed process); a
# yearly report takes seconds, a card about one.
BUILD_TIMEOUT = timedelta(minutes=2)


class ReportError(Exception):
    """A report cannot be built: the round or the agency is not published."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def pdf_render(html: str) -> bytes:
    """HTML to an A4 PDF with WeasyPrint. Nothing is fetched: the HTML is self-contained
    (inline CSS and SVG), and a URL fetcher that refuses everything makes sure of it (a
    refused resource is logged by WeasyPrint and left out)."""
    # Imported here: WeasyPrint loads pango, which only builds need.
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class RefuseAll(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            raise ValueError(f"Reports load nothing from outside: {url}")

    with warnings.catch_warnings():
        # WeasyPrint asks for HarfBuzz-Subset on every build and falls back to fontTools.
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        # PDF/UA: a tagged PDF (headings, tables, reading order, language) for screen readers.
        document = HTML(string=html, url_fetcher=RefuseAll())
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)


def _operator() -> str:
    return str(getattr(settings, "OPERATOR_NAME", ""))


def yearly_html_for_pdf(*, round_: Round) -> str:
    report = content.yearly_report(round_=round_)
    with translation.override("sv"):
        return render_to_string(
            "reports/yearly_pdf.html",
            {
                **content.yearly_context(report),
                "pdf": True,
                "operator_name": _operator(),
                "built_at": timezone.localtime(),
            },
        )


def card_html_for_pdf(*, round_: Round, agency: Agency) -> str:
    card = content.agency_card(round_=round_, agency=agency)
    if card is None:
        raise ReportError(
            f"{agency.name} finns inte i den publicerade omgången {round_.label}.",
            code="agency_not_in_round",
        )
    with translation.override("sv"):
        return render_to_string(
            "reports/card_pdf.html",
            {**content.card_context(card), "pdf": True, "operator_name": _operator()},
        )


def _source_key(round_: Round, kind: str, agency: Agency | None) -> str:
    if kind == ReportKind.CARD:
        assert agency is not None
        return selectors.source_key_card(round_=round_, agency=agency)
    return selectors.source_key_yearly(round_=round_)


def _check_published(round_: Round) -> None:
    if selectors.report_round_get(slug=round_.slug) is None:
        raise ReportError(
            f"Omgången {round_.label} är inte en publicerad helårsomgång.", code="not_published"
        )


def _row_claim(round_: Round, kind: str, agency: Agency | None, key: str) -> ReportFile:
    """The file's row, marked as building from ``key``; one row per round, kind, agency."""
    defaults = {
        "status": ReportStatus.BUILDING,
        "source_key": key,
        "started_at": timezone.now(),
        "error": "",
    }
    try:
        with transaction.atomic():
            row, _created = ReportFile.objects.update_or_create(
                round=round_, kind=kind, agency=agency, defaults=defaults
            )
    except IntegrityError:  # another build created it in between: take that row
        row = ReportFile.objects.get(round=round_, kind=kind, agency=agency)
        ReportFile.objects.filter(pk=row.pk).update(**defaults)
        row.refresh_from_db()
    return row


def report_build(*, round_: Round, kind: str, agency: Agency | None = None) -> ReportFile:
    """Render and store one PDF. Failures are recorded on the row and returned, never
    raised; only a round or agency that is not published raises ``ReportError``."""
    _check_published(round_)
    if kind == ReportKind.CARD and agency is None:
        raise ReportError("Ett rapportkort gäller en myndighet.", code="agency_missing")
    key = _source_key(round_, kind, agency)
    row = _row_claim(round_, kind, agency if kind == ReportKind.CARD else None, key)
    try:
        if kind == ReportKind.CARD:
            assert agency is not None
            html = card_html_for_pdf(round_=round_, agency=agency)
        else:
            html = yearly_html_for_pdf(round_=round_)
        pdf = pdf_render(html)
        publication = Publication.objects.filter(round=round_).order_by("-version").first()
        ReportFile.objects.filter(pk=row.pk).update(
            status=ReportStatus.READY,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            publication=publication,
            built_at=timezone.now(),
            error="",
            # The key as of the start: a publication during the build makes it stale again.
            source_key=key,
        )
    except ReportError:
        ReportFile.objects.filter(pk=row.pk).delete()
        raise
    except Exception as error:  # a build must never take down a request or a publication
        logger.exception("Building the %s report of %s failed", kind, round_)
        _row_fail(row, error)
    row.refresh_from_db()
    return row


def _row_fail(row: ReportFile, error: Exception) -> None:
    """Record the failure on the row; if even that fails (a busy database), the row stays
    "building" until BUILD_TIMEOUT and is then built again."""
    try:
        ReportFile.objects.filter(pk=row.pk).update(
            status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:4000]
        )
    except Exception:
        logger.exception("Recording the failed build of %s failed too", row)


@dataclass
class Lookup:
    """What a PDF request finds: a current file, or a build running elsewhere."""

    file: ReportFile | None
    building: bool = False


def report_current(
    *,
    round_: Round,
    kind: str,
    agency: Agency | None = None,
    build: bool = True,
    wait_for_running: bool = True,
) -> Lookup:
    """The current file, built now when it is missing or stale, unless another build of
    the same file is running (the caller reports "being built"; ``wait_for_running=False``
    builds anyway, as the management command does)."""
    _check_published(round_)
    key = _source_key(round_, kind, agency)
    row = selectors.report_file_get(round_=round_, kind=kind, agency=agency)
    if row is not None and row.source_key == key:
        if row.status == ReportStatus.READY:
            return Lookup(file=row)
        running = row.status == ReportStatus.BUILDING
        if running and wait_for_running and timezone.now() - row.started_at < BUILD_TIMEOUT:
            return Lookup(file=None, building=True)
    if not build:
        return Lookup(file=None)
    built = report_build(round_=round_, kind=kind, agency=agency)
    return Lookup(file=built if built.status == ReportStatus.READY else None)


def _rounds_showing(round_: Round) -> list[Round]:
    """The yearly reports that show a round: its own and every later one (their trends)."""
    return [r for r in selectors.report_rounds() if r.year >= round_.year]


def reports_build_after_publication(*, publication: Publication) -> list[ReportFile]:
    """Bring every yearly report that shows the published round up to date. Cards are
    built on their next request: their source key has changed with the publication."""
    built = []
    for round_ in _rounds_showing(publication.round):
        lookup = report_current(round_=round_, kind=ReportKind.YEARLY)
        if lookup.file is not None:
            built.append(lookup.file)
    return built


def reports_build_all(
    *, rounds: list[Round] | None = None, cards: bool = False
) -> list[ReportFile]:
    """Build the yearly report of every published full-year round (and, with ``cards``,
    every agency's card); files that are already current are kept."""
    files = []
    for round_ in rounds if rounds is not None else selectors.report_rounds():
        if round_.period_type != PeriodType.YEAR:
            continue
        lookup = report_current(round_=round_, kind=ReportKind.YEARLY, wait_for_running=False)
        if lookup.file is not None:
            files.append(lookup.file)
        if cards:
            for agency in selectors.card_agencies(round_=round_):
                lookup = report_current(
                    round_=round_, kind=ReportKind.CARD, agency=agency, wait_for_running=False
                )
                if lookup.file is not None:
                    files.append(lookup.file)
    return files


class _Builder:
    """One daemon thread per process that brings the queued rounds' yearly reports up to
    date, one at a time, with its own database connection (closed when it ends).

    A burst of publications (the demo loader publishes every round at once) is settled
    for ``DEBOUNCE_SECONDS`` first and each round is built once, however many publications
    asked for it. A database busy with a long write ("database is locked" on SQLite) puts
    the round back in the queue, up to ``MAX_ATTEMPTS`` times; a request builds it after
    that anyway.
    """

    DEBOUNCE_SECONDS = 2.0
    MAX_ATTEMPTS = 5

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[int, int] = {}  # round id -> attempts so far
        self._thread: threading.Thread | None = None

    def enqueue(self, round_ids: list[int]) -> threading.Thread:
        with self._lock:
            for round_id in round_ids:
                self._pending.setdefault(round_id, 0)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="reports-builder", daemon=True
                )
                self._thread.start()
            return self._thread

    def stop(self, timeout: float = 60.0) -> None:
        """At exit: drop the queue and let the build in progress finish (a daemon thread
        killed mid-build would leave its row "building" until BUILD_TIMEOUT)."""
        with self._lock:
            self._pending.clear()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _next(self) -> tuple[int, int] | None:
        with self._lock:
            if not self._pending:
                self._thread = None  # under the lock: a new enqueue starts a new thread
                return None
            round_id = min(self._pending)
            return round_id, self._pending.pop(round_id)

    def _run(self) -> None:
        try:
            while True:
                time.sleep(self.DEBOUNCE_SECONDS)
                item = self._next()
                if item is None:
                    return
                round_id, attempts = item
                try:
                    round_ = Round.objects.get(pk=round_id)
                    lookup = report_current(round_=round_, kind=ReportKind.YEARLY)
                    locked = lookup.file is None and not lookup.building and _locked(round_)
                except OperationalError:
                    locked = True
                except Exception:
                    logger.exception("Building the yearly report of round %s failed", round_id)
                    continue
                if locked and attempts + 1 < self.MAX_ATTEMPTS:
                    with self._lock:
                        self._pending.setdefault(round_id, attempts + 1)
        finally:
            connection.close()


def _locked(round_: Round) -> bool:
    """Whether the round's last yearly build failed because the database was busy."""
    row = selectors.report_file_get(round_=round_, kind=ReportKind.YEARLY)
    return row is not None and row.status == ReportStatus.FAILED and "locked" in row.error


_builder = _Builder()
atexit.register(_builder.stop)


def _background_safe() -> bool:
    """Whether a second connection may write while the caller's goes on. Not so for an
    in-memory SQLite database (the test suite's): its shared cache answers "database
    table is locked" instead of waiting. The files are then built on first request."""
    in_memory = getattr(connection, "is_in_memory_db", None)  # the SQLite backend's
    return not (connection.vendor == "sqlite" and callable(in_memory) and in_memory())


def reports_schedule_after_publication(*, publication: Publication) -> None:
    """Called after a publication has committed (the ``round_published`` signal).

    Builds in a daemon thread unless ``REPORTS_BUILD_IN_BACKGROUND`` is off (then at
    once, in the caller's thread); nothing at all when ``REPORTS_BUILD_ON_PUBLISH`` is
    off, or in the background on an in-memory SQLite database (the files are then built
    on their first request).
    """
    if not getattr(settings, "REPORTS_BUILD_ON_PUBLISH", True):
        return
    if publication.round.period_type != PeriodType.YEAR and not any(
        r.year >= publication.round.year for r in selectors.report_rounds()
    ):
        return
    if getattr(settings, "REPORTS_BUILD_IN_BACKGROUND", True):
        if not _background_safe():
            logger.info("In-memory SQLite: reports are built on their first request instead")
            return
        _builder.enqueue([r.pk for r in _rounds_showing(publication.round)])
        return
    try:
        reports_build_after_publication(publication=publication)
    except Exception:
        logger.exception("Building the reports after publication %s failed", publication.pk)
