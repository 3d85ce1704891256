"""Signed link tokens: HMAC-SHA256 over a compact binary payload, URL-safe.

Layout before base64url (no padding): version (1 byte), link id (8), expiry in
Unix seconds (4), max downloads (2, 0 = unlimited), client IP length (1: 0, 4
or 16) and bytes, then the UTF-8 relative path; then the first 16 bytes of the
HMAC-SHA256 of all of it (128 bits, as RFC 2104 allows for truncation).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import StrEnum
import hashlib
import hmac
import ipaddress
import secrets
import struct

VERSION = 1
MAC_BYTES = 16
ID_BYTES = 8
SECRET_BYTES = 32
_HEADER = struct.Struct(">B8sIHB")
# A token longer than this is not one of ours; refuse before decoding it.
MAX_TOKEN_LENGTH = 2048


class TokenRefusal(StrEnum):
    """Why a token was refused."""

    MALFORMED = "malformed"
    FORGED = "forged"
    EXPIRED = "expired"
    REVOKED = "revoked"
    WRONG_CLIENT = "wrong_client"
    EXHAUSTED = "exhausted"


class TokenError(Exception):
    """A token was refused; ``reason`` says why (never echoes the token)."""

    def __init__(self, reason: TokenRefusal) -> None:
        """Refuse for ``reason``."""
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class LinkClaims:
    """What a token grants: one file, until a time, maybe a number of times."""

    link_id: str
    """Hex id of the link (16 characters); revocation and counting use it."""
    path: str
    """Path relative to the share roots, ``<root name>/<path in root>``."""
    expires_at: int
    """Unix seconds."""
    max_downloads: int | None = None
    client_ip: str | None = None


def new_secret() -> bytes:
    """Return a fresh per-installation signing secret."""
    return secrets.token_bytes(SECRET_BYTES)


def new_link_id() -> str:
    """Return a fresh random link id."""
    return secrets.token_hex(ID_BYTES)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text.isascii() or "=" in text:
        raise ValueError(text)
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()[:MAC_BYTES]


def issue_token(secret: bytes, claims: LinkClaims) -> str:
    """Sign ``claims`` into a URL-safe token."""
    ip = ipaddress.ip_address(claims.client_ip).packed if claims.client_ip else b""
    payload = (
        _HEADER.pack(
            VERSION,
            bytes.fromhex(claims.link_id),
            claims.expires_at,
            claims.max_downloads or 0,
            len(ip),
        )
        + ip
        + claims.path.encode("utf-8")
    )
    return _b64(payload + _mac(secret, payload))


def verify_token(secret: bytes, token: str, now: float) -> LinkClaims:
    """Return the claims of a genuine, unexpired token; raise ``TokenError`` otherwise."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenError(TokenRefusal.MALFORMED)
    try:
        raw = _unb64(token)
    except (ValueError, binascii.Error) as err:
        raise TokenError(TokenRefusal.MALFORMED) from err
    if len(raw) < _HEADER.size + MAC_BYTES:
        raise TokenError(TokenRefusal.MALFORMED)
    payload, mac = raw[:-MAC_BYTES], raw[-MAC_BYTES:]
    # The MAC is checked first, in constant time: nothing unsigned is parsed.
    if not hmac.compare_digest(mac, _mac(secret, payload)):
        raise TokenError(TokenRefusal.FORGED)
    version, link_id, expires_at, max_downloads, ip_len = _HEADER.unpack_from(payload)
    rest = payload[_HEADER.size :]
    if version != VERSION or ip_len not in (0, 4, 16) or len(rest) < ip_len:
        raise TokenError(TokenRefusal.MALFORMED)
    try:
        path = rest[ip_len:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise TokenError(TokenRefusal.MALFORMED) from err
    if now >= expires_at:
        raise TokenError(TokenRefusal.EXPIRED)
    return LinkClaims(
        link_id=link_id.hex(),
        path=path,
        expires_at=expires_at,
        max_downloads=max_downloads or None,
        client_ip=str(ipaddress.ip_address(rest[:ip_len])) if ip_len else None,
    )
