"""The share gateway's decisions: tokens, links, the path guard, ranges and limits.

No Home Assistant here: the glue (``features/share``) injects
the store, the clock and the file I/O thread.
"""

from .limits import BandwidthLimiter, DownloadSlots, RequestLimiter, TokenBucket
from .links import ShareLink, ShareLinks, ShareStore
from .paths import OpenedFile, PathGuard, PathRefusal, PathRefusedError, check_text
from .ranges import ByteRange, RangeNotSatisfiableError, parse_range
from .tokens import LinkClaims, TokenError, TokenRefusal, issue_token, verify_token

__all__ = [
    "BandwidthLimiter",
    "ByteRange",
    "DownloadSlots",
    "LinkClaims",
    "OpenedFile",
    "PathGuard",
    "PathRefusal",
    "PathRefusedError",
    "RangeNotSatisfiableError",
    "RequestLimiter",
    "ShareLink",
    "ShareLinks",
    "ShareStore",
    "TokenBucket",
    "TokenError",
    "TokenRefusal",
    "check_text",
    "issue_token",
    "parse_range",
    "verify_token",
]
