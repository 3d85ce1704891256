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

# Secrets are redacted from diagnostics and never logged.
SECRET_KEYS: Final = frozenset(
    {CONF_RADARR_API_KEY, CONF_SONARR_API_KEY, CONF_QBITTORRENT_PASSWORD}
)

# Options: how often each coordinator polls, and how far the calendars look.
CONF_QBITTORRENT_INTERVAL: Final = "qbittorrent_interval"  # seconds
CONF_ARR_INTERVAL: Final = "arr_interval"  # seconds
CONF_LIBRARY_INTERVAL: Final = "library_interval"  # minutes
CONF_CALENDAR_DAYS: Final = "calendar_days"

DEFAULT_QBITTORRENT_INTERVAL: Final = 5
DEFAULT_ARR_INTERVAL: Final = 30
DEFAULT_LIBRARY_INTERVAL: Final = 360
DEFAULT_CALENDAR_DAYS: Final = 30

BACKEND_NAMES: Final = {
    "radarr": "Radarr",
    "sonarr": "Sonarr",
    "qbittorrent": "qBittorrent",
}
