"""The killswitch's I/O: qBittorrent as its download control, the clients as its signals.

No Home Assistant here: the glue and ``bench/killswitch.py`` share these
adapters. ``QbittorrentDownloadControl`` is the engine's ``DownloadControl``;
``SignalReader.read`` takes one look at the VPN path and never raises.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Coroutine, Mapping
import logging
import time
from typing import TYPE_CHECKING, Any

from custom_components.myflix.clients.gluetun import PublicIp, TunnelState, VpnStatus
from custom_components.myflix.engine.killswitch import IO_ERRORS, Signals, StopAll

if TYPE_CHECKING:
    from custom_components.myflix.clients.gluetun import GluetunClient
    from custom_components.myflix.clients.ipecho import IpEchoClient
    from custom_components.myflix.clients.qbittorrent import QbittorrentClient

_LOGGER = logging.getLogger(__name__)

HOME_IP_TTL = 300.0
HOME_IP_RETRY = 10.0
READ_TIMEOUT = 2.0  # a source slower than this is unknown for that check

type QbittorrentState = Callable[[], tuple[str | None, str | None]]
"""qBittorrent's (last external IPv4 address, bound interface); None = unknown."""


type GluetunSeen = Callable[[VpnStatus | None, PublicIp | None], None]
"""Told what each check read from gluetun (None = no answer), for the dashboard."""


type TorrentCounts = Callable[[], tuple[int, int] | None]
"""How many torrents run and how many are stopped, as last seen (None = not known)."""


class QbittorrentDownloadControl:
    """The killswitch's ``DownloadControl`` over a ``QbittorrentClient``.

    Running or not is read through the ``resumed``/``paused`` filters (5.x:
    ``running``/``stopped``), which follow the stop flag at once; the ``state``
    field only follows on qBittorrent's refresh timer (1.5 s by default), so a
    release right after a halt would think the held torrents still run and
    start none of them. Queued, stalled, checking and errored torrents that are
    not stopped run.
    """

    def __init__(
        self, client: QbittorrentClient, counts: TorrentCounts | None = None
    ) -> None:
        """Act through ``client``; ``counts`` tells which side is cheaper to list."""
        self._client = client
        self._counts = counts
        self._seen: tuple[int, int] | None = None  # (running, stopped) at a halt
        self._read: tuple[bool, int] | None = None  # its side and count, pending

    def _list_running_side(self) -> bool:
        """Whether listing the running torrents costs less than the stopped ones.

        qBittorrent 4.5 serialises every torrent a filter matches before it
        answers, a running one at about twice the cost of a stopped one
        (``bench/killswitch.py``: 43 ms for 200 running, 19 ms for 200
        stopped); unknown counts list the stopped side.
        """
        counts = (self._counts() if self._counts else None) or self._seen
        if counts is None:
            return False
        running, stopped = counts
        return 2 * running < stopped

    async def stop_all(self) -> StopAll:
        """Read one side of what runs now, then stop every torrent in one request.

        A fresh read, not a cached sync: a stale view could make a torrent the
        user just stopped look running, and the release would start it. The
        window between the read and the stop is one qBittorrent request: a
        torrent started in it is stopped but not held (it stays stopped); one
        stopped in it by someone else is held. Knowing the stopped side, the
        killswitch lists right after the stop; a torrent added already stopped
        in between is held too.
        """
        if self._list_running_side():
            running = await self._client.torrents(filter="resumed")
            await self._client.stop("all")
            self._read = (True, len(running))
            return StopAll(running=frozenset(t.hash for t in running))
        stopped = await self._client.torrents(filter="paused")
        await self._client.stop("all")
        self._read = (False, len(stopped))
        return StopAll(stopped=frozenset(t.hash for t in stopped))

    async def stop(self, hashes: Collection[str]) -> None:
        """Stop these torrents."""
        if hashes:
            await self._client.stop(list(hashes))

    async def start(self, hashes: Collection[str]) -> None:
        """Start these torrents."""
        if hashes:
            await self._client.start(list(hashes))

    async def torrents(self) -> Mapping[str, bool]:
        """Return every torrent's hash and whether it is running.

        One flipping between the two reads is listed running if seen so, and
        missing if seen in neither: a release then leaves it stopped.
        """
        running, stopped = await asyncio.gather(
            self._client.torrent_hashes(filter="resumed"),
            self._client.torrent_hashes(filter="paused"),
        )
        states = dict.fromkeys(stopped, False)
        states.update(dict.fromkeys(running, True))
        if self._read is not None:
            # The first listing after a halt gives the total the read lacked;
            # later ones see everything stopped and say nothing about users.
            running_side, count = self._read
            other = max(0, len(states) - count)
            self._seen = (count, other) if running_side else (other, count)
            self._read = None
        return states


def _no_qbittorrent_state() -> tuple[str | None, str | None]:
    return None, None


async def _answer[T](
    read: Awaitable[T], what: str, timeout: float | None = None
) -> T | None:
    """Await one read for at most ``timeout`` s; any failure is None (unknown).

    The bound keeps a hung source from stalling the watcher for a client's
    whole request timeout: the fail-closed timer must see the checks.
    """
    try:
        async with asyncio.timeout(timeout):
            return await read
    except IO_ERRORS as err:
        _LOGGER.debug("Killswitch could not read %s: %s", what, err)
    except Exception:
        _LOGGER.exception("Killswitch failed reading %s", what)
    return None


class SignalReader:
    """Reads the killswitch's signals: gluetun, the home IP, qBittorrent's view.

    gluetun's status and public IP are read on every call, concurrently. The
    home IP is asked on the first read, then cached for ``home_ip_ttl``
    seconds and refreshed in the background (an echo service may take
    seconds, the watcher may not); a failed refresh makes it unknown until the
    next try, at most every ``home_ip_retry`` seconds. ``clock`` must be the
    ``Killswitch``'s (wall clock): it also stamps ``observed_at``.
    """

    def __init__(
        self,
        *,
        gluetun: GluetunClient | None,
        ip_echo: IpEchoClient | None,
        qbittorrent_state: QbittorrentState = _no_qbittorrent_state,
        gluetun_seen: GluetunSeen | None = None,
        home_ip_ttl: float = HOME_IP_TTL,
        home_ip_retry: float = HOME_IP_RETRY,
        read_timeout: float = READ_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Read from these clients; a missing one leaves its signals unknown."""
        self._gluetun = gluetun
        self._ip_echo = ip_echo
        self._qbittorrent_state = qbittorrent_state
        self._gluetun_seen = gluetun_seen
        self._ttl = home_ip_ttl
        self._retry = min(home_ip_retry, home_ip_ttl)
        self._timeout = read_timeout
        self._clock = clock
        self._home_ip: str | None = None
        self._home_at: float | None = None  # last refresh attempt
        self._refresh: asyncio.Task[None] | None = None

    @property
    def home_ip(self) -> str | None:
        """The cached home IP (None until known or after a failed refresh)."""
        return self._home_ip

    async def read(self) -> Signals:
        """Take one look; a failed or missing source leaves its field None."""
        observed_at = self._clock()
        if (first := self._home(observed_at)) is not None:
            status, public, _ = await asyncio.gather(
                self._tunnel_status(), self._vpn_ip(), first
            )
        else:
            status, public = await asyncio.gather(self._tunnel_status(), self._vpn_ip())
        if self._gluetun_seen is not None and (status or public):
            try:
                self._gluetun_seen(status, public)
            except Exception:
                _LOGGER.exception("Killswitch failed passing on gluetun's answers")
        try:
            qbittorrent_ip, interface = self._qbittorrent_state()
        except Exception:
            _LOGGER.exception("Killswitch failed reading qBittorrent's state")
            qbittorrent_ip = interface = None
        return Signals(
            # An unknown word stays as it is: the verdict calls it "not running".
            tunnel_status=None
            if status is None
            else status.raw
            if status.state is TunnelState.UNKNOWN
            else status.state.value,
            # gluetun clears the address while the tunnel is down.
            vpn_ip=None if public is None else public.ip or "",
            qbittorrent_ip=qbittorrent_ip,
            qbittorrent_interface=interface,
            home_ip=self._home_ip,
            observed_at=observed_at,
        )

    async def refresh_home_ip(self) -> str | None:
        """Ask the echo services now, or join the refresh under way; return the home IP."""
        if self._ip_echo is None:
            return None
        if self._refresh is not None and not self._refresh.done():
            await asyncio.shield(self._refresh)
        else:
            self._home_at = self._clock()
            await self._fetch_home()
        return self._home_ip

    async def close(self) -> None:
        """Cancel a background refresh of the home IP."""
        if self._refresh is not None:
            self._refresh.cancel()
            await asyncio.gather(self._refresh, return_exceptions=True)
            self._refresh = None

    async def _tunnel_status(self) -> VpnStatus | None:
        if self._gluetun is None:
            return None
        return await _answer(
            self._gluetun.vpn_status(), "gluetun's VPN status", self._timeout
        )

    async def _vpn_ip(self) -> PublicIp | None:
        if self._gluetun is None:
            return None
        return await _answer(
            self._gluetun.public_ip(), "gluetun's public IP", self._timeout
        )

    def _home(self, now: float) -> Coroutine[Any, Any, None] | None:
        """Refresh the home IP when due: the first time awaited, later in the background.

        Returns the read to await with this check, if any; deciding needs no
        coroutine, so the checks in between cost nothing here.
        """
        if self._ip_echo is None or (self._refresh and not self._refresh.done()):
            return None
        last = self._home_at
        if last is not None:
            wait = self._ttl if self._home_ip is not None else self._retry
            if 0 <= now - last < wait:
                return None  # a wall clock that went back refreshes too
        self._home_at = now
        if last is None:
            return self._fetch_home()
        self._refresh = asyncio.create_task(
            self._fetch_home(), name="myflix killswitch home IP"
        )
        return None

    async def _fetch_home(self) -> None:
        assert self._ip_echo is not None
        self._home_ip = await _answer(self._ip_echo.public_ip(), "the home IP")
