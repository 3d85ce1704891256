"""Bech32 (BIP 173), the text form of age keys: ``age1…`` and ``AGE-SECRET-KEY-1…``.

Like age, no 90-character limit (keys are short anyway) and plain Bech32, not
Bech32m. Text is all lower or all upper case, never mixed.
"""

from __future__ import annotations

from collections.abc import Iterable

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {char: value for value, char in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_CHECKSUM_SIZE = 6


def _polymod(values: Iterable[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = ((check & 0x1FFFFFF) << 5) ^ value
        for bit, generator in enumerate(_GENERATOR):
            if (top >> bit) & 1:
                check ^= generator
    return check


def _expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert(data: Iterable[int], source: int, target: int, *, pad: bool) -> bytes:
    """Regroup ``source``-bit values into ``target``-bit ones (BIP 173)."""
    acc = bits = 0
    out = bytearray()
    mask, keep = (1 << target) - 1, (1 << (source + target - 1)) - 1
    for value in data:
        acc = ((acc << source) | value) & keep
        bits += source
        while bits >= target:
            bits -= target
            out.append((acc >> bits) & mask)
    if pad:
        if bits:
            out.append((acc << (target - bits)) & mask)
    elif bits >= source or (acc << (target - bits)) & mask:
        raise ValueError("bech32: non-zero padding")
    return bytes(out)


def encode(hrp: str, data: bytes) -> str:
    """Return ``hrp`` + ``1`` + the data and checksum, in lower case."""
    hrp = hrp.lower()
    values = list(_convert(data, 8, 5, pad=True))
    check = _polymod(_expand(hrp) + values + [0] * _CHECKSUM_SIZE) ^ 1
    values += [(check >> 5 * (5 - i)) & 31 for i in range(_CHECKSUM_SIZE)]
    return hrp + "1" + "".join(CHARSET[v] for v in values)


def decode(text: str) -> tuple[str, bytes]:
    """Return the human-readable part (lower case) and the data; ValueError if bad."""
    if text != text.lower() and text != text.upper():
        raise ValueError("bech32: mixed case")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 1 + _CHECKSUM_SIZE > len(text):
        raise ValueError("bech32: no separator, or too short")
    hrp = text[:pos]
    if any(not 33 <= ord(c) <= 126 for c in hrp):
        raise ValueError("bech32: bad character in the prefix")
    try:
        values = [_VALUES[c] for c in text[pos + 1 :]]
    except KeyError:
        raise ValueError("bech32: bad character in the data") from None
    if _polymod(_expand(hrp) + values) != 1:
        raise ValueError("bech32: bad checksum")
    return hrp, _convert(values[:-_CHECKSUM_SIZE], 5, 8, pad=False)
