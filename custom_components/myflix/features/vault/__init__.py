"""The encrypted vault: *arr backups, qBittorrent and Myflix settings in age files."""
