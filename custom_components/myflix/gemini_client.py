"""google-genai plumbing for the Gemini agent: the client and what its errors mean.

The key lives in the client's headers only; nothing here logs or returns it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import partial
from typing import Any

from google.genai import Client
from google.genai.errors import APIError
from google.genai.types import HttpOptions
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant
import httpx

from .const import CONF_GEMINI_BASE_URL, GEMINI_TIMEOUT


class GeminiFailure(StrEnum):
    """Why a Gemini request failed, as the user hears it (``phrases`` keys)."""

    QUOTA = "gemini_quota"
    INVALID_KEY = "gemini_invalid_key"
    BLOCKED = "gemini_blocked"
    TIMEOUT = "gemini_timeout"
    ERROR = "gemini_error"
    NO_ANSWER = "gemini_no_answer"


class GeminiError(Exception):
    """A Gemini request failed; ``failure`` says why (no key, no body)."""

    def __init__(self, failure: GeminiFailure, detail: str = "") -> None:
        """Keep the reason and a short, secret-free detail."""
        super().__init__(f"{failure.value}: {detail}" if detail else failure.value)
        self.failure = failure


def http_options(data: Mapping[str, Any]) -> HttpOptions:
    """Timeout (milliseconds) and, for tests and the demo, another endpoint."""
    options = HttpOptions(timeout=int(GEMINI_TIMEOUT * 1000))
    if base_url := data.get(CONF_GEMINI_BASE_URL):
        options.base_url = base_url.rstrip("/") + "/"
        options.api_version = "v1beta"
    return options


async def async_create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> Client:
    """Build the client in the executor: httpx loads CA certificates from disk."""
    return await hass.async_add_executor_job(
        partial(Client, api_key=data[CONF_API_KEY], http_options=http_options(data))
    )


def classify(err: Exception) -> GeminiError:
    """Map an SDK or transport error to what the user should hear."""
    if isinstance(err, (TimeoutError, httpx.TimeoutException)):
        return GeminiError(GeminiFailure.TIMEOUT)
    if isinstance(err, APIError):
        detail = f"{err.code} {err.status}"
        text = f"{err.status} {err.message}".upper()
        if err.code == 429 or "RESOURCE_EXHAUSTED" in text:
            return GeminiError(GeminiFailure.QUOTA, detail)
        refused = "API_KEY_INVALID" in str(err) or "API KEY NOT VALID" in text
        if err.code in (401, 403) or refused:
            return GeminiError(GeminiFailure.INVALID_KEY, detail)
        return GeminiError(GeminiFailure.ERROR, detail)
    return GeminiError(GeminiFailure.ERROR, type(err).__name__)
