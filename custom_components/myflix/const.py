"""Constants for the Myflix integration."""

from __future__ import annotations

import logging
from typing import Final

DOMAIN: Final = "myflix"
LOGGER = logging.getLogger(__package__)

CONF_RADARR_URL: Final = "radarr_url"
CONF_RADARR_API_KEY: Final = "radarr_api_key"
CONF_SONARR_URL: Final = "sonarr_url"
CONF_SONARR_API_KEY: Final = "sonarr_api_key"
CONF_QBITTORRENT_URL: Final = "qbittorrent_url"
CONF_QBITTORRENT_USERNAME: Final = "qbittorrent_username"
CONF_QBITTORRENT_PASSWORD: Final = "qbittorrent_password"
CONF_GLUETUN_URL: Final = "gluetun_url"
CONF_GLUETUN_API_KEY: Final = "gluetun_api_key"
# Comma or newline separated; asked outside the tunnel for the home IP.
CONF_IP_ECHO_URLS: Final = "ip_echo_urls"
DEFAULT_IP_ECHO_URLS: Final = (
    "https://api.ipify.org",
    "https://ifconfig.me/ip",
    "https://icanhazip.com",
)

# Secrets are redacted from diagnostics and never logged.
SECRET_KEYS: Final = frozenset(
    {
        CONF_RADARR_API_KEY,
        CONF_SONARR_API_KEY,
        CONF_QBITTORRENT_PASSWORD,
        CONF_GLUETUN_API_KEY,
    }
)

# Options: how often each coordinator polls, and how far the calendars look.
CONF_QBITTORRENT_INTERVAL: Final = "qbittorrent_interval"  # seconds
CONF_ARR_INTERVAL: Final = "arr_interval"  # seconds
CONF_LIBRARY_INTERVAL: Final = "library_interval"  # minutes
CONF_CALENDAR_DAYS: Final = "calendar_days"

# Killswitch options (the engine's KillswitchConfig).
CONF_KILLSWITCH_INTERVAL: Final = "killswitch_interval"  # milliseconds
CONF_FAIL_CLOSED_AFTER: Final = "fail_closed_after"  # seconds
CONF_RELEASE_AFTER: Final = "release_after"  # clean checks
CONF_UNBOUND_IS_LEAK: Final = "unbound_is_leak"

DEFAULT_QBITTORRENT_INTERVAL: Final = 5
DEFAULT_ARR_INTERVAL: Final = 30
DEFAULT_LIBRARY_INTERVAL: Final = 360
DEFAULT_CALENDAR_DAYS: Final = 30
DEFAULT_KILLSWITCH_INTERVAL: Final = 200
DEFAULT_FAIL_CLOSED_AFTER: Final = 15
DEFAULT_RELEASE_AFTER: Final = 3

BACKEND_NAMES: Final = {
    "radarr": "Radarr",
    "sonarr": "Sonarr",
    "qbittorrent": "qBittorrent",
    "gluetun": "gluetun",
}

# Storage tiering (hot → archive). Paths are as Home Assistant sees them, which
# must be as Radarr/Sonarr/qBittorrent see them (mount one /data everywhere).
CONF_TIERING_HOT_ROOTS: Final = "tiering_hot_roots"  # comma or newline separated
CONF_TIERING_ARCHIVE_ROOT: Final = "tiering_archive_root"
CONF_TIERING_MODE: Final = "tiering_mode"  # union | relocate
CONF_TIERING_HIGH_WATERMARK: Final = "tiering_high_watermark"  # percent
CONF_TIERING_LOW_WATERMARK: Final = "tiering_low_watermark"  # percent
CONF_TIERING_MIN_AGE: Final = "tiering_min_age"  # days
CONF_TIERING_MIN_SIZE: Final = "tiering_min_size"  # MB
CONF_TIERING_EXCLUDES: Final = "tiering_excludes"  # comma or newline separated
CONF_TIERING_MOVE_SEEDING: Final = "tiering_move_seeding"
CONF_TIERING_INTERVAL: Final = "tiering_interval"  # hours; 0 = only on request

DEFAULT_TIERING_HIGH_WATERMARK: Final = 80
DEFAULT_TIERING_LOW_WATERMARK: Final = 60
DEFAULT_TIERING_MIN_AGE: Final = 14
DEFAULT_TIERING_MIN_SIZE: Final = 0
DEFAULT_TIERING_INTERVAL: Final = 6
