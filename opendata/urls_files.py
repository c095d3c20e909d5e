from django.urls import URLPattern, path  # noqa: F401

app_name = "opendata-files"

urlpatterns: list[URLPattern] = []
