"""URL root. Swedish pages are unprefixed; English ones live under /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("rapportera/", include("surveys.urls")),
    path("uppfoljning/", include("surveys.urls_office")),
    path("mal/", include("learning.urls")),
    path("program/", include("learning.urls_programmes")),
    path("", include("public.urls")),
    prefix_default_language=False,
)
