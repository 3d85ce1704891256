"""age's native recipients: X25519 keys (``age1…`` / ``AGE-SECRET-KEY-1…``) and scrypt.

Each recipient wraps the 16-byte file key in a stanza with ChaCha20-Poly1305
under a zero nonce (every wrap key is fresh); each identity finds and unwraps
its stanza. A stanza of ours that is malformed is a corrupt file; one that is
well formed but does not open with this key is simply not ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
import os
import re
from typing import Self

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from . import bech32
from .age import FILE_KEY_SIZE, Stanza, b64decode, b64encode, hkdf
from .models import CorruptVaultError, InvalidIdentityError, InvalidRecipientError

RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"
X25519_LABEL = b"age-encryption.org/v1/X25519"
SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
SCRYPT_SALT_SIZE = 16
#: age's own choices: 2**18 to encrypt, at most 2**22 (4 GiB of memory) to decrypt.
SCRYPT_LOG_N, SCRYPT_MAX_LOG_N = 18, 22
_ZERO_NONCE = bytes(12)
_WRAPPED_SIZE = FILE_KEY_SIZE + 16
_LOG_N = re.compile(r"[1-9][0-9]?")


def _seal(key: bytes, file_key: bytes) -> bytes:
    return ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)


def _open(key: bytes, body: bytes) -> bytes | None:
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None  # not for this key


def _bad(kind: str) -> CorruptVaultError:
    return CorruptVaultError(f"Malformed age header: bad {kind} stanza")


@dataclass(frozen=True)
class X25519Recipient:
    """A public key, ``age1…``."""

    public: bytes

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``age1…``; InvalidRecipientError (naming the text) if it is not one."""
        try:
            hrp, data = bech32.decode(text)
        except ValueError:
            raise InvalidRecipientError(text) from None
        if hrp != RECIPIENT_HRP or not text.startswith("age1") or len(data) != 32:
            raise InvalidRecipientError(text)
        return cls(data)

    def __str__(self) -> str:
        """Return the ``age1…`` text."""
        return bech32.encode(RECIPIENT_HRP, self.public)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """``-> X25519 <ephemeral share>``, wrapped with the ECDH secret."""
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        try:
            shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(self.public))
        except ValueError:  # a low-order point: no secret with it
            raise InvalidRecipientError(str(self)) from None
        key = hkdf(shared, share + self.public, X25519_LABEL)
        return [Stanza("X25519", (b64encode(share).decode(),), _seal(key, file_key))]


@dataclass(frozen=True)
class X25519Identity:
    """A secret key, ``AGE-SECRET-KEY-1…``. Never shown in a repr or an error."""

    secret: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> Self:
        """Make a new random identity."""
        return cls(X25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``AGE-SECRET-KEY-1…`` (either case, as Bech32 allows)."""
        try:
            hrp, data = bech32.decode(text)
        except ValueError:
            raise InvalidIdentityError("Not an age secret key") from None
        if hrp != IDENTITY_HRP or len(data) != 32:
            raise InvalidIdentityError("Not an age secret key")
        return cls(data)

    def __str__(self) -> str:
        """Return the ``AGE-SECRET-KEY-1…`` text, upper case as age writes it."""
        return bech32.encode(IDENTITY_HRP, self.secret).upper()

    def recipient(self) -> X25519Recipient:
        """Return the matching public key."""
        private = X25519PrivateKey.from_private_bytes(self.secret)
        return X25519Recipient(private.public_key().public_bytes_raw())

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key from the first X25519 stanza this key opens."""
        private = X25519PrivateKey.from_private_bytes(self.secret)
        ours = private.public_key().public_bytes_raw()
        for stanza in stanzas:
            if stanza.type != "X25519":
                continue
            if len(stanza.args) != 1 or len(stanza.body) != _WRAPPED_SIZE:
                raise _bad("X25519")
            share = b64decode(stanza.args[0])
            if len(share) != 32:
                raise _bad("X25519")
            try:
                shared = private.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:  # a low-order share
                raise _bad("X25519") from None
            key = hkdf(shared, share + ours, X25519_LABEL)
            if (file_key := _open(key, stanza.body)) is not None:
                return file_key
        return None


def _scrypt(passphrase: bytes, salt: bytes, log_n: int) -> bytes:
    kdf = Scrypt(salt=SCRYPT_LABEL + salt, length=32, n=1 << log_n, r=8, p=1)
    return kdf.derive(passphrase)


@dataclass(frozen=True)
class ScryptRecipient:
    """A passphrase (``age -p``); it must be a file's only recipient."""

    passphrase: bytes = field(repr=False)
    log_n: int = SCRYPT_LOG_N

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """``-> scrypt <salt> <log2 N>``, wrapped with the scrypt key."""
        salt = os.urandom(SCRYPT_SALT_SIZE)
        body = _seal(_scrypt(self.passphrase, salt, self.log_n), file_key)
        args = (b64encode(salt).decode(), str(self.log_n))
        return [Stanza("scrypt", args, body)]


@dataclass(frozen=True)
class ScryptIdentity:
    """A passphrase to decrypt with; refuses work factors above ``max_log_n``."""

    passphrase: bytes = field(repr=False)
    max_log_n: int = SCRYPT_MAX_LOG_N

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key, or None if the passphrase is not the one."""
        for stanza in stanzas:
            if stanza.type != "scrypt":
                continue
            if (
                len(stanza.args) != 2
                or not _LOG_N.fullmatch(stanza.args[1])
                or len(stanza.body) != _WRAPPED_SIZE
            ):
                raise _bad("scrypt")
            salt = b64decode(stanza.args[0])
            if len(salt) != SCRYPT_SALT_SIZE:
                raise _bad("scrypt")
            if (log_n := int(stanza.args[1])) > self.max_log_n:
                raise CorruptVaultError(f"scrypt work factor 2**{log_n} is too high")
            return _open(_scrypt(self.passphrase, salt, log_n), stanza.body)
        return None
