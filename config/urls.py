"""URL root. Swedish pages are unprefixed; English ones live under /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("data/", include("opendata.urls_files")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("rapportera/", include("surveys.urls")),
    path("uppfoljning/", include("surveys.urls_office")),
    path("mal/", include("learning.urls")),
    path("program/", include("learning.urls_programmes")),
    path("sa-gjorde-vi/", include("practices.urls")),
    path("natverk/", include("network.urls")),
    path("oppna-data/", include("opendata.urls")),
    path("rapport/", include("reports.urls")),
    path("om-webbplatsen/", include("about.urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)
