"""Which real qbittorrent-nox versions the tests run against.

Every installed version plus the ones users run (4.5.2 on Debian 12, 5.3.0 on
Debian sid), each as a test id ``nox-<version>``. A version that is not
installed is skipped locally and fails under CI (``CI`` set): CI runs both.
"""

from __future__ import annotations

import os

import pytest

from simulators.nox import QbittorrentNox, installed_versions, nox_versions

NOX_VERSIONS = nox_versions()
NOX_KINDS = [f"nox-{version}" for version in NOX_VERSIONS]
NOX_PARAMS = [pytest.param(version, id=f"nox-{version}") for version in NOX_VERSIONS]


def require_nox(version: str) -> None:
    """Skip (locally) or fail (under CI) when qbittorrent-nox ``version`` is missing."""
    if QbittorrentNox.available(version):
        return
    found = ", ".join(installed_versions()) or "none"
    message = (
        f"qbittorrent-nox {version} is not installed (found: {found}; "
        "scripts/setup installs 5.3.0 and the host's 4.5.2, or list binaries "
        "in MYFLIX_NOX_BINARIES)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def is_v5(version: str) -> bool:
    """Whether ``version`` speaks the 5.x vocabulary (stop/start, ``stopped*``)."""
    return int(version.split(".", maxsplit=1)[0]) >= 5
