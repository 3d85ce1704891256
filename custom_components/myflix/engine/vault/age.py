"""The age v1 file format (https://age-encryption.org/v1) on ``cryptography``.

A header (version line, one stanza per recipient wrapping the file key, an
HMAC of it all) then the payload: a nonce and the plaintext in 64 KiB chunks,
each sealed with ChaCha20-Poly1305 (STREAM). The recipients and identities
that wrap and unwrap the file key are in ``age_recipients``. Binary files
only, no ASCII armor (``age -a``). Both directions stream, one chunk ahead.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
import hmac
import io
import os
import re
from typing import BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .models import CorruptVaultError, WrongIdentityError

VERSION_LINE = b"age-encryption.org/v1"
FILE_KEY_SIZE = 16
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
NONCE_SIZE = 16
COLUMNS = 64
# Sanity bounds on what we read before anything is authenticated.
MAX_LINE = 4096
MAX_HEADER = 1 << 20

_B64 = re.compile(rb"[A-Za-z0-9+/]*")
_ARG = re.compile(rb"[\x21-\x7e]+")


@dataclass(frozen=True)
class Stanza:
    """One recipient's line in the header: its type, arguments and body."""

    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        """``-> type args…`` then the body in base64, 64 columns, short last line."""
        text = b64encode(self.body)
        lines = [text[i : i + COLUMNS] for i in range(0, len(text), COLUMNS)]
        if len(text) % COLUMNS == 0:
            lines.append(b"")  # the body always ends with a short line
        head = " ".join(("->", self.type, *self.args)).encode()
        return b"\n".join((head, *lines)) + b"\n"


class Recipient(Protocol):
    """Wraps a file key for someone: one or more stanzas."""

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Return the stanzas holding ``file_key``."""


class Identity(Protocol):
    """Unwraps the file key from the stanzas meant for it."""

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key, None if no stanza is for it; raise if malformed."""


def b64encode(data: bytes) -> bytes:
    """Encode in standard base64 without padding, as age writes it."""
    return base64.b64encode(data).rstrip(b"=")


def b64decode(text: bytes | str) -> bytes:
    """Decode strict, canonical unpadded base64; CorruptVaultError otherwise."""
    raw = text.encode() if isinstance(text, str) else text
    if not _B64.fullmatch(raw) or len(raw) % 4 == 1:
        raise CorruptVaultError("Malformed age header: bad base64")
    data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
    if b64encode(data) != raw:  # unused bits set: not the canonical form
        raise CorruptVaultError("Malformed age header: non-canonical base64")
    return data


def hkdf(key: bytes, salt: bytes, info: bytes, size: int = 32) -> bytes:
    """Derive a key with HKDF-SHA-256."""
    return HKDF(hashes.SHA256(), size, salt or None, info).derive(key)


def _mac(file_key: bytes, header: bytes) -> bytes:
    key = hkdf(file_key, b"", b"header")
    return hmac.digest(key, header, "sha256")


def _chunk_nonce(counter: int, *, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read(reader: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes, fewer only at the end of the stream."""
    data = reader.read(size)
    while 0 < len(data) < size and (more := reader.read(size - len(data))):
        data += more  # a short read (a pipe, a raw file): not the end yet
    return data


def encrypt(
    plaintext: BinaryIO, writer: BinaryIO, recipients: Sequence[Recipient]
) -> None:
    """Write ``plaintext`` as a binary age file to ``writer``, for ``recipients``."""
    if not recipients:
        raise ValueError("age: no recipients")
    file_key = os.urandom(FILE_KEY_SIZE)
    stanzas = [stanza for r in recipients for stanza in r.wrap(file_key)]
    if len(stanzas) > 1 and any(s.type == "scrypt" for s in stanzas):
        raise ValueError("age: a passphrase must be the only recipient")
    header = VERSION_LINE + b"\n" + b"".join(s.encode() for s in stanzas) + b"---"
    writer.write(header + b" " + b64encode(_mac(file_key, header)) + b"\n")
    nonce = os.urandom(NONCE_SIZE)
    writer.write(nonce)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    chunk, counter = _read(plaintext, CHUNK_SIZE), 0
    while True:
        following = _read(plaintext, CHUNK_SIZE) if len(chunk) == CHUNK_SIZE else b""
        last = not following
        writer.write(aead.encrypt(_chunk_nonce(counter, last=last), chunk, None))
        if last:
            return
        chunk, counter = following, counter + 1


class _HeaderReader:
    """Reads the header line by line, keeping its bytes for the MAC."""

    def __init__(self, reader: BinaryIO) -> None:
        self._reader = reader
        self.raw = bytearray()

    def line(self) -> bytes:
        line = self._reader.readline(MAX_LINE + 1)
        if not line.endswith(b"\n"):
            raise CorruptVaultError("Not an age file, or its header is cut short")
        self.raw += line
        if len(self.raw) > MAX_HEADER:
            raise CorruptVaultError("The age header is too long")
        return line[:-1]


def _stanza(line: bytes, header: _HeaderReader) -> Stanza:
    args = line[3:].split(b" ")
    if not all(_ARG.fullmatch(arg) for arg in args):
        raise CorruptVaultError("Malformed age header: bad stanza line")
    body = []
    while True:
        chunk = header.line()
        if len(chunk) > COLUMNS:
            raise CorruptVaultError("Malformed age header: stanza line too long")
        body.append(chunk)
        if len(chunk) < COLUMNS:
            break
    texts = [arg.decode("ascii") for arg in args]
    return Stanza(texts[0], tuple(texts[1:]), b64decode(b"".join(body)))


def read_header(reader: BinaryIO) -> tuple[list[Stanza], bytes, bytes]:
    """Parse the header: the stanzas, the bytes the MAC covers, and the MAC."""
    header = _HeaderReader(reader)
    if (first := header.line()) != VERSION_LINE:
        if first.startswith(b"-----BEGIN AGE ENCRYPTED FILE"):
            raise CorruptVaultError("An armored age file: decrypt it with age -d")
        raise CorruptVaultError("Not an age v1 file")
    stanzas: list[Stanza] = []
    while True:
        line = header.line()
        if line.startswith(b"---"):
            if not line.startswith(b"--- ") or not stanzas:
                raise CorruptVaultError("Malformed age header: bad closing line")
            mac = b64decode(line[4:])
            if len(mac) != 32:
                raise CorruptVaultError("Malformed age header: bad MAC")
            covered = bytes(header.raw[: -len(line) - 1]) + b"---"
            return stanzas, covered, mac
        if not line.startswith(b"-> "):
            raise CorruptVaultError("Malformed age header: expected a stanza")
        stanzas.append(_stanza(line, header))


def file_key(
    stanzas: Sequence[Stanza],
    covered: bytes,
    mac: bytes,
    identities: Sequence[Identity],
) -> bytes:
    """Unwrap the file key with the first identity that can, then check the MAC."""
    if len(stanzas) > 1 and any(s.type == "scrypt" for s in stanzas):
        raise CorruptVaultError("Malformed age header: scrypt must be alone")
    for identity in identities:
        if (key := identity.unwrap(stanzas)) is not None:
            break
    else:
        raise WrongIdentityError("The vault was not encrypted to this key")
    if not hmac.compare_digest(_mac(key, covered), mac):
        raise CorruptVaultError("The age header was altered (bad MAC)")
    return key


def decrypt(
    ciphertext: BinaryIO, writer: BinaryIO, identities: Sequence[Identity]
) -> None:
    """Write the plaintext of the age file ``ciphertext`` to ``writer``.

    Chunks are written as they are authenticated: on an error, what was
    written before it is unauthenticated as a whole and must be discarded.
    """
    key = file_key(*read_header(ciphertext), identities)
    nonce = _read(ciphertext, NONCE_SIZE)
    if len(nonce) != NONCE_SIZE:
        raise CorruptVaultError("The age payload is cut short")
    aead = ChaCha20Poly1305(hkdf(key, nonce, b"payload"))
    sealed_size = CHUNK_SIZE + TAG_SIZE
    chunk, counter = _read(ciphertext, sealed_size), 0
    while True:
        following = _read(ciphertext, sealed_size) if len(chunk) == sealed_size else b""
        last = not following
        if len(chunk) < TAG_SIZE:
            raise CorruptVaultError("The age payload is cut short")
        try:
            plain = aead.decrypt(_chunk_nonce(counter, last=last), chunk, None)
        except InvalidTag:
            raise CorruptVaultError("The age payload is damaged or cut short") from None
        if last and not plain and counter:
            raise CorruptVaultError("The age payload ends with an empty chunk")
        writer.write(plain)
        if last:
            return
        chunk, counter = following, counter + 1


def encrypt_bytes(plaintext: bytes, recipients: Sequence[Recipient]) -> bytes:
    """Encrypt in memory."""
    out = io.BytesIO()
    encrypt(io.BytesIO(plaintext), out, recipients)
    return out.getvalue()


def decrypt_bytes(ciphertext: bytes, identities: Sequence[Identity]) -> bytes:
    """Decrypt in memory: all of the plaintext, or an error."""
    out = io.BytesIO()
    decrypt(io.BytesIO(ciphertext), out, identities)
    return out.getvalue()
