"""Check that every manifest requirement installs on Home Assistant OS.

HA OS and HA Container are Alpine (musl) on aarch64 (a Raspberry Pi 5) or
x86_64, with no compiler: HA installs a custom integration's requirements from
wheels only. So each requirement must be pinned (``==``, as HA's own
integrations do) and that version must have a musllinux_1_2 wheel for HA's
Python on both machines. pip itself answers, asked as HA OS would ask.

    python scripts/check_wheels.py [--manifest PATH] [pip download options…]

Extra arguments go to ``pip download`` (the tests point it at a local index).
Exit status 1 names every requirement and machine without a wheel.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
import re
import subprocess
import sys
import tempfile

MANIFEST = Path(__file__).parent.parent / "custom_components/myflix/manifest.json"
MACHINES = ("musllinux_1_2_aarch64", "musllinux_1_2_x86_64")
HA_PYTHON = "3.14"
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?==[^,;\s]+$")


def has_wheel(requirement: str, machine: str, pip_options: list[str]) -> bool:
    """Whether pip finds a wheel of ``requirement`` that HA OS on ``machine`` can install."""
    with tempfile.TemporaryDirectory() as target:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--platform",
                machine,
                "--python-version",
                HA_PYTHON,
                "--implementation",
                "cp",
                "--dest",
                target,
                *pip_options,
                requirement,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.returncode == 0 and any(Path(target).glob("*.whl"))


def problems(requirements: list[str], pip_options: list[str]) -> list[str]:
    """One sentence per requirement that would not install on HA OS."""
    found = []
    for requirement in requirements:
        if not PINNED.match(requirement):
            found.append(
                f"{requirement}: not pinned with == (HA OS installs exactly one version)"
            )
            continue
        missing = [m for m in MACHINES if not has_wheel(requirement, m, pip_options)]
        if missing:
            found.append(
                f"{requirement}: no wheel for {', '.join(missing)} (Python {HA_PYTHON})"
            )
    return found


def main() -> int:
    """Check the manifest's requirements; print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args, pip_options = parser.parse_known_args()
    requirements = json.loads(args.manifest.read_text())["requirements"]
    found = problems(requirements, pip_options)
    for sentence in found:
        print(f"FAIL {sentence}")
    if not found:
        print(
            f"OK {len(requirements)} requirement(s) have wheels for {', '.join(MACHINES)}: "
            + (", ".join(requirements) or "none")
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
