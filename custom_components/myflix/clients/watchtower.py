"""Watchtower's HTTP API: trigger an update now, and (newer forks) list containers.

``POST /v1/update`` needs ``Authorization: Bearer <token>`` and answers once
the update is done. containrrr/watchtower 1.7.x answers 200 with an empty
body; the maintained nicholas-fedor fork answers a JSON summary
(scanned/updated/failed/restarted) and, with ``--http-api-containers``,
``GET /v1/containers`` lists every watched container's image and digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING, Any

from .errors import (
    MyflixAuthenticationError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
)
from .http import RawResponse, http_request

if TYPE_CHECKING:
    import aiohttp

_LOGGER = logging.getLogger(__name__)

# Watchtower pulls images before it answers; its own handler gives up at 10 min.
UPDATE_TIMEOUT = 600.0
APP = "Watchtower"


@dataclass(frozen=True, kw_only=True)
class ContainerImage:
    """A watched container and the image it runs."""

    name: str
    image: str
    image_id: str
    digest: str

    @classmethod
    def from_dict(cls, raw: Any) -> ContainerImage:
        """Parse one ``/v1/containers`` item (``digest`` or ``running_digest``)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise MyflixResponseError(f"{APP}: container without a name")
        return cls(
            name=raw["name"].lstrip("/"),
            image=str(raw.get("image") or ""),
            image_id=str(raw.get("image_id") or ""),
            digest=str(raw.get("digest") or raw.get("running_digest") or ""),
        )


@dataclass(frozen=True, kw_only=True)
class UpdateSummary:
    """What the fork reports after an update; all None from containrrr 1.7."""

    scanned: int | None = None
    updated: int | None = None
    failed: int | None = None
    restarted: int | None = None
    skipped: int | None = None

    @classmethod
    def from_body(cls, response: RawResponse) -> UpdateSummary:
        """Read ``summary`` from a JSON body; an empty body reports nothing."""
        if not response.body.strip():
            return cls()
        payload = response.json()
        summary = payload.get("summary") if isinstance(payload, dict) else None
        if not isinstance(summary, dict):
            return cls()

        def count(key: str) -> int | None:
            value = summary.get(key)
            return value if isinstance(value, int) else None

        return cls(
            scanned=count("scanned"),
            updated=count("updated"),
            failed=count("failed"),
            restarted=count("restarted"),
            skipped=count("skipped"),
        )


class WatchtowerClient:
    """Talk to Watchtower's HTTP API with its token."""

    def __init__(
        self,
        *,
        url: str,
        token: str,
        session: aiohttp.ClientSession,
        timeout: float = UPDATE_TIMEOUT,
    ) -> None:
        """Use the API at ``url`` (e.g. ``http://host:8080``) with ``token``."""
        self.base_url = url.rstrip("/")
        self._token = token
        self._session = session
        self._timeout = timeout

    def __repr__(self) -> str:
        """Identify the client without the token."""
        return f"WatchtowerClient(url={self.base_url!r})"

    async def _send(
        self, method: str, path: str, params: dict[str, str], timeout: float
    ) -> RawResponse:
        _LOGGER.debug("%s %s %s", APP, method, path)
        response = await http_request(
            self._session,
            method,
            f"{self.base_url}{path}",
            timeout=timeout,
            headers={"Authorization": f"Bearer {self._token}"},
            params=params,
        )
        status = response.status
        if status == 401:
            raise MyflixAuthenticationError(f"{APP} rejected the token ({path})")
        if status in (404, 405):
            raise MyflixNotFoundError(f"{APP}: {path} is not enabled")
        if status == 429:
            raise MyflixServerError(status, f"{APP}: another update is running")
        if status >= 500:
            raise MyflixServerError(status, f"{APP}: {path} failed")
        if status >= 300:
            raise MyflixResponseError(f"{APP}: unexpected HTTP {status} for {path}")
        return response

    async def update(self, images: Sequence[str] = ()) -> UpdateSummary:
        """Update every watched container, or only those running ``images``."""
        params = {"image": ",".join(images)} if images else {}
        response = await self._send("POST", "/v1/update", params, self._timeout)
        return UpdateSummary.from_body(response)

    async def containers(self) -> list[ContainerImage] | None:
        """Return the watched containers, or None where ``/v1/containers`` is not served."""
        try:
            response = await self._send("GET", "/v1/containers", {}, 10.0)
        except MyflixNotFoundError:
            return None
        payload = response.json()
        items = payload.get("containers") if isinstance(payload, dict) else None
        if not isinstance(items, list):
            raise MyflixResponseError(f"{APP}: /v1/containers without a list")
        return [ContainerImage.from_dict(item) for item in items]
