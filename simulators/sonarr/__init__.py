"""A stateful Sonarr simulator: ``SonarrSimulator``."""

from .simulator import SonarrSimulator

__all__ = ["SonarrSimulator"]
