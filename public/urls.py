from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("omgangar/", views.round_list, name="round-list"),
    path("omgangar/<slug:slug>/", views.round_results, name="round-results"),
    path("omgangar/<slug:slug>/andringar/", views.round_changes, name="round-changes"),
    path("myndigheter/", views.agency_list, name="agency-list"),
    path("myndigheter/<str:org_nr>/", views.agency_detail, name="agency-detail"),
    path("myndigheter/<str:org_nr>/verksamhetsnytta/", views.agency_value, name="agency-value"),
    path("nyckeltal/", views.figure_list, name="figure-list"),
    path("nyckeltal/<slug:slug>/", views.figure_detail, name="figure-detail"),
    path("jamfor/", views.compare, name="compare"),
]
