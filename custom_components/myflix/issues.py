"""Repair issues raised by watching the coordinators.

- ``backend_unreachable``: a backend has failed every poll for 15 minutes;
  removed as soon as any of its coordinators gets an answer again.
- ``qbittorrent_not_bound``: qBittorrent is not bound to a network interface,
  so its traffic may leave outside the VPN when the tunnel drops.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .backends import BACKENDS
from .const import BACKEND_NAMES, DOMAIN
from .diagnostics import without_userinfo
from .features.arr import RADARR, SONARR
from .features.qbittorrent import QBITTORRENT

if TYPE_CHECKING:
    from .coordinator import MyflixCoordinator
    from .entry import MyflixConfigEntry
    from .features.qbittorrent.coordinator import QbittorrentRuntime

UNREACHABLE_AFTER = timedelta(minutes=15)
BINDING_LEARN_MORE_URL = (
    "https://github.com/qbittorrent/qBittorrent/wiki/"
    "Explanation-of-Options-in-qBittorrent#advanced"
)
# The qBittorrent preference naming the interface it is bound to ("" = any).


class UnreachableMonitor:
    """Raise ``backend_unreachable`` after 15 minutes of failed polls.

    A coordinator notifies its listeners after every successful poll
    (``always_update``) but only after the first of several failed ones, so
    the 15 minutes run on a timer started at the first failure and cancelled
    by any answer.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MyflixConfigEntry,
        backend: str,
        coordinators: list[MyflixCoordinator[Any]],
    ) -> None:
        """Watch ``coordinators``, all of the same ``backend``."""
        self._hass = hass
        self._entry = entry
        self._backend = backend
        self._coordinators = coordinators
        self.issue_id = f"backend_unreachable_{entry.entry_id}_{backend}"
        self.failing_since: datetime | None = None
        self._cancel_timer: CALLBACK_TYPE | None = None

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Listen to the coordinators; return the function that stops everything."""
        unsubscribe = [
            coordinator.async_add_listener(partial(self._async_polled, coordinator))
            for coordinator in self._coordinators
        ]
        # Setup may have marked the backend down before anyone listened.
        if self._failure() is not None:
            self._async_failed()

        @callback
        def stop() -> None:
            for unsub in unsubscribe:
                unsub()
            self._async_cancel_timer()
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)

        return stop

    @callback
    def _async_polled(self, coordinator: MyflixCoordinator[Any]) -> None:
        """Judge the backend by its latest poll, whichever coordinator made it."""
        if coordinator.last_update_success:
            self._async_recovered()
        elif not isinstance(coordinator.last_exception, ConfigEntryAuthFailed):
            self._async_failed()

    @callback
    def _async_failed(self) -> None:
        if self.failing_since is None:
            self.failing_since = dt_util.utcnow()
            self._cancel_timer = async_call_later(
                self._hass,
                UNREACHABLE_AFTER,
                HassJob(self._async_expired, cancel_on_shutdown=True),
            )

    def _failure(self) -> BaseException | None:
        """Return a failing coordinator's error; refused credentials are reauth's job."""
        for coordinator in self._coordinators:
            err = coordinator.last_exception
            if not coordinator.last_update_success and not isinstance(
                err, ConfigEntryAuthFailed
            ):
                return err
        return None

    @callback
    def _async_recovered(self) -> None:
        if self.failing_since is not None:
            self.failing_since = None
            self._async_cancel_timer()
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)

    @callback
    def _async_cancel_timer(self) -> None:
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    @callback
    def _async_expired(self, _now: datetime) -> None:
        """Fifteen minutes without an answer: tell the user."""
        self._cancel_timer = None
        err = self._failure()
        if err is None:  # only credentials fail now: reauth covers it
            self.failing_since = None
            return
        url_field = next(b.url_field for b in BACKENDS if b.key == self._backend)
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            self.issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="backend_unreachable",
            translation_placeholders={
                "backend": BACKEND_NAMES[self._backend],
                "url": str(without_userinfo(self._entry.data.get(url_field, ""))),
                "error": _error_text(err),
            },
        )


def _error_text(err: BaseException) -> str:
    """Return the client's own message, without HA's translated prefix."""
    placeholders = getattr(err, "translation_placeholders", None) or {}
    return str(placeholders.get("error", err))


class BindingMonitor:
    """Raise ``qbittorrent_not_bound`` while qBittorrent may bypass the VPN."""

    def __init__(
        self, hass: HomeAssistant, entry: MyflixConfigEntry, qbt: QbittorrentRuntime
    ) -> None:
        """Check ``qbt`` at setup and after each refresh of its settings."""
        self._hass = hass
        self._entry = entry
        self._qbt = qbt
        self.issue_id = f"qbittorrent_not_bound_{entry.entry_id}"

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Check now (if reachable) and after every settings poll."""
        unsub = self._qbt.settings.async_add_listener(self._async_check)
        self._async_check()

        @callback
        def stop() -> None:
            unsub()
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)

        return stop

    @callback
    def _async_check(self) -> None:
        settings = self._qbt.settings
        if not settings.last_update_success or settings.data is None:
            return  # unreachable: nothing to conclude
        interface = settings.data.network_interface
        if interface is None:  # not reported: nothing to conclude
            return
        if interface:
            ir.async_delete_issue(self._hass, DOMAIN, self.issue_id)
            return
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            self.issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            learn_more_url=BINDING_LEARN_MORE_URL,
            translation_key="qbittorrent_not_bound",
            translation_placeholders={"url": without_userinfo(self._qbt.client.url)},
        )


@callback
def async_setup_issues(hass: HomeAssistant, entry: MyflixConfigEntry) -> None:
    """Start the repair monitors of an entry; they stop when it unloads."""
    runtime = entry.runtime_data
    for backend in (runtime.get(RADARR), runtime.get(SONARR), runtime.get(QBITTORRENT)):
        if backend is not None:
            monitor = UnreachableMonitor(
                hass, entry, backend.key, backend.coordinators()
            )
            entry.async_on_unload(monitor.async_start())
    if (qbittorrent := runtime.get(QBITTORRENT)) is not None:
        entry.async_on_unload(BindingMonitor(hass, entry, qbittorrent).async_start())
