"""Building the open-data files and storing them (``OpenDataFile``).

A round's three files (CSV, Excel, JSON) and the three all-rounds files are rebuilt
when the round is published or corrected, by ``build_open_data``, and whenever a
request finds a file missing or built from an older publication. Each build is one
transaction: a file is replaced whole or not at all.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from opendata.columns import round_label
from opendata.conf import publisher
from opendata.models import FileFormat, OpenDataFile, Scope
from opendata.selectors import (
    RoundData,
    Row,
    all_open_data,
    current_sources,
    published_round_get,
    round_open_data,
    sources_signature,
)
from opendata.writers import FileMeta, csv_bytes, json_bytes, xlsx_bytes
from publishing.models import Publication
from surveys.models import Round

logger = logging.getLogger(__name__)

ALL_NAME = "uppfoljning-alla-omgangar"


def round_file_stem(slug: str) -> str:
    return f"uppfoljning-{slug}"


def file_name(*, scope: str, fmt: str, slug: str = "") -> str:
    stem = ALL_NAME if scope == Scope.ALL else round_file_stem(slug)
    return f"{stem}.{fmt}"


@dataclass(frozen=True)
class _Build:
    scope: str
    round: Round | None
    data: list[RoundData]

    @property
    def rows(self) -> list[Row]:
        return [row for d in self.data for row in d.rows]

    @property
    def sources(self) -> str:
        return sources_signature([(d.round.slug, d.publication.version) for d in self.data])

    def meta(self) -> FileMeta:
        latest = max(d.publication.published_at for d in self.data)
        if self.round is not None:
            label_sv = round_label(self.round.year, self.round.period_type, "sv")
            label_en = round_label(self.round.year, self.round.period_type, "en")
            title_sv = f"Myndigheternas e-handel, omgång {label_sv}"
            title_en = f"Government agencies' e-commerce, round {label_en}"
        else:
            title_sv = "Myndigheternas e-handel, alla publicerade omgångar"
            title_en = "Government agencies' e-commerce, all published rounds"
        return FileMeta(
            title_sv=title_sv,
            title_en=title_en,
            scope=self.scope,
            rounds=[
                {
                    "round": d.round.slug,
                    "publication_version": d.publication.version,
                    "published_at": d.publication.published_at.isoformat().replace("+00:00", "Z"),
                }
                for d in self.data
            ],
            modified=latest,
            publisher=publisher().name_sv,
        )


_WRITERS: dict[str, Callable[[_Build], bytes]] = {
    FileFormat.CSV: lambda b: csv_bytes(b.rows),
    FileFormat.XLSX: lambda b: xlsx_bytes(b.rows, b.meta()),
    FileFormat.JSON: lambda b: json_bytes(b.rows, b.meta()),
}


def _store(build: _Build) -> list[OpenDataFile]:
    """Write the build's three files. ``data_modified`` (the files' Last-Modified) is the
    newest publication in a new file, and the time of the rebuild when an existing file's
    bytes change; a rebuild that gives the same bytes leaves the file as it was."""
    now = timezone.now()
    slug = build.round.slug if build.round is not None else ""
    version = max(d.publication.version for d in build.data)
    published = max(d.publication.published_at for d in build.data)
    stored = []
    with transaction.atomic():
        for fmt in FileFormat.values:
            content = _WRITERS[fmt](build)
            sha256 = hashlib.sha256(content).hexdigest()
            name = file_name(scope=build.scope, fmt=fmt, slug=slug)
            existing = OpenDataFile.objects.filter(name=name).defer("content").first()
            if existing is not None and existing.sha256 == sha256:
                if existing.sources != build.sources:
                    existing.sources = build.sources
                    existing.publication_version = version
                    existing.save(update_fields=["sources", "publication_version"])
                stored.append(existing)
                continue
            values = {
                "scope": build.scope,
                "round": build.round,
                "format": fmt,
                "content": content,
                "size": len(content),
                "sha256": sha256,
                "publication_version": version,
                "sources": build.sources,
                "data_modified": published if existing is None else max(published, now),
                "built_at": now,
            }
            try:
                with transaction.atomic():
                    file, _created = OpenDataFile.objects.update_or_create(
                        name=name, defaults=values
                    )
            except IntegrityError:
                # Another request built the same file at the same moment: take that one.
                file = OpenDataFile.objects.get(name=name)
            stored.append(file)
    return stored


def open_data_round_build(*, round_: Round) -> list[OpenDataFile]:
    """Rebuild a published round's three files; nothing for an unpublished round."""
    data = round_open_data(round_=round_)
    if data is None:
        return []
    return _store(_Build(scope=Scope.ROUND, round=round_, data=[data]))


def open_data_all_build() -> list[OpenDataFile]:
    """Rebuild the three files with every published round; nothing before the first."""
    data = all_open_data()
    if not data:
        return []
    return _store(_Build(scope=Scope.ALL, round=None, data=data))


def open_data_build(*, publication: Publication | None = None) -> list[OpenDataFile]:
    """Rebuild after a publication (its round and all rounds), or everything."""
    if publication is not None:
        rounds = [publication.round]
    else:
        rounds = list(Round.objects.filter(publications__isnull=False).distinct())
        # Files of rounds that are no longer published cannot exist; drop strays.
        OpenDataFile.objects.filter(scope=Scope.ROUND).exclude(round__in=rounds).delete()
    built: list[OpenDataFile] = []
    for round_ in rounds:
        built += open_data_round_build(round_=round_)
    built += open_data_all_build()
    return built


def open_data_file_get(*, scope: str, fmt: str, slug: str = "") -> OpenDataFile | None:
    """The stored file, built first when it is missing or older than the publications.

    None when there is no such file: an unknown format, or a round that is not
    published (a draft round's data never becomes a file).
    """
    if fmt not in FileFormat.values:
        return None
    sources = current_sources()
    if scope == Scope.ROUND:
        if slug not in sources:
            return None
        expected = sources_signature([(slug, sources[slug])])
    else:
        if not sources:
            return None
        expected = sources_signature(list(sources.items()))
    name = file_name(scope=scope, fmt=fmt, slug=slug)
    file = OpenDataFile.objects.filter(name=name).first()
    if file is not None and file.sources == expected:
        return file
    if scope == Scope.ROUND:
        round_ = published_round_get(slug)
        if round_ is None:
            return None
        built = open_data_round_build(round_=round_)
    else:
        built = open_data_all_build()
    return next((f for f in built if f.name == name), None)


def on_round_published(sender: object, *, publication: Publication, **kwargs: object) -> None:
    """Receiver of ``publishing.signals.round_published``.

    The publication has already committed; a failure here must not turn it into an
    error page, and the files are rebuilt on the next request anyway (their sources no
    longer match), so it is logged, not raised.
    """
    try:
        open_data_build(publication=publication)
    except Exception:
        logger.exception("Open data could not be rebuilt after %s", publication)
