"""The healer's actions and reads over the clients (no Home Assistant here)."""

from __future__ import annotations

from custom_components.myflix.clients.arr.client import ArrClient
from custom_components.myflix.clients.qbittorrent import QbittorrentClient, Tracker
from custom_components.myflix.engine.healing import SearchRequest


class ArrQueueActions:
    """The healer's ``ArrActions`` over one Radarr or Sonarr client."""

    def __init__(self, client: ArrClient) -> None:
        """Act through ``client``."""
        self._client = client

    async def remove(self, queue_id: int, *, remove_from_client: bool) -> None:
        """Remove and blocklist; our own search follows, not the app's."""
        await self._client.delete_queue_item(
            queue_id,
            remove_from_client=remove_from_client,
            blocklist=True,
            skip_redownload=True,
        )

    async def search(self, request: SearchRequest) -> None:
        """Send the search command."""
        await self._client.command(request.name, **request.fields)


class QbittorrentDetails:
    """The healer's ``TorrentDetails`` over the qBittorrent client."""

    def __init__(self, client: QbittorrentClient) -> None:
        """Read through ``client``."""
        self._client = client

    async def trackers(self, torrent_hash: str) -> list[Tracker]:
        """Return the real trackers of a torrent."""
        return await self._client.trackers(torrent_hash)

    async def private(self, torrent_hash: str) -> bool | None:
        """Read ``is_private`` from the torrent's properties (qBittorrent 4.x)."""
        return (await self._client.properties(torrent_hash)).is_private

    async def stop(self, torrent_hash: str) -> None:
        """Stop the torrent (``pause`` on 4.x, ``stop`` on 5.x: the client knows)."""
        await self._client.stop([torrent_hash])
