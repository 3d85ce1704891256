"""The encrypted vault: *arr backups, qBittorrent and Myflix settings in one age file.

Home Assistant free: the glue hands in clients, clock, folder and keys; file
work is blocking and runs in an executor.
"""

from .files import FileOps, OsFileOps, apply_retention, is_vault_name, vault_files
from .keys import decrypt, encrypt_to, generate_identity, parse_recipients
from .models import (
    CorruptVaultError,
    InvalidIdentityError,
    InvalidRecipientError,
    Member,
    Missing,
    SourceError,
    VaultError,
    VaultFile,
    WrongIdentityError,
)
from .runner import open_vault, seal
from .sources import (
    Source,
    arr_backup_source,
    collect,
    error_kind,
    qbittorrent_source,
    settings_source,
    wait_for_command,
)

__all__ = [
    "CorruptVaultError",
    "FileOps",
    "InvalidIdentityError",
    "InvalidRecipientError",
    "Member",
    "Missing",
    "OsFileOps",
    "Source",
    "SourceError",
    "VaultError",
    "VaultFile",
    "WrongIdentityError",
    "apply_retention",
    "arr_backup_source",
    "collect",
    "decrypt",
    "encrypt_to",
    "error_kind",
    "generate_identity",
    "is_vault_name",
    "open_vault",
    "parse_recipients",
    "qbittorrent_source",
    "seal",
    "settings_source",
    "vault_files",
    "wait_for_command",
]
