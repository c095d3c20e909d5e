"""A guard every public page test can call: ``check_page(client, url)``.

It fetches the page anonymously and asserts the basics a Swedish public web page owes
its readers (docs/public-web.md): status 200, one non-empty ``<title>``, ``<html lang>``
in the URL's language,
one ``<main>``, a skip link to ``#main`` as the first thing the keyboard reaches, no
duplicate ``id`` attributes, no cookies, and a bounded number of SQL queries.

Pages with a form (login, the account pages) keep their CSRF token in the session
(``CSRF_USE_SESSIONS``), so they set the session cookie: ``allow_cookies=True`` lets
that one cookie through, and only with ``HttpOnly`` and ``SameSite=Lax``.

The HTML checks are in :func:`page_problems`, a pure function on a string, so that
tests/test_pagecheck.py can show that each of them fails when it should. Only the
standard library parses: no new dependency.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.translation import get_language_from_path

# The agency page is the heaviest: five public-content clocks (results, rounds, goals,
# practices, comments), the history, learning, practices and comments. The bound catches
# a query per row, not a page that reads what it shows.
DEFAULT_MAX_QUERIES = 25
SKIP_LINK_HREF = "#main"

# Elements that end themselves: they never get an end tag to pop from the stack.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
# Form controls and links that take keyboard focus without a tabindex.
_FOCUSABLE_TAGS = frozenset({"button", "select", "textarea", "iframe", "summary"})


class _GetClient(Protocol):
    def get(self, *args: Any, **kwargs: Any) -> Any: ...


def _is_focusable(tag: str, attrs: dict[str, str | None]) -> bool:
    """Whether the element is in the Tab order (as far as the markup alone can tell)."""
    if "disabled" in attrs or "hidden" in attrs or "inert" in attrs:
        return False
    tabindex = attrs.get("tabindex")
    if tabindex is not None:
        try:
            return int(tabindex) >= 0
        except ValueError:
            pass
    if tag in {"a", "area"}:
        return attrs.get("href") is not None
    if tag == "input":
        return (attrs.get("type") or "text").lower() != "hidden"
    return tag in _FOCUSABLE_TAGS


class _PageParser(HTMLParser):
    """Collects what page_problems needs in one pass over the document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: list[str | None] = []
        self.titles: list[str] = []
        self.main_count = 0
        self.ids: Counter[str] = Counter()
        self.first_focusable: tuple[str, dict[str, str | None]] | None = None
        self._stack: list[str] = []
        self._title_text: list[str] | None = None

    def _in_foreign_content(self) -> bool:
        # <title> inside an inline SVG is the graphic's accessible name, not the page's.
        return "svg" in self._stack or "math" in self._stack

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang.append(attributes.get("lang"))
        elif tag == "main":
            self.main_count += 1
        elif tag == "title" and not self._in_foreign_content():
            self._title_text = []
        element_id = attributes.get("id")
        if element_id is not None:
            self.ids[element_id] += 1
        if self.first_focusable is None and _is_focusable(tag, attributes):
            self.first_focusable = (tag, attributes)
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_text is not None:
            self.titles.append("".join(self._title_text).strip())
            self._title_text = None
        if tag in self._stack:
            # Pop up to the matching element: tolerant of omitted end tags (<p>, <li>).
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._title_text is not None:
            self._title_text.append(data)


def _language_problems(parser: _PageParser, lang: str | None) -> list[str]:
    if len(parser.html_lang) != 1:
        return [f"expected one <html> element, found {len(parser.html_lang)}"]
    declared = (parser.html_lang[0] or "").strip()
    if not declared:
        return ["<html> has no lang attribute (WCAG 3.1.1)"]
    if lang is not None and declared.split("-")[0].lower() != lang.split("-")[0].lower():
        return [f'<html lang="{declared}">, but the page is in {lang!r}']
    return []


def _skip_link_problems(parser: _PageParser) -> list[str]:
    problems: list[str] = []
    first = parser.first_focusable
    if first is None:
        problems.append(f'no focusable element: expected a skip link <a href="{SKIP_LINK_HREF}">')
    else:
        tag, attrs = first
        if tag != "a" or attrs.get("href") != SKIP_LINK_HREF:
            shown = "".join(f' {k}="{v}"' if v is not None else f" {k}" for k, v in attrs.items())
            problems.append(
                f'the first focusable element must be the skip link <a href="{SKIP_LINK_HREF}">,'
                f" found <{tag}{shown}>"
            )
    target = SKIP_LINK_HREF.removeprefix("#")
    if target not in parser.ids:
        problems.append(f"the skip link's target id={target!r} is missing")
    return problems


def _id_problems(parser: _PageParser) -> list[str]:
    problems: list[str] = []
    duplicates = sorted(name for name, count in parser.ids.items() if count > 1 and name)
    if duplicates:
        problems.append(f"duplicate id attributes: {', '.join(duplicates)}")
    empty_ids = parser.ids.get("", 0)
    if empty_ids:
        problems.append(f"{empty_ids} empty id attribute(s)")
    return problems


def page_problems(html: str, *, lang: str | None = None) -> list[str]:
    """Everything wrong with the page's markup, as readable sentences; empty when fine.

    ``lang``: the language the page should declare (its primary subtag is compared).
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    problems = _language_problems(parser, lang)

    if len(parser.titles) != 1:
        problems.append(f"expected exactly one <title>, found {len(parser.titles)}")
    elif not parser.titles[0]:
        problems.append("<title> is empty (WCAG 2.4.2)")

    if parser.main_count != 1:
        problems.append(f"expected exactly one <main>, found {parser.main_count}")

    return problems + _skip_link_problems(parser) + _id_problems(parser)


def cookie_problems(response: HttpResponse, *, allow_cookies: bool = False) -> list[str]:
    """What is wrong with the cookies the response sets; empty when fine.

    By default no cookie at all. With ``allow_cookies`` the session cookie only, and it
    must be ``HttpOnly`` and ``SameSite=Lax`` (docs/public-web.md §3).
    """
    header = response.headers.get("Set-Cookie")
    if not allow_cookies:
        cookies = header or "; ".join(morsel.OutputString() for morsel in response.cookies.values())
        return [f"public pages set no cookies, got Set-Cookie: {cookies}"] if cookies else []
    problems: list[str] = []
    if header:
        problems.append(f"cookies are set through response.cookies only, got {header}")
    for name, morsel in response.cookies.items():
        if name != settings.SESSION_COOKIE_NAME:
            problems.append(f"only the session cookie may be set, got {morsel.OutputString()}")
            continue
        if not morsel["httponly"]:
            problems.append(f"the session cookie must be HttpOnly: {morsel.OutputString()}")
        if str(morsel["samesite"]).lower() != "lax":
            problems.append(f"the session cookie must be SameSite=Lax: {morsel.OutputString()}")
    return problems


def check_page(
    client: _GetClient,
    url: str,
    *,
    max_queries: int = DEFAULT_MAX_QUERIES,
    lang: str | None = None,
    allow_cookies: bool = False,
) -> HttpResponse:
    """GET ``url`` with ``client`` and assert the page basics; return the response.

    The client is usually anonymous; pass a logged-in one for pages behind the login.
    ``lang`` is the language ``<html lang>`` must declare; by default the one the URL
    selects (``/en/…`` English, unprefixed Swedish). ``allow_cookies``: the page has a
    form, so the session cookie (HttpOnly, SameSite=Lax) may be set, and nothing else.
    Needs database access (``db`` fixture or ``django_db`` mark): the queries are counted.
    """
    if lang is None:
        lang = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with CaptureQueriesContext(connection) as queries:
        response = cast(HttpResponse, client.get(url))

    assert response.status_code == 200, f"GET {url}: status {response.status_code}, not 200"
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("text/html"), f"GET {url}: Content-Type {content_type!r}"

    problems = cookie_problems(response, allow_cookies=allow_cookies)
    assert not problems, f"GET {url}: " + "; ".join(problems)

    problems = page_problems(response.content.decode(response.charset or "utf-8"), lang=lang)
    assert not problems, f"GET {url}:\n  - " + "\n  - ".join(problems)

    count = len(queries.captured_queries)
    if count > max_queries:
        listing = "\n".join(f"  {q['sql']}" for q in queries.captured_queries)
        raise AssertionError(f"GET {url}: {count} SQL queries, at most {max_queries}:\n{listing}")
    return response
