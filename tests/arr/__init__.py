"""Tests of the Radarr/Sonarr clients, simulators and their qBittorrent link."""
