"""Container updates through Watchtower."""
