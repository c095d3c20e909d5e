"""The follow-up office's pages, under /uppfoljning/ (config/urls.py includes this).

Fixed words come before ``<org_nr>``; organisation numbers are ten digits (a hyphen is
accepted), so they never collide with a word. Every view is office-only.
"""

from django.urls import path, re_path

from surveys import views_office

app_name = "office"

ORG_NR = r"(?P<org_nr>\d{6}-?\d{4})"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"

urlpatterns = [
    path("", views_office.round_list, name="round-list"),
    path("ny-omgang/", views_office.round_create_view, name="round-create"),
    path("<slug:slug>/", views_office.round_dashboard, name="round-dashboard"),
    path("<slug:slug>/oppna/", views_office.round_open_view, name="round-open"),
    path("<slug:slug>/stang/", views_office.round_close_view, name="round-close"),
    path("<slug:slug>/publicera/", views_office.round_publish_view, name="round-publish"),
    path(
        "<slug:slug>/oppna-for-rattelser/",
        views_office.round_reopen_view,
        name="round-reopen",
    ),
    path("<slug:slug>/paminnelse/", views_office.round_remind_view, name="round-remind"),
    path(
        "<slug:slug>/population/lagg-till/",
        views_office.population_add_view,
        name="population-add",
    ),
    path(
        "<slug:slug>/population/ta-bort/",
        views_office.population_remove_view,
        name="population-remove",
    ),
    path(
        "<slug:slug>/population/enligt-regeln/",
        views_office.population_reset_view,
        name="population-reset",
    ),
    path("<slug:slug>/granska/", views_office.review, name="review"),
    re_path(rf"^{SLUG}/{ORG_NR}/$", views_office.response_detail, name="response-detail"),
    re_path(
        rf"^{SLUG}/{ORG_NR}/godkann/$",
        views_office.response_approve_view,
        name="response-approve",
    ),
    re_path(
        rf"^{SLUG}/{ORG_NR}/skicka-tillbaka/$",
        views_office.response_return_view,
        name="response-return",
    ),
]
