"""One tar holding a manifest and the members; and reading one back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
import hashlib
import io
import json
import tarfile
from typing import Any

from .models import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    CorruptVaultError,
    Member,
    Missing,
)


def build_manifest(
    members: Sequence[Member],
    missing: Sequence[Missing],
    *,
    created: datetime,
    producer: dict[str, Any],
) -> dict[str, Any]:
    """Describe the vault: format, when, who made it, members and what is missing."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": created.isoformat(),
        "producer": producer,
        "members": [member.describe() for member in members],
        "missing": [item.as_dict() for item in missing],
    }


def _add(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def build_tar(members: Sequence[Member], manifest: dict[str, Any]) -> io.BytesIO:
    """Pack the manifest first, then every member, into an uncompressed tar."""
    created = datetime.fromisoformat(manifest["created"]).timestamp()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        text = json.dumps(manifest, indent=2, sort_keys=True).encode()
        _add(archive, MANIFEST_NAME, text, created)
        for member in members:
            mtime = member.time.timestamp() if member.time else created
            _add(archive, member.name, member.data, mtime)
    buffer.seek(0)
    return buffer


def read_tar(data: bytes) -> dict[str, Any]:
    """Return the manifest, each member checked against its recorded SHA-256."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            contents: dict[str, bytes] = {}
            for info in archive.getmembers():
                if info.isfile() and (handle := archive.extractfile(info)):
                    contents[info.name] = handle.read()
    except tarfile.TarError as err:
        raise CorruptVaultError("The decrypted vault is not a tar") from err
    try:
        manifest: dict[str, Any] = json.loads(contents.pop(MANIFEST_NAME))
    except (KeyError, ValueError) as err:
        raise CorruptVaultError("The vault has no readable manifest") from err
    if manifest.get("format") != FORMAT:
        raise CorruptVaultError("The tar is not a Myflix vault")
    for line in manifest.get("members", []):
        content = contents.get(line.get("name"))
        line["intact"] = content is not None and hashlib.sha256(
            content
        ).hexdigest() == line.get("sha256")
    return manifest
