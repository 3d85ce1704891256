"""A stateful Radarr simulator: ``RadarrSimulator``."""

from .simulator import RadarrSimulator

__all__ = ["RadarrSimulator"]
