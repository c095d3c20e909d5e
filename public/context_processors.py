"""Context every page gets: the demo notice and the language switch."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from surveys.selectors import demo_mode_active


def site(request: HttpRequest) -> dict[str, Any]:
    language = get_language() or settings.LANGUAGE_CODE
    other = "en" if language != "en" else "sv"
    return {
        "demo_mode": demo_mode_active(),
        "operator_name": settings.OPERATOR_NAME,
        "current_language": language,
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }
