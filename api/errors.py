"""The one error shape of the API, and the domain errors the endpoints raise.

Every error the API answers (400, 404, 405, 422, 429, 500) has the body::

    {"error": {"code": "not_found", "message": "<svenska>", "message_en": "<English>",
               "details": [...]}}

``code`` is stable (clients branch on it); the messages are for people. Both languages
are in the body because the API has no language in its URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import JsonResponse


@dataclass
class ApiError(Exception):
    """A client error with a stable code and a Swedish and an English message."""

    status: int
    code: str
    message: str
    message_en: str
    details: list[dict[str, Any]] = field(default_factory=list)


def not_found(what_sv: str, what_en: str) -> ApiError:
    return ApiError(
        status=404,
        code="not_found",
        message=f"{what_sv} finns inte bland de publicerade uppgifterna.",
        message_en=f"{what_en} does not exist among the published data.",
    )


def error_body(
    *, code: str, message: str, message_en: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "message_en": message_en,
            "details": details or [],
        }
    }


def error_response(
    *,
    status: int,
    code: str,
    message: str,
    message_en: str,
    details: list[dict[str, Any]] | None = None,
) -> JsonResponse:
    response = JsonResponse(
        error_body(code=code, message=message, message_en=message_en, details=details),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    # Errors are never stored by shared caches: the next request may well succeed.
    response["Cache-Control"] = "no-store"
    return response


def api_error_response(error: ApiError) -> JsonResponse:
    return error_response(
        status=error.status,
        code=error.code,
        message=error.message,
        message_en=error.message_en,
        details=error.details,
    )


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja/pydantic validation errors as the API's detail entries."""
    details = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        location = loc[0] if loc else ""
        name = ".".join(loc[1:]) if len(loc) > 1 else ""
        details.append(
            {
                "location": location,
                "field": name,
                "type": str(error.get("type", "")),
                "message_en": str(error.get("msg", "")),
            }
        )
    return details


def validation_error_response(errors: list[dict[str, Any]]) -> JsonResponse:
    details = validation_details(errors)
    fields = ", ".join(sorted({d["field"] or d["location"] for d in details})) or "?"
    return error_response(
        status=422,
        code="validation_error",
        message=f"Ogiltigt värde i: {fields}. Rätta värdet enligt dokumentationen och försök igen.",
        message_en=f"Invalid value in: {fields}. Correct it as documented and try again.",
        details=details,
    )


def not_found_response() -> JsonResponse:
    return error_response(
        status=404,
        code="not_found",
        message="Adressen finns inte i API:et. Se dokumentationen på /api/v1/docs.",
        message_en="The address does not exist in the API. See the documentation at /api/v1/docs.",
    )


def method_not_allowed_response(allowed: str) -> JsonResponse:
    response = error_response(
        status=405,
        code="method_not_allowed",
        message=f"API:et går bara att läsa. Tillåtna metoder: {allowed}.",
        message_en=f"The API is read-only. Allowed methods: {allowed}.",
    )
    response["Allow"] = allowed
    return response


def rate_limited_response(*, retry_after: int, limit: str) -> JsonResponse:
    response = error_response(
        status=429,
        code="rate_limited",
        message=(
            f"För många förfrågningar (gränsen är {limit} per klient). "
            f"Vänta {retry_after} sekunder och försök igen."
        ),
        message_en=(
            f"Too many requests (the limit is {limit} per client). "
            f"Wait {retry_after} seconds and try again."
        ),
        details=[{"retry_after": retry_after, "limit": limit}],
    )
    response["Retry-After"] = str(retry_after)
    return response


def server_error_response() -> JsonResponse:
    return error_response(
        status=500,
        code="server_error",
        message="Ett oväntat fel uppstod hos oss. Försök igen senare.",
        message_en="An unexpected error occurred on our side. Please try again later.",
    )
