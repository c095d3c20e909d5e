"""The open-data page and the round downloads partial, through HTTP."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from opendata.columns import COLUMN_NAMES
from tests.pagecheck import check_page

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", text).replace("\u00a0", " ")


def test_page_in_swedish_lists_every_download_and_column(client, world):
    response = check_page(client, "/oppna-data/")
    html = response.content.decode()
    text = text_of(response)
    assert "Öppna data" in text
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/data/alla-omgangar.{fmt}"' in html
        for slug in ("2023", "2024"):
            assert f'href="/data/omgangar/{slug}/uppfoljning-{slug}.{fmt}"' in html
    assert "2025" not in html
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in html
    assert "CC0 1.0 Universal" in text
    assert 'href="http://creativecommons.org/publicdomain/zero/1.0/"' in html
    assert "pd.read_csv" in html
    for extension in ("rdf", "ttl", "jsonld"):
        assert f'href="/data/dcat/katalog.{extension}"' in html
    assert "Årsarbetskrafter (ÅA) enligt ESV:s myndighetsregister." in text
    assert "public" in response["Cache-Control"]


def test_page_in_english(client, world):
    response = check_page(client, "/en/oppna-data/")
    text = text_of(response)
    assert "Open data" in text
    assert "Full-time equivalents (ÅA) from ESV's agency register." in text
    assert "Licence" in text
    assert 'lang="sv"' in response.content.decode()


def test_page_before_any_publication(client, db):
    text = text_of(check_page(client, "/oppna-data/"))
    assert "Ingen omgång är publicerad ännu." in text
    assert client.get("/data/alla-omgangar.csv").status_code == 404


def test_round_downloads_partial(world):
    with translation.override("sv"):
        html = render_to_string("opendata/_round_downloads.html", {"round": world.round_2024})
    assert 'href="/data/omgangar/2024/uppfoljning-2024.csv"' in html
    assert 'href="/data/omgangar/2024/uppfoljning-2024.xlsx"' in html
    assert 'href="/data/omgangar/2024/uppfoljning-2024.json"' in html
    assert 'href="/oppna-data/"' in html
    assert "<h2" in html
    with translation.override("en"):
        english = render_to_string("opendata/_round_downloads.html", {"round": world.round_2024})
    assert "Download the round's data" in english
    assert 'href="/en/oppna-data/"' in english
