"""The open-data page (/oppna-data/) and the files and DCAT catalogue under /data/.

Thin: look the file up (built on demand by the service), answer with its stored bytes,
its sha256 as ETag and the time of the newest publication in it as Last-Modified; a
matching conditional GET gets 304.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from opendata import dcat, services
from opendata.columns import COLUMNS
from opendata.conf import site_url
from opendata.models import FileFormat, OpenDataFile, Scope
from opendata.writers import LICENCE_URL
from public.caching import public_page

CONTENT_TYPES: dict[str, str] = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.JSON: "application/json",
}
MAX_AGE = 300


def _bytes_response(
    request: HttpRequest,
    *,
    content: bytes,
    content_type: str,
    etag: str,
    last_modified: datetime | None,
    filename: str | None = None,
    weak: bool = False,
) -> HttpResponse:
    quoted = f'W/"{etag}"' if weak else f'"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    not_modified = get_conditional_response(request, etag=quoted, last_modified=timestamp)
    response = not_modified if not_modified is not None else HttpResponse(content, content_type)
    response["ETag"] = quoted
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    if filename is not None and not_modified is None:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Open data: any site may fetch it (harvesters, notebooks in the browser).
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _file_response(request: HttpRequest, file: OpenDataFile) -> HttpResponse:
    return _bytes_response(
        request,
        content=bytes(file.content),
        content_type=CONTENT_TYPES[file.format],
        etag=file.sha256,
        last_modified=file.data_modified,
        filename=file.name,
    )


@require_safe
def round_file(request: HttpRequest, slug: str, filename: str) -> HttpResponse:
    stem, _dot, fmt = filename.rpartition(".")
    if stem != services.round_file_stem(slug):
        raise Http404
    file = services.open_data_file_get(scope=Scope.ROUND, fmt=fmt, slug=slug)
    if file is None:
        raise Http404
    return _file_response(request, file)


@require_safe
def all_file(request: HttpRequest, fmt: str) -> HttpResponse:
    file = services.open_data_file_get(scope=Scope.ALL, fmt=fmt)
    if file is None:
        raise Http404
    return _file_response(request, file)


@require_safe
def catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    if extension not in dcat.SERIALIZATIONS:
        raise Http404
    serialized = dcat.catalogue_serialized(extension)
    return _bytes_response(
        request,
        content=serialized.content,
        content_type=dcat.SERIALIZATIONS[extension][1],
        etag=serialized.etag,
        last_modified=serialized.last_modified,
        weak=True,
    )


@public_page
def open_data_page(request: HttpRequest) -> HttpResponse:
    rounds = list(reversed(dcat.published_round_dates()))
    sizes = dict(OpenDataFile.objects.values_list("name", "size"))
    base = site_url()
    return render(
        request,
        "opendata/page.html",
        {
            "rounds": rounds,
            "formats": [(f.value, f.label) for f in FileFormat],
            "sizes": sizes,
            "all_stem": services.ALL_NAME,
            "columns": COLUMNS,
            "licence_url": LICENCE_URL,
            "csv_url": f"{base}/data/alla-omgangar.csv",
            "xlsx_url": f"{base}/data/alla-omgangar.xlsx",
        },
    )
