"""scripts/check_wheels.py: a requirement without musllinux wheels fails by name.

pip answers from a local folder of wheels here (no registry in tests); CI runs
the script against PyPI itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
import subprocess
import sys
import zipfile

SCRIPT = Path(__file__).parent.parent / "scripts" / "check_wheels.py"


def _wheel(folder: Path, name: str, version: str, tag: str) -> None:
    """A minimal valid wheel, enough for ``pip download``."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}/WHEEL": f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: {tag}\n".encode(),
    }
    record = "".join(
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for path, data in files.items()
    )
    with zipfile.ZipFile(folder / f"{name}-{version}-{tag}.whl", "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(f"{dist}/RECORD", record + f"{dist}/RECORD,,\n")


def _check(tmp_path: Path, requirements: list[str]) -> subprocess.CompletedProcess[str]:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"requirements": requirements}))
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--manifest",
            str(manifest),
            "--no-index",
            "--find-links",
            str(tmp_path / "wheels"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_requirements_with_wheels_for_both_machines_pass(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    _wheel(wheels, "fasthash", "4.1.0", "cp314-cp314-musllinux_1_2_x86_64")
    _wheel(wheels, "fasthash", "4.1.0", "cp314-cp314-musllinux_1_2_aarch64")
    _wheel(wheels, "puretool", "2.0", "py3-none-any")
    result = _check(tmp_path, ["fasthash==4.1.0", "puretool==2.0"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK 2 requirement(s)" in result.stdout


def test_a_missing_musllinux_wheel_fails_by_name(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    # Like pyrage 1.4.0: manylinux only.
    _wheel(
        wheels,
        "rustage",
        "1.4.0",
        "cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64",
    )
    _wheel(
        wheels,
        "rustage",
        "1.4.0",
        "cp39-abi3-manylinux_2_17_aarch64.manylinux2014_aarch64",
    )
    # One machine only.
    _wheel(wheels, "halfway", "1.0", "cp314-cp314-musllinux_1_2_x86_64")
    result = _check(tmp_path, ["rustage==1.4.0", "halfway==1.0", "loose>=1"])
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "FAIL rustage==1.4.0: no wheel for musllinux_1_2_aarch64, musllinux_1_2_x86_64 (Python 3.14)"
        in lines
    )
    assert (
        "FAIL halfway==1.0: no wheel for musllinux_1_2_aarch64 (Python 3.14)" in lines
    )
    assert (
        "FAIL loose>=1: not pinned with == (HA OS installs exactly one version)"
        in lines
    )
