"""``app/*``: versions, build information and preferences."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from simulators.qbittorrent.api import (
    Call,
    Reply,
    RouteGroup,
    Routes,
    bad_request,
    require,
)

if TYPE_CHECKING:
    from simulators.qbittorrent.state import QbtState

_BUILD_4 = {"bitness": 64, "boost": "1.74.0", "libtorrent": "2.0.8.0"} | {
    "openssl": "3.0.19",
    "qt": "5.15.8",
    "zlib": "1.2.13",
}
_BUILD_5 = {"bitness": 64, "boost": "1.86.0", "libtorrent": "2.0.10.0"} | {
    "openssl": "3.4.0",
    "platform": "linux",
    "qt": "6.7.3",
    "zlib": "1.3.1",
}

# What Debian sid's qbittorrent-nox 5.3.0 answers.
_BUILD_53 = {"bitness": 64, "boost": "1.92.0", "libtorrent": "2.0.14.0"} | {
    "openssl": "3.6.5",
    "platform": "linux",
    "qt": "6.11.2",
    "zlib": "1.3.2",
}


class AppRoutes(RouteGroup):
    """What the application reports about itself, and its settings."""

    def __init__(self, state: QbtState, *, version: str, api_version: str) -> None:
        """Serve ``state`` as qBittorrent ``version`` (WebAPI ``api_version``)."""
        super().__init__(state)
        self.version = version
        self.api_version = api_version

    def routes(self) -> Routes:
        """Return the ``app/*`` handlers."""
        return Routes(
            get={
                "app/version": self._app_version,
                "app/webapiVersion": self._webapi_version,
                "app/buildInfo": self._build_info,
                "app/preferences": self._preferences,
                "app/defaultSavePath": self._default_save_path,
            },
            post={
                "app/setPreferences": self._set_preferences,
                "app/shutdown": self._noop,
            },
        )

    async def _noop(self, _call: Call) -> Reply:
        return None

    async def _app_version(self, _call: Call) -> Reply:
        return f"v{self.version}"

    async def _webapi_version(self, _call: Call) -> Reply:
        return self.api_version

    async def _build_info(self, _call: Call) -> Reply:
        if self.state.v52:
            return dict(_BUILD_53)
        return dict(_BUILD_5 if self.state.v5 else _BUILD_4)

    async def _preferences(self, _call: Call) -> Reply:
        return dict(self.state.preferences)

    async def _default_save_path(self, _call: Call) -> Reply:
        return str(self.state.preferences["save_path"])

    async def _set_preferences(self, call: Call) -> Reply:
        (raw,) = require(call.params, "json")
        try:
            changes = json.loads(raw)
        except ValueError as err:
            raise bad_request() from err
        if not isinstance(changes, dict):
            raise bad_request()
        self.state.set_preferences(changes)
        return None
