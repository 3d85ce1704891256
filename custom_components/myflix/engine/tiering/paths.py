"""Path mappings: a folder as a backend's container names it, and as Home Assistant does.

qBittorrent may save to ``/downloads`` while Home Assistant mounts the same disk
at ``/media/downloads``. Without the mapping, a download's files would not be
recognised as busy, and Radarr/Sonarr folders would not be found (or would be
told a path they cannot see). The longest matching prefix wins, on whole path
components, in either direction.
"""

from __future__ import annotations

from dataclasses import dataclass
import os


class PathMappingError(ValueError):
    """A mapping line is not ``backend path = Home Assistant path``."""

    def __init__(self, line: str) -> None:
        """Name the line that is wrong."""
        super().__init__(line)
        self.line = line


def _under(path: str, prefix: str) -> bool:
    return prefix in ("/", path) or path.startswith(prefix + "/")


def _swap(path: str, old: str, new: str) -> str:
    rest = path[len(old) :].lstrip("/") if old != "/" else path.lstrip("/")
    return os.path.join(new, rest) if rest else new


@dataclass(frozen=True)
class PathMappings:
    """Pairs of (backend path, Home Assistant path), normalised."""

    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, text: str) -> PathMappings:
        """Read ``backend = local`` lines (blank lines ignored); raise on a bad one."""
        pairs = []
        for line in (text or "").splitlines():
            if not line.strip():
                continue
            backend, sep, local = line.partition("=")
            backend, local = backend.strip(), local.strip()
            if not sep or not os.path.isabs(backend) or not os.path.isabs(local):
                raise PathMappingError(line.strip())
            pairs.append((os.path.normpath(backend), os.path.normpath(local)))
        return cls(tuple(pairs))

    def _map(self, path: str, *, to_local: bool) -> str:
        path = os.path.normpath(path)
        best: tuple[str, str] | None = None
        for backend, local in self.pairs:
            old, new = (backend, local) if to_local else (local, backend)
            if _under(path, old) and (best is None or len(old) > len(best[0])):
                best = old, new
        return _swap(path, *best) if best else path

    def to_local(self, path: str) -> str:
        """Return where Home Assistant sees a backend's path."""
        return self._map(path, to_local=True)

    def to_backend(self, path: str) -> str:
        """Return how a backend names a path Home Assistant sees."""
        return self._map(path, to_local=False)

    def as_text(self) -> str:
        """Return the option text these were parsed from (normalised)."""
        return "\n".join(f"{backend} = {local}" for backend, local in self.pairs)
