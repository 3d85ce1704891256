"""``app/*``: versions, build information and preferences."""

from __future__ import annotations

import json
from typing import Any

from .formats import expect_type
from .session import QbittorrentSession


class AppApi(QbittorrentSession):
    """What the application reports about itself, and its settings."""

    async def app_version(self) -> str:
        """Return the version without the leading ``v``, e.g. ``"4.5.2"``."""
        return (await self._get_text("app/version")).lstrip("vV")

    async def webapi_version(self) -> str:
        """WebAPI version as text, e.g. ``"2.8.19"``."""
        return await self._get_text("app/webapiVersion")

    async def build_info(self) -> dict[str, Any]:
        """Library versions (qt, libtorrent, boost, openssl, zlib, bitness)."""
        data = await self._get_json("app/buildInfo")
        return dict(expect_type(data, dict, "buildInfo"))

    async def default_save_path(self) -> str:
        """Return the default download folder."""
        return await self._get_text("app/defaultSavePath")

    async def preferences(self) -> dict[str, Any]:
        """All preferences (see ``Preferences.from_dict`` for a typed view)."""
        data = await self._get_json("app/preferences")
        return dict(expect_type(data, dict, "preferences"))

    async def set_preferences(self, **changes: Any) -> None:
        """Change only the given preferences (``dl_limit=1024000`` ...)."""
        await self._post("app/setPreferences", {"json": json.dumps(changes)})
