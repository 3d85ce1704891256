"""The coordinator every backend poll uses, and the endpoint-by-endpoint poll result."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .backends import error_key
from .clients.errors import MyflixAuthenticationError, MyflixError
from .const import BACKEND_NAMES, DOMAIN, LOGGER

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .entry import MyflixConfigEntry


def backend_error[ErrorT: HomeAssistantError](
    error_type: type[ErrorT], err: MyflixError, backend: str
) -> ErrorT:
    """Build a translated HA error saying which backend failed and why."""
    key = (
        "auth_failed" if isinstance(err, MyflixAuthenticationError) else error_key(err)
    )
    return error_type(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={"backend": BACKEND_NAMES[backend], "error": str(err)},
    )


@dataclass(frozen=True, kw_only=True)
class Parts:
    """Data read from several endpoints of one backend in one poll.

    An endpoint that failed leaves its field None and its reason in
    ``failed``: only what needs that endpoint goes unavailable, the rest of
    the backend keeps working.
    """

    failed: Mapping[str, str] = field(default_factory=dict)
    """Endpoint (field name) → why it failed, for those that did."""


def failed_parts(data: object) -> Mapping[str, str]:
    """Return the endpoints that failed in ``data``'s poll (none for one-endpoint data)."""
    return data.failed if isinstance(data, Parts) else {}


async def gather_parts(
    calls: Mapping[str, Awaitable[Any]],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Await every endpoint; return the answers (None where one failed) and the failures.

    Raises when every endpoint failed (the backend is down) or one refused the
    credentials (reauth concerns the whole backend).
    """
    results = await asyncio.gather(*calls.values(), return_exceptions=True)
    values: dict[str, Any] = {}
    errors: dict[str, MyflixError] = {}
    for name, result in zip(calls, results, strict=True):
        if isinstance(result, MyflixError):
            errors[name] = result
            values[name] = None
        elif isinstance(result, BaseException):
            raise result
        else:
            values[name] = result
    refused = [e for e in errors.values() if isinstance(e, MyflixAuthenticationError)]
    if refused:
        raise refused[0]
    if errors and len(errors) == len(calls):
        raise next(iter(errors.values()))
    return values, {name: str(err) for name, err in errors.items()}


class MyflixCoordinator[DataT](DataUpdateCoordinator[DataT]):
    """Polls one backend at one rate; maps client errors to HA's outcomes.

    A refused credential starts reauth; any other client error marks the
    entities unavailable, logged once when it starts and once when it ends
    (DataUpdateCoordinator does the logging).
    """

    config_entry: MyflixConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        *,
        backend: str,
        name: str,
        interval: timedelta,
        fetch: Callable[[], Awaitable[DataT]],
    ) -> None:
        """Poll ``fetch`` every ``interval`` for ``backend``."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{backend} {name}",
            update_interval=interval,
        )
        self.backend = backend
        self._fetch = fetch
        self._failed_parts: Mapping[str, str] = {}

    @property
    def fresh_data(self) -> DataT | None:
        """The last data while the backend answers; None while it fails (stale)."""
        return self.data if self.last_update_success else None

    async def _async_update_data(self) -> DataT:
        """Fetch once, translating client errors."""
        try:
            data = await self._fetch()
        except MyflixAuthenticationError as err:
            raise backend_error(ConfigEntryAuthFailed, err, self.backend) from err
        except MyflixError as err:
            raise backend_error(UpdateFailed, err, self.backend) from err
        self._log_parts(failed_parts(data))
        return data

    def _log_parts(self, failed: Mapping[str, str]) -> None:
        """Log an endpoint once when it starts failing and once when it is back."""
        for part in failed.keys() - self._failed_parts.keys():
            LOGGER.warning("%s: %s is unavailable: %s", self.name, part, failed[part])
        for part in self._failed_parts.keys() - failed.keys():
            LOGGER.info("%s: %s is back", self.name, part)
        self._failed_parts = failed
