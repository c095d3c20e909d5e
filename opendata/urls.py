"""The human open-data page, under /oppna-data/ (Swedish) and /en/oppna-data/."""

from django.urls import URLPattern, path

from opendata import views

app_name = "opendata"

urlpatterns: list[URLPattern] = [
    path("", views.open_data_page, name="page"),
]
