"""Settings the open data reads, each with a default so the app works unconfigured.

Set them in the environment through config/settings.py (see docs/open-data.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Publisher:
    name_sv: str
    name_en: str
    org_nr: str
    homepage: str
    contact_name: str
    contact_email: str

    @property
    def iri(self) -> str:
        """The publisher's IRI as Sveriges dataportal identifies public bodies."""
        return f"http://dataportal.se/organisation/SE{self.org_nr}"


def site_url() -> str:
    """The absolute base of every IRI and download URL, without a trailing slash."""
    return str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def publisher() -> Publisher:
    return Publisher(
        name_sv=getattr(settings, "PUBLISHER_NAME", "Myndigheten för digital förvaltning"),
        name_en=getattr(settings, "PUBLISHER_NAME_EN", "Agency for Digital Government"),
        org_nr=getattr(settings, "PUBLISHER_ORG_NR", "2021006883"),
        homepage=getattr(settings, "PUBLISHER_HOMEPAGE", "https://www.digg.se/"),
        contact_name=getattr(
            settings, "OPEN_DATA_CONTACT_NAME", "Uppföljning av myndigheternas e-handel"
        ),
        contact_email=getattr(settings, "OPEN_DATA_CONTACT_EMAIL", "info@digg.se"),
    )


def api_in_catalogue() -> bool:
    """Whether the catalogue describes the JSON API at /api/v1/ as a data service."""
    return bool(getattr(settings, "OPEN_DATA_API_IN_CATALOGUE", True))
