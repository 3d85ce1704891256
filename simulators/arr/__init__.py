"""Shared machinery of the Radarr and Sonarr simulators (API v3, stateful).

``ArrSimulator`` stacks one layer per job: HTTP plumbing, system endpoints,
commands, backups, the release log, the download queue and the library.
"""

from .grab import Grab
from .plumbing import Exchange, Fault
from .simulator import ArrSimulator

__all__ = ["ArrSimulator", "Exchange", "Fault", "Grab"]
