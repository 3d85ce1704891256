"""The base of the clients of VPN providers' public APIs: no key, one GET each.

NordVPN's recommendations, Mullvad's relay list and PIA's server list are
read the same way: a session, a base URL the tests point at a simulator, a
timeout, and an HTTP error mapped like every other backend's.
"""

from __future__ import annotations

import logging

import aiohttp

from .http import RawResponse, http_request
from .status_errors import raise_for_status

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0


class PublicApiClient:
    """Reads one provider's public API; subclasses name it and its URL."""

    APP = "VPN provider"
    DEFAULT_URL = ""

    def __init__(
        self,
        *,
        session: aiohttp.ClientSession,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Talk to ``base_url`` (the real API by default, or a simulator in tests)."""
        self.base_url = (base_url or self.DEFAULT_URL).rstrip("/")
        self._session = session
        self._timeout = timeout

    def __repr__(self) -> str:
        """Identify the client."""
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    async def _fetch(
        self, path: str, params: list[tuple[str, str]] | None = None
    ) -> RawResponse:
        """GET ``path``; an HTTP error status raises the mapped client error."""
        _LOGGER.debug("%s GET %s %s", self.APP, path, params or "")
        response = await http_request(
            self._session,
            "GET",
            f"{self.base_url}{path}",
            timeout=self._timeout,
            params=params,
            headers={"Accept": "application/json"},
        )
        if response.status >= 400:
            raise_for_status(
                response, app=self.APP, what=f"GET {path}", scrub=lambda text: text
            )
        return response
