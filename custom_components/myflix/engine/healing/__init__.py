"""Self-healing downloads: persisted strikes, protections, replacement via the *arr."""

from .healer import IO_ERRORS, ArrActions, Healer, PassListener, TorrentDetails
from .models import (
    Action,
    Decision,
    Details,
    Gate,
    HealingConfig,
    PassResult,
    PrivateHandling,
    Protection,
    Reason,
    SearchRequest,
    Snapshot,
)
from .planner import decide, saturated, suspects
from .strikes import HealingStore, Replaced, Strike, StrikeBook

__all__ = [
    "IO_ERRORS",
    "Action",
    "ArrActions",
    "Decision",
    "Details",
    "Gate",
    "Healer",
    "HealingConfig",
    "HealingStore",
    "PassListener",
    "PassResult",
    "PrivateHandling",
    "Protection",
    "Reason",
    "Replaced",
    "SearchRequest",
    "Snapshot",
    "Strike",
    "StrikeBook",
    "TorrentDetails",
    "decide",
    "saturated",
    "suspects",
]
