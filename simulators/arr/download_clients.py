"""``GET downloadclient``: the qBittorrent client the app files its grabs with."""

from __future__ import annotations

from typing import Any, ClassVar

from aiohttp import web

from .core import ArrCore
from .wire import V3, static


def _field(order: int, name: str, label: str, value: Any, kind: str) -> dict[str, Any]:
    """One provider setting, as the apps list them."""
    field: dict[str, Any] = {
        "order": order,
        "name": name,
        "label": label,
        "value": value,
        "type": kind,
        "advanced": False,
        "privacy": "normal",
        "isFloat": False,
    }
    if name == "password":
        field["privacy"] = "password"
    return field


class DownloadClients(ArrCore):
    """The app's download clients: one qBittorrent, filing under ``CATEGORY``."""

    #: the settings' prefix: ``movie`` (Radarr) or ``tv`` (Sonarr)
    CATEGORY_PREFIX: ClassVar[str] = ""

    def _init_state(self) -> None:
        super()._init_state()
        prefix = self.CATEGORY_PREFIX
        self.download_clients: list[dict[str, Any]] = [
            {
                "id": 1,
                "name": "qBittorrent",
                "enable": True,
                "protocol": "torrent",
                "priority": 1,
                "removeCompletedDownloads": True,
                "removeFailedDownloads": True,
                "implementation": "QBittorrent",
                "implementationName": "qBittorrent",
                "configContract": "QBittorrentSettings",
                "infoLink": "https://wiki.servarr.com/radarr/supported#qbittorrent",
                "tags": [],
                "fields": [
                    _field(0, "host", "Host", "gluetun", "textbox"),
                    _field(1, "port", "Port", 8080, "textbox"),
                    _field(2, "useSsl", "Use SSL", False, "checkbox"),
                    _field(3, "urlBase", "URL Base", "", "textbox"),
                    _field(4, "username", "Username", "admin", "textbox"),
                    # The apps mask secrets in every answer.
                    _field(5, "password", "Password", "********", "password"),
                    _field(
                        6, f"{prefix}Category", "Category", self.CATEGORY, "textbox"
                    ),
                    _field(
                        7,
                        f"{prefix}ImportedCategory",
                        "Post-Import Category",
                        "",
                        "textbox",
                    ),
                ],
            }
        ]

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_get(f"{V3}/downloadclient", static(lambda: self.download_clients))
