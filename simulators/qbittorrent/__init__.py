"""A stateful qBittorrent WebUI API v2 simulator (4.5.2, 5.0.0, 5.1.4, 5.3.0 behaviour).

Faithful to what Debian's qbittorrent-nox 4.5.2 answered on loopback (see
``shared/specs/qbittorrent-4.5.2-samples``) and to the 5.x renames: cookie
login with ``Ok.``/``Fails.`` and an IP ban, 403 without a session, 405 for a
wrong verb, the CSRF/Host checks (401), text/plain vs JSON, per-session
``sync/maindata`` deltas, and simulated time through ``tick()``. The 5.3.0
mode follows what Debian sid's qbittorrent-nox 5.3.0 answered (the 5.2 wire):
login ``204``/``401 Unauthorized`` with cookie ``QBT_SID_<port>``, ``Endpoint
does not exist``, JSON from ``torrents/add``, a failing tracker with status 5
named in ``tracker`` (``fail_tracker()``).

    sim = QbittorrentSimulator(version="5.3.0")
    sim.seed_demo()
    async with serve(sim.make_app()) as url: ...

Modules: ``simulator`` (the class and its HTTP dispatch), ``auth`` (Host/CSRF,
login, sessions, bans), ``routes/*`` (one API area each), ``state`` (what the
server knows, simulated time), ``torrent`` (one torrent and its states),
``render`` (state as the API's JSON), ``filters``, ``preferences``,
``controls``/``faults``/``demo`` (test and demo controls), ``torrent_file``
and ``bencode`` (.torrent files and magnet links).
"""

from .auth import BANNED_TEXT
from .bencode import bdecode, bencode
from .preferences import default_preferences, kib_round
from .routes.labels import valid_category
from .routes.sync import sync_delta
from .simulator import API_VERSIONS, QbittorrentSimulator
from .state import QbtState
from .torrent import SimTorrent
from .torrent_file import TorrentMeta, make_torrent, parse_magnet, parse_torrent

__all__ = [
    "API_VERSIONS",
    "BANNED_TEXT",
    "QbittorrentSimulator",
    "QbtState",
    "SimTorrent",
    "TorrentMeta",
    "bdecode",
    "bencode",
    "default_preferences",
    "kib_round",
    "make_torrent",
    "parse_magnet",
    "parse_torrent",
    "sync_delta",
    "valid_category",
]
