"""The share gateway: signed download links served by Home Assistant."""
