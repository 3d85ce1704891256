"""Our age files against the real ``age`` CLI (Debian's 1.1.1), both directions.

The CLI is required, as for the vault's own interop test: missing, these fail.
Passphrases are typed on a pseudo-terminal, where ``age`` asks for them.
"""

from __future__ import annotations

import os
from pathlib import Path
import select
import shutil
import subprocess
import time

import pytest

from custom_components.myflix.engine.vault import age
from custom_components.myflix.engine.vault.age_recipients import (
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
)

CHUNK = 64 * 1024
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK]


def cli(name: str = "age") -> str:
    """The CLI's path; fail (not skip) without it."""
    path = shutil.which(name)
    assert path, f"Debian's {name} CLI is required (apt-get install age; scripts/setup)"
    return path


def run(*args: str, data: bytes = b"") -> bytes:
    """Run a CLI and return its output."""
    return subprocess.run(
        args, input=data, check=True, capture_output=True, timeout=60
    ).stdout


def on_terminal(args: list[str], passphrase: bytes, timeout: float = 60) -> bytes:
    """Run ``args`` on a new terminal, typing ``passphrase`` at each prompt."""
    master, slave = os.openpty()
    # setsid -c makes the terminal the controlling one: age opens /dev/tty.
    with subprocess.Popen(["setsid", "-c", *args], stdin=slave, stdout=slave,
                          stderr=slave) as proc:  # fmt: skip
        os.close(slave)
        seen, typed, deadline = b"", 0, time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if not select.select([master], [], [], 0.1)[0]:
                    continue
                try:
                    chunk = os.read(master, 1024)
                except OSError:  # EIO: the program closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
                if seen.count(b"passphrase") > typed:
                    os.write(master, passphrase + b"\r")
                    typed += 1
            else:
                proc.kill()
        finally:
            os.close(master)
        assert proc.wait(timeout) == 0, seen
    return seen


@pytest.mark.parametrize("size", SIZES)
def test_age_cli_decrypts_our_files(tmp_path: Path, size: int) -> None:
    """``age -d -i`` opens what we write to two recipients, with either key."""
    plaintext = os.urandom(size)
    identities = [X25519Identity.generate() for _ in range(2)]
    path = tmp_path / "file.age"
    path.write_bytes(age.encrypt_bytes(plaintext, [i.recipient() for i in identities]))
    for n, identity in enumerate(identities):
        key = tmp_path / f"key{n}.txt"
        key.write_text(f"# created by the test\n{identity}\n")
        assert run(cli(), "-d", "-i", str(key), str(path)) == plaintext


@pytest.mark.parametrize("size", SIZES)
def test_we_decrypt_the_age_cli_files(size: int) -> None:
    """What ``age -r`` writes to two recipients opens with either of our identities."""
    plaintext = os.urandom(size)
    first, second = X25519Identity.generate(), X25519Identity.generate()
    sealed = run(cli(), "-r", str(first.recipient()), "-r", str(second.recipient()),
                 data=plaintext)  # fmt: skip
    assert age.decrypt_bytes(sealed, [first]) == plaintext
    assert age.decrypt_bytes(sealed, [second]) == plaintext


def test_age_keygen_keys_are_ours_too(tmp_path: Path) -> None:
    """age-keygen's identity gives the public key it printed; files go both ways."""
    key = tmp_path / "key.txt"
    run(cli("age-keygen"), "-o", str(key))
    lines = key.read_text().splitlines()
    public = next(ln.split(": ")[1] for ln in lines if ln.startswith("# public key"))
    identity = X25519Identity.parse(lines[-1])
    assert str(identity.recipient()) == public
    sealed = age.encrypt_bytes(b"to keygen", [X25519Recipient.parse(public)])
    assert run(cli(), "-d", "-i", str(key), data=sealed) == b"to keygen"
    assert age.decrypt_bytes(run(cli(), "-e", "-i", str(key), data=b"back"),
                             [identity]) == b"back"  # fmt: skip


def test_passphrases_both_ways(tmp_path: Path) -> None:
    """``age -d`` opens our scrypt file; we open what ``age -p`` writes."""
    plaintext = os.urandom(CHUNK + 3)
    ours, theirs, source = (tmp_path / n for n in ("ours.age", "theirs.age", "p.bin"))
    ours.write_bytes(age.encrypt_bytes(plaintext, [ScryptRecipient(b"pw", log_n=12)]))
    out = tmp_path / "out.bin"
    on_terminal([cli(), "-d", "-o", str(out), str(ours)], b"pw")
    assert out.read_bytes() == plaintext
    source.write_bytes(plaintext)
    prompts = on_terminal([cli(), "-p", "-o", str(theirs), str(source)], b"pw 2")
    assert b"Confirm passphrase" in prompts
    sealed = theirs.read_bytes()
    assert age.decrypt_bytes(sealed, [ScryptIdentity(b"pw 2")]) == plaintext
