"""The page guard itself: each check must fail on a page that breaks it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse

from tests.pagecheck import check_page, page_problems

GOOD_BODY = """
<a class="skip-link" href="#main">Till huvudinnehållet</a>
<header><nav><a href="/">Start</a> <a href="/en/" lang="en">English</a></nav></header>
<main id="main" tabindex="-1">
  <h1>Resultat</h1>
  <svg role="img" aria-labelledby="chart-title"><title id="chart-title">Andel e-faktura</title>
    <path d="M0 0"/></svg>
  <form><input type="hidden" name="a" value="1"><button id="go">Visa</button></form>
</main>
"""


def page(
    body: str = GOOD_BODY,
    *,
    lang: str | None = "sv",
    head: str = "<title>Uppföljning – Start</title>",
) -> str:
    lang_attr = "" if lang is None else f' lang="{lang}"'
    return (
        f'<!doctype html><html{lang_attr}><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    )


def test_a_good_page_has_no_problems():
    assert page_problems(page()) == []


def test_void_and_self_closing_elements_keep_the_parser_in_step():
    body = GOOD_BODY.replace("<h1>", "<br><img src='x.png' alt=''><hr/><h1>")
    assert page_problems(page(body)) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page(head=""), "expected exactly one <title>, found 0"),
        (page(head="<title>  </title>"), "<title> is empty"),
        (page(head="<title>A</title><title>B</title>"), "expected exactly one <title>, found 2"),
        (page(lang=None), "<html> has no lang attribute"),
        (page(lang=""), "<html> has no lang attribute"),
        ("<title>x</title><main id='main'></main>", "expected one <html> element, found 0"),
    ],
    ids=["no-title", "empty-title", "two-titles", "no-lang", "empty-lang", "no-html"],
)
def test_title_and_language_problems_are_caught(html, expected):
    assert any(expected in problem for problem in page_problems(html)), page_problems(html)


def test_the_declared_language_must_be_the_pages():
    assert page_problems(page(lang="sv-SE"), lang="sv") == []
    assert page_problems(page(lang="sv"), lang="en") == [
        "<html lang=\"sv\">, but the page is in 'en'"
    ]


def test_svg_title_does_not_count_as_the_page_title():
    problems = page_problems(page(head=""))
    assert "expected exactly one <title>, found 0" in problems


def test_missing_or_doubled_main_is_caught():
    no_main = GOOD_BODY.replace("<main", "<div").replace("</main>", "</div>")
    assert "expected exactly one <main>, found 0" in page_problems(page(no_main))
    two_mains = GOOD_BODY + "<main><p>again</p></main>"
    assert "expected exactly one <main>, found 2" in page_problems(page(two_mains))


def test_duplicate_ids_are_caught_including_inside_svg():
    body = GOOD_BODY.replace('<path d="M0 0"/>', '<clipPath id="go"><rect/></clipPath>')
    problems = page_problems(page(body))
    assert "duplicate id attributes: go" in problems
    assert "1 empty id attribute(s)" in page_problems(page(GOOD_BODY + '<p id="">x</p>'))


@pytest.mark.parametrize(
    "before",
    [
        '<a href="/">Logo</a>',
        "<button>Meny</button>",
        '<div tabindex="0">fokus</div>',
        '<input type="search" name="q">',
        "<details><summary>Mer</summary></details>",
    ],
    ids=["link", "button", "tabindex-0", "input", "summary"],
)
def test_anything_focusable_before_the_skip_link_is_caught(before):
    problems = page_problems(page(before + GOOD_BODY))
    assert any(problem.startswith("the first focusable element") for problem in problems)


@pytest.mark.parametrize(
    "before",
    [
        '<input type="hidden" name="csrf">',
        '<div tabindex="-1">programmatic focus only</div>',
        "<a>no href, not focusable</a>",
        '<button disabled="">Av</button>',
        '<button hidden="">Dold</button>',
    ],
    ids=["hidden-input", "tabindex-minus-1", "a-without-href", "disabled", "hidden"],
)
def test_elements_outside_the_tab_order_may_come_first(before):
    assert page_problems(page(before + GOOD_BODY)) == []


def test_a_skip_link_to_another_target_or_to_nothing_is_caught():
    wrong_href = GOOD_BODY.replace('href="#main"', 'href="#content"')
    assert any("must be the skip link" in p for p in page_problems(page(wrong_href)))
    no_target = GOOD_BODY.replace('<main id="main"', "<main")
    assert "the skip link's target id='main' is missing" in page_problems(page(no_target))
    assert any("no focusable element" in p for p in page_problems(page("<main id='main'/>")))


class FakeClient:
    """Stands in for django.test.Client: returns a fixed response after some queries."""

    def __init__(self, response: HttpResponse, *, queries: int = 0) -> None:
        self.response = response
        self.queries = queries
        self.requested: list[str] = []

    def get(self, url: str) -> HttpResponse:
        self.requested.append(url)
        with connection.cursor() as cursor:
            for _ in range(self.queries):
                cursor.execute("SELECT 1")
        return self.response


@pytest.mark.django_db
def test_check_page_passes_a_good_page_and_returns_the_response():
    response = HttpResponse(page())
    client = FakeClient(response, queries=3)
    assert check_page(client, "/x/", max_queries=3) is response
    assert client.requested == ["/x/"]


@pytest.mark.django_db
def test_check_page_counts_queries():
    with pytest.raises(AssertionError, match=r"GET /x/: 4 SQL queries, at most 3"):
        check_page(FakeClient(HttpResponse(page()), queries=4), "/x/", max_queries=3)


@pytest.mark.django_db
def test_check_page_refuses_cookies_on_public_pages():
    response = HttpResponse(page())
    response.set_cookie("sessionid", "abc")
    with pytest.raises(AssertionError, match="public pages set no cookies"):
        check_page(FakeClient(response), "/x/")


@pytest.mark.django_db
def test_check_page_wants_status_200():
    with pytest.raises(AssertionError, match="status 404, not 200"):
        check_page(FakeClient(HttpResponse(page(), status=404)), "/x/")


@pytest.mark.django_db
def test_check_page_reports_markup_problems():
    with pytest.raises(AssertionError, match="expected exactly one <title>"):
        check_page(FakeClient(HttpResponse(page(head=""))), "/x/")


@pytest.mark.django_db
def test_check_page_expects_the_language_of_the_url():
    english_page = FakeClient(HttpResponse(page(lang="en")))
    assert check_page(english_page, "/en/nyckeltal/")
    with pytest.raises(AssertionError, match="but the page is in 'sv'"):
        check_page(english_page, "/nyckeltal/")
    assert check_page(english_page, "/nyckeltal/", lang="en")


@pytest.mark.django_db
def test_check_page_works_with_the_django_test_client(client):
    """The real client type fits the helper; a 404 from the real URLconf is reported."""
    with pytest.raises(AssertionError, match="status 404"):
        check_page(client, "/finns-inte/")


@pytest.mark.django_db
def test_check_page_lets_a_form_page_set_only_a_safe_session_cookie(settings):
    good = HttpResponse(page())
    good.set_cookie(settings.SESSION_COOKIE_NAME, "abc", httponly=True, samesite="Lax")
    assert check_page(FakeClient(good), "/konto/logga-in/", allow_cookies=True) is good
    with pytest.raises(AssertionError, match="public pages set no cookies"):
        check_page(FakeClient(good), "/konto/logga-in/")

    readable = HttpResponse(page())
    readable.set_cookie(settings.SESSION_COOKIE_NAME, "abc", samesite="Lax")
    with pytest.raises(AssertionError, match="must be HttpOnly"):
        check_page(FakeClient(readable), "/x/", allow_cookies=True)

    cross_site = HttpResponse(page())
    cross_site.set_cookie(settings.SESSION_COOKIE_NAME, "abc", httponly=True, samesite="None")
    with pytest.raises(AssertionError, match="must be SameSite=Lax"):
        check_page(FakeClient(cross_site), "/x/", allow_cookies=True)

    tracker = HttpResponse(page())
    tracker.set_cookie("_ga", "1", httponly=True, samesite="Lax")
    with pytest.raises(AssertionError, match="only the session cookie may be set"):
        check_page(FakeClient(tracker), "/x/", allow_cookies=True)
