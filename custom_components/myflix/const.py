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
# Watchtower's HTTP API (optional): container updates on request.
CONF_WATCHTOWER_URL: Final = "watchtower_url"
CONF_WATCHTOWER_TOKEN: Final = "watchtower_token"
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
        CONF_WATCHTOWER_TOKEN,
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
# VPN rotation: the latency share of a server's score, the load gets the rest.
CONF_LATENCY_WEIGHT: Final = "rotation_latency_weight"  # percent

DEFAULT_QBITTORRENT_INTERVAL: Final = 5
DEFAULT_ARR_INTERVAL: Final = 30
DEFAULT_LIBRARY_INTERVAL: Final = 360
DEFAULT_CALENDAR_DAYS: Final = 30
DEFAULT_KILLSWITCH_INTERVAL: Final = 200
DEFAULT_FAIL_CLOSED_AFTER: Final = 15
DEFAULT_RELEASE_AFTER: Final = 3
DEFAULT_LATENCY_WEIGHT: Final = 50

# Self-healing options (the engine's HealingConfig).
CONF_HEALING_INTERVAL: Final = "healing_interval"  # minutes
CONF_HEALING_MAX_STRIKES: Final = "healing_max_strikes"
CONF_HEALING_MIN_SPEED: Final = "healing_min_speed"  # kB/s
CONF_HEALING_MIN_AGE: Final = "healing_min_age"  # minutes
CONF_HEALING_PROTECTED_TAG: Final = "healing_protected_tag"
CONF_HEALING_PRIVATE: Final = "healing_private"  # skip | release
CONF_HEALING_STOP_INSTEAD: Final = "healing_stop_instead_of_delete"
DEFAULT_HEALING_INTERVAL: Final = 10
DEFAULT_HEALING_MAX_STRIKES: Final = 3
DEFAULT_HEALING_MIN_SPEED: Final = 100
DEFAULT_HEALING_MIN_AGE: Final = 60
DEFAULT_HEALING_PROTECTED_TAG: Final = "myflix-keep"

BACKEND_NAMES: Final = {
    "radarr": "Radarr",
    "sonarr": "Sonarr",
    "qbittorrent": "qBittorrent",
    "gluetun": "gluetun",
    "watchtower": "Watchtower",
}

# Share gateway (signed, expiring download links served by HA).
CONF_SHARE_ROOTS: Final = "share_roots"  # newline separated directories
CONF_SHARE_REQUESTS_PER_SECOND: Final = "share_requests_per_second"
CONF_SHARE_DOWNLOADS_PER_IP: Final = "share_downloads_per_ip"
CONF_SHARE_BANDWIDTH: Final = "share_bandwidth"  # MiB/s per IP, 0 = no cap
DEFAULT_SHARE_REQUESTS_PER_SECOND: Final = 10
DEFAULT_SHARE_DOWNLOADS_PER_IP: Final = 2
DEFAULT_SHARE_BANDWIDTH: Final = 10
# The encrypted vault: age recipients (one per line), folder, files kept.
CONF_VAULT_RECIPIENTS: Final = "vault_recipients"
CONF_VAULT_FOLDER: Final = "vault_folder"
CONF_VAULT_KEEP: Final = "vault_keep"
DEFAULT_VAULT_KEEP: Final = 7
VAULT_FOLDER_NAME: Final = "myflix-vault"
# The tiering archive root; the vault's folder defaults below it.
CONF_ARCHIVE_PATH: Final = "archive_path"
# Conversation: Myflix's LLM APIs on HA < 2026.8 (later, its tools join Assist).
LLM_API_MYFLIX: Final = "myflix"
LLM_API_MYFLIX_ASSIST: Final = "myflix_assist"
# Entries of Myflix's former Gemini agent (HA's Google Gemini agent replaced it).
CONF_ENTRY_KIND: Final = "kind"
ENTRY_KIND_GEMINI: Final = "gemini"

# Storage tiering (hot → archive). Paths are as Home Assistant sees them, which
# must be as Radarr/Sonarr/qBittorrent see them (mount one /data everywhere).
CONF_TIERING_HOT_ROOTS: Final = "tiering_hot_roots"  # comma or newline separated
CONF_TIERING_ARCHIVE_ROOT: Final = CONF_ARCHIVE_PATH  # shared with the vault
CONF_TIERING_MODE: Final = "tiering_mode"  # union | relocate
CONF_TIERING_HIGH_WATERMARK: Final = "tiering_high_watermark"  # percent
CONF_TIERING_LOW_WATERMARK: Final = "tiering_low_watermark"  # percent
CONF_TIERING_MIN_AGE: Final = "tiering_min_age"  # days
CONF_TIERING_MIN_SIZE: Final = "tiering_min_size"  # MB
CONF_TIERING_EXCLUDES: Final = "tiering_excludes"  # comma or newline separated
CONF_TIERING_MOVE_SEEDING: Final = "tiering_move_seeding"
# "backend path = Home Assistant path" lines (qBittorrent/Radarr/Sonarr containers)
CONF_TIERING_PATH_MAPPINGS: Final = "tiering_path_mappings"
CONF_TIERING_INTERVAL: Final = "tiering_interval"  # hours; 0 = only on request

DEFAULT_TIERING_HIGH_WATERMARK: Final = 80
DEFAULT_TIERING_LOW_WATERMARK: Final = 60
DEFAULT_TIERING_MIN_AGE: Final = 14
DEFAULT_TIERING_MIN_SIZE: Final = 0
DEFAULT_TIERING_INTERVAL: Final = 6
