"""What the Radarr and Sonarr clients share: both apps speak the Servarr v3 API."""

from .client import ArrClient
from .query import QueryValue, format_instant
from .transport import MAX_PAGES

__all__ = ["MAX_PAGES", "ArrClient", "QueryValue", "format_instant"]
