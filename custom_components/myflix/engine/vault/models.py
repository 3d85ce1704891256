"""What a vault holds: members from each source, what is missing, and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
import hashlib
from typing import Any

#: Vault files are named ``myflix-vault-<UTC time>.tar.age``; nothing else is ours.
FILE_PREFIX = "myflix-vault-"
FILE_SUFFIX = ".tar.age"
MANIFEST_NAME = "manifest.json"
FORMAT = "myflix-vault"
FORMAT_VERSION = 1


class VaultError(Exception):
    """Base of the vault's own errors (keys, files, sources)."""


class InvalidRecipientError(VaultError):
    """A recipient line is not an age public key (``age1…``)."""

    def __init__(self, line: str) -> None:
        """Keep the offending line for the message, unless it is a secret key."""
        if line.upper().startswith("AGE-SECRET-KEY-"):
            # Someone pasted the wrong half of the pair: never echo it back.
            line = "AGE-SECRET-KEY-1… (a secret key: use its public age1… key)"
        elif len(line) > 80:
            line = line[:77] + "…"
        super().__init__(f"Not an age public key: {line}")
        self.line = line


class InvalidIdentityError(VaultError):
    """The identity is not an age secret key (``AGE-SECRET-KEY-1…``)."""


class WrongIdentityError(VaultError):
    """The identity is valid but the vault was not encrypted to it."""


class CorruptVaultError(VaultError):
    """The file does not decrypt or unpack as a vault."""


class SourceError(VaultError):
    """A source answered, but not with something we can keep (e.g. a failed backup)."""


@dataclass(frozen=True, kw_only=True)
class Member:
    """One file inside the vault tar, with where it came from."""

    name: str
    source: str
    kind: str
    data: bytes = field(repr=False)
    version: str | None = None
    time: datetime | None = None

    def describe(self) -> dict[str, Any]:
        """Return the manifest line: everything but the content."""
        return {
            "name": self.name,
            "source": self.source,
            "kind": self.kind,
            "size": len(self.data),
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "version": self.version,
            "time": self.time.isoformat() if self.time else None,
        }


@dataclass(frozen=True, kw_only=True)
class Missing:
    """A source that gave nothing, and why (an error kind, never its text)."""

    source: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        """JSON-able form."""
        return {"source": self.source, "reason": self.reason}


@dataclass(frozen=True, kw_only=True)
class VaultFile:
    """A vault written to disk: where, how big, its hash and its manifest."""

    path: str
    size: int
    sha256: str
    manifest: dict[str, Any]
    deleted: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the action response: no content, no secret, only the summary."""
        return {
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "created": self.manifest.get("created"),
            "members": [
                {k: m[k] for k in ("name", "source", "kind", "size", "version")}
                for m in self.manifest.get("members", [])
            ],
            "missing": list(self.manifest.get("missing", [])),
            "deleted": list(self.deleted),
        }
