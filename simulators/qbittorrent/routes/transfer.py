"""``transfer/*``: global speeds and the global (or alternative) limits."""

from __future__ import annotations

from simulators.qbittorrent.api import Call, Reply, RouteGroup, Routes, int_param
from simulators.qbittorrent.render import transfer_info


class TransferRoutes(RouteGroup):
    """Global transfer state and speed limits."""

    def routes(self) -> Routes:
        """Return the ``transfer/*`` handlers."""
        return Routes(
            get={
                "transfer/info": self._info,
                "transfer/speedLimitsMode": self._speed_limits_mode,
                "transfer/downloadLimit": self._download_limit,
                "transfer/uploadLimit": self._upload_limit,
            },
            post={
                "transfer/toggleSpeedLimitsMode": self._toggle_speed_limits,
                "transfer/setDownloadLimit": self._set_download_limit,
                "transfer/setUploadLimit": self._set_upload_limit,
            },
        )

    async def _info(self, _call: Call) -> Reply:
        return transfer_info(self.state)

    async def _speed_limits_mode(self, _call: Call) -> Reply:
        return "1" if self.state.alt_speed else "0"

    async def _toggle_speed_limits(self, _call: Call) -> Reply:
        self.state.alt_speed = not self.state.alt_speed
        return None

    async def _download_limit(self, _call: Call) -> Reply:
        return str(self.state.limit("dl"))

    async def _upload_limit(self, _call: Call) -> Reply:
        return str(self.state.limit("up"))

    async def _set_download_limit(self, call: Call) -> Reply:
        self.state.set_limit("dl", int_param(call.params, "limit"))
        return None

    async def _set_upload_limit(self, call: Call) -> Reply:
        self.state.set_limit("up", int_param(call.params, "limit"))
        return None
