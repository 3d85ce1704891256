"""Vault: sealing (tar + age encryption + atomic write) against a plain fsynced write.

The age format is our own, on ``cryptography`` (``engine/vault/age.py``).

The members are random bytes (backup zips do not compress further) of
``--mb`` MiB in total, split like a real vault: two *arr archives and small
JSON files. Baseline: the same bytes written once with write + fsync into the
same folder. Figures are medians of ``--trials`` runs, as ratios to the
baseline, plus the peak resident memory growth (the vault is built in memory).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
import os
from pathlib import Path
import resource
import statistics
import tempfile
import time

from common import ROOT  # puts the repository on sys.path

from custom_components.myflix.engine.vault import (
    Member,
    generate_identity,
    open_vault,
    seal,
)


def _members(total: int) -> list[Member]:
    small = [
        Member(name=f"qbittorrent/{n}.json", source="qbittorrent", kind=n,
               data=os.urandom(16 * 1024))
        for n in ("preferences", "categories")
    ]  # fmt: skip
    half = (total - 32 * 1024) // 2
    return [
        Member(name="radarr/radarr_backup.zip", source="radarr", kind="backup",
               data=os.urandom(half)),
        Member(name="sonarr/sonarr_backup.zip", source="sonarr", kind="backup",
               data=os.urandom(half)),
        *small,
    ]  # fmt: skip


def _plain_write(folder: Path, members: list[Member]) -> None:
    fd = os.open(folder / "plain.bin", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for member in members:
            os.write(fd, member.data)
        os.fsync(fd)
    finally:
        os.close(fd)


def main() -> None:
    """Run the trials and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=64)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    members = _members(args.mb * 1024 * 1024)
    size = sum(len(m.data) for m in members)
    identity, recipient = generate_identity()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    plain, sealed, opened = [], [], []
    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        folder = Path(tmp)
        for trial in range(args.trials):
            start = time.perf_counter()
            _plain_write(folder, members)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            created = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=trial)
            result = seal(folder, members, [], recipients=[recipient],
                          created=created, producer={}, keep=2)  # fmt: skip
            sealed.append(time.perf_counter() - start)
        # Peak memory of sealing only (ru_maxrss never goes down).
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_growth = (peak - rss_before) / 1024
        for _ in range(args.trials):
            start = time.perf_counter()
            assert open_vault(Path(result.path), identity)["intact"]
            opened.append(time.perf_counter() - start)
    base, seal_s, open_s = (statistics.median(x) for x in (plain, sealed, opened))
    overhead = (result.size - size) / size * 100
    print(f"payload {args.mb} MiB, {args.trials} trials (medians)")
    print(f"plain write+fsync: {base * 1000:.0f} ms ({args.mb / base:.0f} MiB/s)")
    print(f"seal (tar+age+atomic write+retention): {seal_s * 1000:.0f} ms "
          f"= {seal_s / base:.1f}x the plain write ({args.mb / seal_s:.0f} MiB/s)")  # fmt: skip
    print(f"verify (read+decrypt+untar+sha256): {open_s * 1000:.0f} ms "
          f"= {open_s / base:.1f}x the plain write")  # fmt: skip
    print(f"file size overhead: {overhead:.3f} %; peak RSS growth while sealing "
          f"{rss_growth:.0f} MiB = {rss_growth / args.mb:.1f}x the payload "
          "(the members themselves are already in memory)")  # fmt: skip
    print(
        f"summary: vault seal {seal_s / base:.1f}x a plain fsynced write of "
        f"{args.mb} MiB, verify {open_s / base:.1f}x, sealing adds "
        f"{rss_growth / args.mb:.1f}x the payload in memory"
    )


if __name__ == "__main__":
    main()
