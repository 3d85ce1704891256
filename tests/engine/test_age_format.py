"""Our age v1 implementation: Bech32 keys, known answers, round trips, the spec's checks.

The interop with the real ``age`` CLI is in ``test_age_interop.py``. Files are
crafted here from the spec (HKDF, HMAC, STREAM), independently of the code.
"""

from __future__ import annotations

import base64
import hmac
import io
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import given, settings, strategies as st
import pytest

from custom_components.myflix.engine.vault import (
    CorruptVaultError,
    InvalidIdentityError,
    InvalidRecipientError,
    VaultError,
    WrongIdentityError,
    age,
    bech32,
)
from custom_components.myflix.engine.vault.age_recipients import (
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
)

# Made with age 1.1.1 (Debian 12): age-keygen; age -r; age -p (passphrase below).
KAT_IDENTITY = (
    "AGE-SECRET-KEY-1TLQPL7AX0S749ZJTVD4922CPN9ZZGK2SY0AZEFCSQZC3UV3KQUCSKSWFCE"
)
KAT_RECIPIENT = "age1rl8p3z7ahszchzhpsj75l9r2l8kmqkmhpp5x2ty6h4jh6990dfxq8nk95x"
KAT_X25519 = base64.b64decode(
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSAwT2tKNTZXZVFJYmFUbDI4ZGVKdENOcmcz"
    "MkluQWJXbEV6RVJQN093Zm5FCnZKNTg4TVNZR0tFVk4xVDV3cjl0d3MxVkZ5djZ1VmtOU2MxQ001"
    "a29nVUkKLS0tIE03bUVOV1A4anQ3bnZFczh2REVkejRka2cyWmliUi81SmFuaVBjdFhOeVUKuZx8"
    "kIndB8afglYIGivE/AUoXVG7r3kGJhTzw1WR7oRp//z6kDS5dy6d8BzHJ+EJSX+oVwsuiASKAKJw"
    "DcGNZAgVxjTHipM="
)
KAT_PASSPHRASE = b"correct horse battery staple"
KAT_SCRYPT = base64.b64decode(
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IHNjcnlwdCA4SXBtb2xka2FIaTdrUHc0YTQyNk9BIDE4"
    "CmRqMk45K2xVdVBMS3E4VUJvVE8wTnphYnVaQUtjU3dZSFdST2RrdDBBVncKLS0tIGFzbktacWdL"
    "NUo1cnI2N0I4eVhyOWk1WlpmZnMxWDJOU08xYWJwQlorS1EK14wF9yR5/qlTLkOa+SyjPfXUx0Pf"
    "CEYewNFeqYO8yyWUlgK18Z12GDK2fJAvIz1pVRFZp9tuuoI2ZpWtlgnjM3XTLAPX9NI="
)
CHUNK = 64 * 1024
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK]


def hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256, 32 bytes."""
    return HKDF(hashes.SHA256(), 32, salt, info).derive(key)


def craft(
    chunks: list[tuple[bytes, bool]], *, stanzas: bytes = b"", raw: bytes | None = None
) -> tuple[bytes, X25519Identity]:
    """An age file from the spec: our X25519 stanza (+ ``stanzas``), chunks as given.

    ``raw`` replaces the whole stanza section; the MAC is always right.
    """
    identity, file_key = X25519Identity.generate(), os.urandom(16)
    ours = identity.recipient().wrap(file_key)[0].encode()
    header = b"age-encryption.org/v1\n" + (ours + stanzas if raw is None else raw)
    header += b"---"
    mac = hmac.digest(hkdf(file_key, b"", b"header"), header, "sha256")
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    body = b"".join(
        aead.encrypt(i.to_bytes(11, "big") + bytes([last]), data, None)
        for i, (data, last) in enumerate(chunks)
    )
    mac_line = b" " + base64.b64encode(mac).rstrip(b"=") + b"\n"
    return header + mac_line + nonce + body, identity


def test_bech32_known_answers_and_refusals() -> None:
    """BIP 173 vectors; case rules; the checksum catches a changed character."""
    assert bech32.decode("A12UEL5L") == ("a", b"")
    assert bech32.decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw") == (
        "abcdef",
        bytes.fromhex("00443214c74254b635cf84653a56d7c675be77df"),
    )
    for bad in ["pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3",
                "A1G7SGD8", "10a06t8", "\x201nwldj5", "A12uEL5L", "a12uel5m",
                "a1qqqqqqqqqqqql"]:  # fmt: skip
        with pytest.raises(ValueError, match="bech32"):
            bech32.decode(bad)
    assert bech32.encode("AGE", bytes(range(32))).startswith("age1")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20),
       st.binary(max_size=64))  # fmt: skip
def test_bech32_round_trip(hrp: str, data: bytes) -> None:
    """Encode then decode gives back the prefix and the bytes, in either case."""
    text = bech32.encode(hrp, data)
    assert bech32.decode(text) == (hrp, data)
    assert bech32.decode(text.upper()) == (hrp, data)


def test_keys_known_answer_and_text_forms() -> None:
    """age-keygen's pair: the identity gives its recipient; text round-trips."""
    identity = X25519Identity.parse(KAT_IDENTITY)
    assert str(identity.recipient()) == KAT_RECIPIENT
    assert str(identity) == KAT_IDENTITY
    assert X25519Identity.parse(KAT_IDENTITY.lower()) == identity
    assert str(X25519Recipient.parse(KAT_RECIPIENT)) == KAT_RECIPIENT
    assert KAT_IDENTITY not in repr(identity)
    assert identity.secret.hex() not in repr(identity)
    short = bech32.encode("age", bytes(31))
    for bad in [KAT_RECIPIENT.upper(), short, bech32.encode("agf", bytes(32))]:
        with pytest.raises(InvalidRecipientError):
            X25519Recipient.parse(bad)
    for bad in [KAT_RECIPIENT, KAT_IDENTITY[:-1] + "Q", bech32.encode(
        "age-secret-key-", bytes(31)).upper()]:  # fmt: skip
        with pytest.raises(InvalidIdentityError) as info:
            X25519Identity.parse(bad)
        assert str(info.value) == "Not an age secret key"


def test_known_answers_from_the_age_cli() -> None:
    """Files written by age 1.1.1 decrypt: X25519 and passphrase (scrypt 2**18)."""
    identity = X25519Identity.parse(KAT_IDENTITY)
    assert age.decrypt_bytes(KAT_X25519, [identity]) == (
        b"Myflix known answer: age 1.1.1, X25519\n"
    )
    assert age.decrypt_bytes(KAT_SCRYPT, [ScryptIdentity(KAT_PASSPHRASE)]) == (
        b"Myflix known answer: age 1.1.1, scrypt\n"
    )
    with pytest.raises(WrongIdentityError):
        age.decrypt_bytes(KAT_SCRYPT, [identity])
    with pytest.raises(CorruptVaultError, match="work factor"):
        age.decrypt_bytes(KAT_SCRYPT, [ScryptIdentity(KAT_PASSPHRASE, max_log_n=17)])


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_at_chunk_edges(size: int) -> None:
    """Every size round-trips, for each recipient; the length is the spec's."""
    plaintext = os.urandom(size)
    identities = [X25519Identity.generate() for _ in range(3)]
    sealed = age.encrypt_bytes(plaintext, [i.recipient() for i in identities])
    for identity in identities:
        assert age.decrypt_bytes(sealed, [identity]) == plaintext
    header_size = sealed.index(b"\n---") + 1 + len("--- ") + 43 + 1
    chunks = max(1, -(-size // CHUNK))
    assert len(sealed) == header_size + 16 + size + 16 * chunks
    with pytest.raises(WrongIdentityError):
        age.decrypt_bytes(sealed, [X25519Identity.generate()])
    assert age.decrypt_bytes(sealed, [X25519Identity.generate(), identities[2]]) == (
        plaintext
    )


class Trickle(io.BytesIO):
    """A stream that hands out at most 1000 bytes a read, like a pipe."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(1000 if size is None or size < 0 else min(size, 1000))


def test_short_reads_stream_both_ways() -> None:
    """Encrypt and decrypt from readers that return short reads."""
    plaintext, identity = os.urandom(2 * CHUNK + 5), X25519Identity.generate()
    sealed, opened = io.BytesIO(), io.BytesIO()
    age.encrypt(Trickle(plaintext), sealed, [identity.recipient()])
    age.decrypt(Trickle(sealed.getvalue()), opened, [identity])
    assert opened.getvalue() == plaintext


def test_passphrase_round_trip_and_refusals() -> None:
    """scrypt recipients: round trip, wrong passphrase, never next to another one."""
    sealed = age.encrypt_bytes(b"secret", [ScryptRecipient(b"pw", log_n=10)])
    assert b"-> scrypt " in sealed
    assert b" 10\n" in sealed
    assert age.decrypt_bytes(sealed, [ScryptIdentity(b"pw")]) == b"secret"
    with pytest.raises(WrongIdentityError):
        age.decrypt_bytes(sealed, [ScryptIdentity(b"nope")])
    other = X25519Identity.generate().recipient()
    with pytest.raises(ValueError, match="only recipient"):
        age.encrypt_bytes(b"x", [ScryptRecipient(b"pw", log_n=10), other])
    with pytest.raises(ValueError, match="no recipients"):
        age.encrypt_bytes(b"x", [])
    scrypt = ScryptRecipient(b"pw", log_n=10).wrap(bytes(16))[0].encode()
    mixed, identity = craft([(b"x", True)], stanzas=scrypt)
    with pytest.raises(CorruptVaultError, match="scrypt must be alone"):
        age.decrypt_bytes(mixed, [identity])


def test_the_payload_rules_of_the_spec() -> None:
    """Full last chunk ok, empty payload ok; an empty last chunk after data is not."""
    full = os.urandom(CHUNK)
    for chunks, plain in [([(full, True)], full), ([(b"", True)], b"")]:
        data, identity = craft(chunks)
        assert age.decrypt_bytes(data, [identity]) == plain
    refused = [
        ([(full, False), (b"", True)], "empty chunk"),
        ([(full, False)], "damaged or cut short"),  # the last chunk is missing
        ([(b"abc", False)], "damaged or cut short"),  # short but not marked last
        ([(full, True), (b"x", True)], "damaged or cut short"),  # data after last
    ]
    for chunks, message in refused:
        data, identity = craft(chunks)
        with pytest.raises(CorruptVaultError, match=message):
            age.decrypt_bytes(data, [identity])


def _last_char_unused_bits(text: bytes) -> bytes:
    """Flip an unused low bit of the last base64 character: non-canonical."""
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return text[:-1] + bytes([alphabet[alphabet.index(text[-1]) ^ 1]])


def test_the_header_rules_of_the_spec() -> None:
    """Unknown stanzas are skipped; malformed lines are refused by the parser."""
    grease = b"-> grease-x a b\n" + base64.b64encode(bytes(48)) + b"\n\n"
    data, identity = craft([(b"hi", True)], stanzas=grease)
    assert age.decrypt_bytes(data, [identity]) == b"hi"
    stanza = X25519Identity.generate().recipient().wrap(bytes(16))[0].encode()
    head, share, body = stanza.split(b"\n")[0], stanza.split(b" ")[2], stanza.split(
        b"\n")[1]  # fmt: skip
    cases = {
        b"-> X25519  " + share + b"\n" + body + b"\n": "bad stanza line",
        head + b"\n" + body + b"A" * 30 + b"\n": "stanza line too long",
        head + b"\n" + _last_char_unused_bits(body) + b"\n": "non-canonical",
        head + b"\n" + body + b"=\n": "bad base64",
        head.replace(b"\n", b"") + b" extra\n" + body + b"\n": "bad X25519",
        b"-> X25519 " + age.b64encode(bytes(31)) + b"\n" + body + b"\n": "bad X25519",
        b"-> X25519 " + b"A" * 43 + b"\n" + body + b"\n": "bad X25519",  # zero share
        head + b"\n" + body[:-3] + b"\n": "bad X25519",
        b"->X25519 " + share + b"\n" + body + b"\n": "expected a stanza",
        b"": "bad closing line",
        head + b"\r\n" + body + b"\n": "bad stanza line",
    }
    for section, message in cases.items():
        data, identity = craft([(b"hi", True)], raw=section)
        with pytest.raises(CorruptVaultError, match=message):
            age.decrypt_bytes(data, [identity])


def test_a_changed_header_fails_its_mac() -> None:
    """An added stanza, or a changed MAC, is refused even though the key unwraps."""
    data, identity = craft([(b"hi", True)])
    added = data.replace(b"\n---", b"\n-> grease\n\n---", 1)
    mac_at = data.index(b"\n--- ") + 5
    changed_mac = data[:mac_at] + bytes([data[mac_at] ^ 1]) + data[mac_at + 1 :]
    for bad in (added, changed_mac):
        with pytest.raises(CorruptVaultError, match=r"MAC|base64"):
            age.decrypt_bytes(bad, [identity])
    for bad, message in [
        (b"age-encryption.org/v2\n", "Not an age v1"),
        (b"-----BEGIN AGE ENCRYPTED FILE-----\n", "armored"),
        (b"age-encryption.org/v1", "cut short"),
        (b"age-encryption.org/v1\n" + b"-" * 5000, "cut short"),
        (data[: data.index(b"\n---") + 1] + b"---\n", "bad closing line"),
        (data[: mac_at + 43 + 1 + 10], "payload is cut short"),
    ]:
        with pytest.raises(CorruptVaultError, match=message):
            age.decrypt_bytes(bad, [identity])


SMALL, SMALL_ID = craft([(os.urandom(CHUNK), False), (b"tail", True)])


@settings(max_examples=300, deadline=None, database=None)
@given(st.data())
def test_any_flipped_bit_or_cut_is_refused(data: st.DataObject) -> None:
    """Flip any bit, cut anywhere, or append: a VaultError, never a plaintext."""
    position = data.draw(st.integers(0, len(SMALL) - 1))
    bit = data.draw(st.integers(0, 7))
    flipped = bytearray(SMALL)
    flipped[position] ^= 1 << bit
    cut = data.draw(st.integers(0, len(SMALL) - 1))
    for bad in (bytes(flipped), SMALL[:cut], SMALL + data.draw(st.binary(min_size=1))):
        with pytest.raises(VaultError):
            age.decrypt_bytes(bad, [SMALL_ID])


def test_every_cut_of_a_small_file_is_refused() -> None:
    """Exhaustively: no prefix of a file is a valid file."""
    data, identity = craft([(b"short payload", True)])
    for cut in range(len(data)):
        with pytest.raises(VaultError):
            age.decrypt_bytes(data[:cut], [identity])
