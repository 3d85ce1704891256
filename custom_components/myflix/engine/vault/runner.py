"""Seal members into an encrypted vault file, and open one again (blocking: executor)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
import hashlib
from pathlib import Path
from typing import Any

from . import keys
from .bundle import build_manifest, build_tar, read_tar
from .files import FileOps, apply_retention, vault_name, write_atomic
from .models import CorruptVaultError, Member, Missing, VaultFile


def seal(
    folder: Path,
    members: Sequence[Member],
    missing: Sequence[Missing],
    *,
    recipients: Sequence[str],
    created: datetime,
    producer: dict[str, Any],
    keep: int,
    ops: FileOps | None = None,
) -> VaultFile:
    """Tar, encrypt to ``recipients``, write atomically, then apply retention."""
    manifest = build_manifest(members, missing, created=created, producer=producer)
    plaintext = build_tar(members, manifest)
    written = write_atomic(
        folder,
        vault_name(created, folder),
        lambda writer: keys.encrypt_to(plaintext, writer, recipients),
        ops,
    )
    deleted = apply_retention(folder, keep, created.timestamp())
    return VaultFile(
        path=str(written.path),
        size=written.size,
        sha256=written.sha256,
        manifest=manifest,
        deleted=tuple(deleted),
    )


def open_vault(path: Path, identity: str) -> dict[str, Any]:
    """Decrypt ``path`` with ``identity`` and list what it holds (no content)."""
    try:
        ciphertext = path.read_bytes()
    except OSError as err:
        raise CorruptVaultError(f"Cannot read {path.name}") from err
    manifest = read_tar(keys.decrypt(ciphertext, identity))
    return {
        "path": str(path),
        "size": len(ciphertext),
        "sha256": hashlib.sha256(ciphertext).hexdigest(),
        "created": manifest.get("created"),
        "producer": manifest.get("producer"),
        "members": [
            {
                k: line.get(k)
                for k in ("name", "source", "kind", "size", "version", "time", "intact")
            }
            for line in manifest.get("members", [])
        ],
        "missing": manifest.get("missing", []),
        "intact": all(line.get("intact") for line in manifest.get("members", [])),
    }
