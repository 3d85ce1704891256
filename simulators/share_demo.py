"""A share root for the demo: a folder with sample files to sign links for.

Run as ``python -m simulators.share_demo FOLDER``; ``scripts/develop`` puts it
in HA's ``config/media`` (allowed for sharing by default).
"""

from __future__ import annotations

import argparse
from pathlib import Path

SAMPLE_TEXT = """Myflix share gateway demo file.

This file was served by Home Assistant through a signed, expiring link made
with the myflix.create_share_link action. Try a Range request, or revoke the
link with myflix.revoke_share_links and watch it stop working.
"""


def write_share_samples(folder: Path) -> list[Path]:
    """Create ``folder`` with a text file and a 4 MiB binary; return their paths."""
    (folder / "Demo").mkdir(parents=True, exist_ok=True)
    text = folder / "Welcome to Myflix.txt"
    text.write_text(SAMPLE_TEXT)
    blob = folder / "Demo" / "sample 4 MiB.bin"
    blob.write_bytes(bytes(range(256)) * (4 * 1024 * 4))
    return [text, blob]


def main() -> None:
    """Write the demo share root given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    for path in write_share_samples(parser.parse_args().folder):
        print(f"share sample: {path}")


if __name__ == "__main__":
    main()
