"""Files and RDF under /data/ (no language prefix: the same bytes in every language)."""

from django.urls import URLPattern, path

from opendata import views

app_name = "opendata-files"

urlpatterns: list[URLPattern] = [
    path("alla-omgangar.<str:fmt>", views.all_file, name="all-file"),
    path("omgangar/<slug:slug>/<str:filename>", views.round_file, name="round-file"),
    path("dcat/katalog.<str:extension>", views.catalogue, name="catalogue"),
]
