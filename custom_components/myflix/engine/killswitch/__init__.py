"""The verified VPN killswitch: signals in, one halt call out, exact resume."""

from .machine import IO_ERRORS, Killswitch, Listener
from .models import (
    DownloadControl,
    KillswitchConfig,
    KillswitchEvent,
    KillswitchEventType,
    KillswitchSnapshot,
    KillswitchState,
    KillswitchStore,
    ReleaseRefusedError,
    StopAll,
)
from .signals import Assessment, Reason, Signals, Verdict, assess

__all__ = [
    "IO_ERRORS",
    "Assessment",
    "DownloadControl",
    "Killswitch",
    "KillswitchConfig",
    "KillswitchEvent",
    "KillswitchEventType",
    "KillswitchSnapshot",
    "KillswitchState",
    "KillswitchStore",
    "Listener",
    "Reason",
    "ReleaseRefusedError",
    "Signals",
    "StopAll",
    "Verdict",
    "assess",
]
