"""Radarr and Sonarr: coordinators, the read actions and adding titles."""
