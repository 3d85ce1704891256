"""Link tokens: genuine ones verify; forged, tampered, expired and junk never do."""

from __future__ import annotations

import base64

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.myflix.engine.share import (
    LinkClaims,
    TokenError,
    TokenRefusal,
    issue_token,
    verify_token,
)
from custom_components.myflix.engine.share.tokens import MAX_TOKEN_LENGTH

SECRET = b"k" * 32
NOW = 1_800_000_000

claims_strategy = st.builds(
    LinkClaims,
    link_id=st.binary(min_size=8, max_size=8).map(bytes.hex),
    path=st.text(min_size=1, max_size=200),
    expires_at=st.integers(min_value=NOW + 1, max_value=2**32 - 1),
    max_downloads=st.one_of(st.none(), st.integers(min_value=1, max_value=65535)),
    client_ip=st.one_of(st.none(), st.ip_addresses().map(str)),
)


def _refusal(token: str, *, secret: bytes = SECRET, now: float = NOW) -> TokenRefusal:
    with pytest.raises(TokenError) as info:
        verify_token(secret, token, now)
    return info.value.reason


@settings(max_examples=1500, deadline=None)
@given(claims=claims_strategy)
def test_genuine_tokens_round_trip(claims: LinkClaims) -> None:
    """What is signed comes back, and the token is URL-safe."""
    token = issue_token(SECRET, claims)
    assert set(token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    assert verify_token(SECRET, token, NOW) == claims


@settings(max_examples=1200, deadline=None)
@given(claims=claims_strategy, data=st.data())
def test_any_tampering_is_refused(claims: LinkClaims, data: st.DataObject) -> None:
    """Flipping any bit of the signed bytes, or using another secret, is refused."""
    raw = bytearray(base64.urlsafe_b64decode(issue_token(SECRET, claims) + "=="))
    index = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    raw[index] ^= 1 << data.draw(st.integers(min_value=0, max_value=7))
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert _refusal(tampered) is TokenRefusal.FORGED
    other = data.draw(st.binary(min_size=32, max_size=32).filter(lambda s: s != SECRET))
    assert _refusal(issue_token(SECRET, claims), secret=other) is TokenRefusal.FORGED


@settings(max_examples=1000, deadline=None)
@given(claims=claims_strategy, late=st.integers(min_value=0, max_value=10**9))
def test_expired_tokens_are_refused(claims: LinkClaims, late: int) -> None:
    """At and after the expiry, a genuine token is refused."""
    token = issue_token(SECRET, claims)
    assert _refusal(token, now=claims.expires_at + late) is TokenRefusal.EXPIRED


@settings(max_examples=1500, deadline=None)
@given(
    junk=st.one_of(
        st.text(max_size=300),
        st.binary(max_size=200).map(
            lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
        ),
    )
)
def test_junk_is_refused(junk: str) -> None:
    """Arbitrary strings and arbitrary base64 never verify."""
    assert _refusal(junk) in (TokenRefusal.MALFORMED, TokenRefusal.FORGED)


def test_oversized_and_padded_tokens_are_malformed() -> None:
    """Tokens beyond the size bound or with padding are not parsed at all."""
    assert _refusal("A" * (MAX_TOKEN_LENGTH + 1)) is TokenRefusal.MALFORMED
    assert _refusal("QUJD=") is TokenRefusal.MALFORMED
    assert _refusal("") is TokenRefusal.MALFORMED


def test_unknown_version_and_bad_utf8_are_malformed() -> None:
    """A correctly signed payload of another version or broken text is refused."""
    from custom_components.myflix.engine.share import tokens

    def signed(payload: bytes) -> str:
        return tokens._b64(payload + tokens._mac(SECRET, payload))

    header = tokens._HEADER.pack(2, b"\0" * 8, NOW + 10, 0, 0)
    assert _refusal(signed(header + b"a/b")) is TokenRefusal.MALFORMED
    header = tokens._HEADER.pack(1, b"\0" * 8, NOW + 10, 0, 0)
    assert _refusal(signed(header + b"\xff\xfe")) is TokenRefusal.MALFORMED
    header = tokens._HEADER.pack(1, b"\0" * 8, NOW + 10, 0, 7)
    assert _refusal(signed(header + b"a/b")) is TokenRefusal.MALFORMED
