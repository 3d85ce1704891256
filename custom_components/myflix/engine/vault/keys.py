"""age keys: recipients (public, ``age1…``) and identities (secret, never kept)."""

from __future__ import annotations

from collections.abc import Iterable
import re
from typing import BinaryIO

from . import age
from .age_recipients import X25519Identity, X25519Recipient
from .models import InvalidIdentityError

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
        X25519Recipient.parse(line)  # InvalidRecipientError naming the line
        if line not in recipients:
            recipients.append(line)
    return recipients


def encrypt_to(
    plaintext: BinaryIO, writer: BinaryIO, recipients: Iterable[str]
) -> None:
    """Encrypt ``plaintext`` to every recipient, streamed into ``writer`` (binary age)."""
    keys = [X25519Recipient.parse(r) for r in recipients]
    age.encrypt(plaintext, writer, keys)


def generate_identity() -> tuple[str, str]:
    """Make a key pair, as text: the secret ``AGE-SECRET-KEY-1…`` and its ``age1…``."""
    identity = X25519Identity.generate()
    return str(identity), str(identity.recipient())


def _identity(secret: str) -> X25519Identity:
    text = secret.strip()
    if not text.upper().startswith("AGE-SECRET-KEY-1"):
        raise InvalidIdentityError("Not an age secret key")
    return X25519Identity.parse(text)  # its errors never quote the key


def decrypt(ciphertext: bytes, secret: str) -> bytes:
    """Decrypt with the identity ``secret``; say whether the key or the file is wrong.

    WrongIdentityError: no stanza opens with this key; CorruptVaultError: not
    an age file, or damaged (header MAC, a payload chunk, cut short).
    """
    return age.decrypt_bytes(ciphertext, [_identity(secret)])
