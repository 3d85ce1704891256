"""qBittorrent: sync and settings coordinators, its writable entities and actions."""
