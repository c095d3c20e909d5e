"""Personal data never reaches a public route.

A contact with distinctive details (linked to a published practice, beside an approved
comment) is created; then every public page is fetched anonymously: each URL in the
"public" namespace with the world's data, /sa-gjorde-vi/, the open-data page and files,
the API (every GET path in its OpenAPI document, when the API is mounted), and every
same-site link found on those pages. None may contain the contact's details or the
comment's author.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from collections import deque

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from network import services
from network.consent import consent_text
from practices.models import Practice, PracticeStatus
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db

SECRETS = [
    "Zebulon Hemligsson",
    "Hemlighetsansvarig",
    "zebulon.hemlig@storverket.se",
    "+46 70 999 88 77",
    "999 88 77",
    "anna.respondent@example.se",  # the author of the approved comment
]
COMMENT = "Vi bytte ekonomisystem under 2024; därför sjönk matchningen tillfälligt."
SKIP_PREFIXES = ("/admin/", "/konto/", "/en/konto/", "/static/", "/media/")
MAX_URLS = 400


def _names(resolver: URLResolver) -> list[str]:
    return [p.name for p in resolver.url_patterns if isinstance(p, URLPattern) and p.name]


def _public_names() -> list[str]:
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "public":
                return _names(pattern)
            for sub in pattern.url_patterns:
                if isinstance(sub, URLResolver) and sub.namespace == "public":
                    return _names(sub)
    return []


def _start_urls(world) -> list[str]:
    candidates = [
        {},
        {"slug": world.round_2024.slug},
        {"slug": world.round_2023.slug},
        {"slug": "andel-e-faktura"},
        {"slug": "andel-matchade"},
        {"org_nr": world.storverket.org_nr},
    ]
    urls = []
    names = _public_names()
    assert "agency-detail" in names
    assert "start" in names
    for name in names:
        for kwargs in candidates:
            try:
                urls.append(reverse(f"public:{name}", kwargs=kwargs))
            except NoReverseMatch:
                continue
    agency = f"/myndigheter/{world.storverket.org_nr}/"
    urls += [agency, "/en" + agency, "/sa-gjorde-vi/", "/en/sa-gjorde-vi/"]
    urls += ["/oppna-data/", "/en/oppna-data/", "/rapport/", "/en/rapport/"]
    urls += ["/data/dcat/katalog.ttl", "/data/dcat/katalog.rdf", "/data/dcat/katalog.jsonld"]
    return urls


def _api_urls(client, world) -> list[str]:
    response = client.get("/api/v1/openapi.json")
    if response.status_code != 200:
        return []
    spec = json.loads(response.content)
    values = {
        "slug": world.round_2024.slug,
        "round": world.round_2024.slug,
        "org": world.storverket.org_nr,
        "agency": world.storverket.org_nr,
        "figure": "andel-e-faktura",
    }
    urls = ["/api/v1/openapi.json"]
    for path, operations in spec.get("paths", {}).items():
        if "get" not in operations:
            continue

        def fill(match: re.Match[str]) -> str:
            name = match.group(1).lower()
            return next((v for k, v in values.items() if k in name), world.round_2024.slug)

        urls.append(re.sub(r"\{([^}]+)\}", fill, path))
    return urls


def _body_text(content: bytes) -> str:
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "ignore") for name in archive.namelist()
            )
    return content.decode("utf-8", "ignore")


def _links(html: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#?]+)', html):
        if (
            href.startswith("/")
            and not href.startswith("//")
            and not href.startswith(SKIP_PREFIXES)
        ):
            found.append(href)
    return found


def test_contacts_never_reach_a_public_route(client, people):
    world = people.world
    contact = services.contact_opt_in(
        user=people.respondent,
        agency=world.storverket,
        name=SECRETS[0],
        role=SECRETS[1],
        email=SECRETS[2],
        phone=SECRETS[3],
        consent=True,
        consent_text=consent_text(),
    )
    now = timezone.now()
    Practice.objects.create(
        agency=world.storverket,
        title="Ledningens mål för e-handel",
        description="Generaldirektören lade den första beställningen inför alla.",
        started_on=datetime.date(2023, 6, 1),
        themes=["leadership"],
        figures=["andel-e-faktura"],
        effort="small",
        contact=contact,
        status=PracticeStatus.PUBLISHED,
        published_at=now,
        created_at=now,
        updated_at=now,
    )
    comment = services.comment_submit(
        user=people.respondent, agency=world.storverket, round=world.round_2024, text=COMMENT
    )
    services.comment_approve(user=people.office, comment=comment)

    # the agency page passes the public page guard and shows the comment, not the author
    # (the agency page carries every app's sections; its query budget is the lead's)
    agency_page = check_page(client, f"/myndigheter/{world.storverket.org_nr}/", max_queries=30)
    assert COMMENT in agency_page.content.decode()

    queue = deque(_start_urls(world) + _api_urls(client, world))
    seen: set[str] = set()
    fetched = 0
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        fetched += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = _body_text(body)
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), (secret, url)
        if "html" in response.get("Content-Type", ""):
            queue.extend(link for link in _links(text) if link not in seen)
    # the crawl did reach the public site: pages, the agency page in both languages
    assert fetched >= 20
    assert f"/en/myndigheter/{world.storverket.org_nr}/" in seen
    assert "/sa-gjorde-vi/" in seen
