"""Map an HTTP error status to the matching Myflix exception (Servarr, gluetun, NordVPN)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
    MyflixValidationError,
)
from custom_components.myflix.clients.http import RawResponse

# The statuses the apps use for a request they refuse as invalid; the body is
# then a list of FluentValidation items, each with an ``errorMessage``.
VALIDATION_STATUSES = (400, 409, 415, 422)


def raise_for_status(
    response: RawResponse, *, app: str, what: str, scrub: Callable[[str], str]
) -> NoReturn:
    """Raise for an error ``response`` to ``what``; ``scrub`` hides the API key."""
    status = response.status
    try:
        payload: Any = response.json()
    except MyflixResponseError:
        payload = None
    message = payload.get("message") if isinstance(payload, dict) else None
    if not isinstance(message, str) or not message:
        message = scrub(response.text.strip())[:200] or f"HTTP {status}"
    message = scrub(message)
    if status == 401:
        raise MyflixAuthenticationError(f"{app} rejected the API key ({what})")
    if status == 404:
        raise MyflixNotFoundError(f"{app}: {message} ({what})")
    if status in VALIDATION_STATUSES:
        errors = [
            scrub(item["errorMessage"])
            for item in (payload if isinstance(payload, list) else [])
            if isinstance(item, dict) and isinstance(item.get("errorMessage"), str)
        ]
        summary = "; ".join(errors) if errors else message
        raise MyflixValidationError(f"{app} refused {what}: {summary}", errors)
    if status >= 500:
        raise MyflixServerError(status, f"{app}: {message}")
    raise MyflixResponseError(f"{app}: unexpected HTTP {status} for {what}")
