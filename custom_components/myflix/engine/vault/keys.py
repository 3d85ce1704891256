"""age keys: recipients (public, ``age1…``) and identities (secret, never kept)."""

from __future__ import annotations

from collections.abc import Iterable
import re
from typing import Any, BinaryIO, cast

import pyrage

from .models import (
    CorruptVaultError,
    InvalidIdentityError,
    InvalidRecipientError,
    WrongIdentityError,
)

# age's own recipients-file syntax: one key a line, ``#`` comments, blank lines.
_SPLIT = re.compile(r"[\n,]")


def parse_recipients(text: str | Iterable[str]) -> list[str]:
    """Return the recipients of ``text`` (lines or a list); raise on a bad one."""
    lines = _SPLIT.split(text) if isinstance(text, str) else list(text)
    recipients: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("age1"):
            raise InvalidRecipientError(line)
        try:
            pyrage.x25519.Recipient.from_str(line)
        except pyrage.RecipientError as err:
            raise InvalidRecipientError(line) from err
        if line not in recipients:
            recipients.append(line)
    return recipients


def encrypt_to(
    plaintext: BinaryIO, writer: BinaryIO, recipients: Iterable[str]
) -> None:
    """Encrypt ``plaintext`` to every recipient, streamed into ``writer`` (binary age)."""
    keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    pyrage.encrypt_io(plaintext, writer, keys)


def _identity(secret: str) -> Any:
    text = secret.strip()
    if not text.upper().startswith("AGE-SECRET-KEY-1"):
        raise InvalidIdentityError("Not an age secret key")
    try:
        return pyrage.x25519.Identity.from_str(text)
    except pyrage.IdentityError as err:
        # The library's message may quote the key: keep only the kind.
        raise InvalidIdentityError("Not an age secret key") from err


def decrypt(ciphertext: bytes, secret: str) -> bytes:
    """Decrypt with the identity ``secret``; say whether the key or the file is wrong."""
    identity = _identity(secret)
    try:
        return cast(bytes, pyrage.decrypt(ciphertext, [identity]))
    except pyrage.DecryptError as err:
        if "no matching keys" in str(err).lower():
            raise WrongIdentityError("The vault was not encrypted to this key") from err
        raise CorruptVaultError("Not an age file, or damaged") from err
