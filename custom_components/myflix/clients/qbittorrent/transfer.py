"""``transfer/*``: global speeds and the global (or alternative) limits."""

from __future__ import annotations

from custom_components.myflix.clients.errors import MyflixResponseError

from .formats import expect_type, parse_int_text, shorten
from .models import TransferInfo
from .session import QbittorrentSession


class TransferApi(QbittorrentSession):
    """Global transfer state and speed limits."""

    async def transfer_info(self) -> TransferInfo:
        """Global speeds, totals, connection status and effective limits."""
        data = await self._get_json("transfer/info")
        return TransferInfo.from_dict(expect_type(data, dict, "transfer info"))

    async def speed_limits_mode(self) -> bool:
        """Return True while the alternative speed limits are on."""
        mode = (await self._get_text("transfer/speedLimitsMode")).strip()
        if mode not in ("0", "1"):  # an error page must not read as "off"
            raise MyflixResponseError(f"Expected 0 or 1, got {shorten(mode)!r}")
        return mode == "1"

    async def set_speed_limits_mode(self, enabled: bool) -> None:
        """Turn the alternative limits on/off (the API only toggles, so read first)."""
        if await self.speed_limits_mode() != enabled:
            await self._post("transfer/toggleSpeedLimitsMode")

    async def download_limit(self) -> int:
        """Global download limit in effect, bytes/s (0 = none)."""
        return parse_int_text(await self._get_text("transfer/downloadLimit"))

    async def upload_limit(self) -> int:
        """Global upload limit in effect, bytes/s (0 = none)."""
        return parse_int_text(await self._get_text("transfer/uploadLimit"))

    async def set_download_limit(self, bytes_per_s: int) -> None:
        """Set the global download limit, bytes/s (0 = none)."""
        await self._post("transfer/setDownloadLimit", {"limit": str(int(bytes_per_s))})

    async def set_upload_limit(self, bytes_per_s: int) -> None:
        """Set the global upload limit, bytes/s (0 = none)."""
        await self._post("transfer/setUploadLimit", {"limit": str(int(bytes_per_s))})
