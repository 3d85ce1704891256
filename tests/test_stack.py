"""The demo stack (``python -m simulators``) is what scripts/develop connects HA to."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
import signal
import sys

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest

from custom_components.myflix.features.arr import RADARR
from custom_components.myflix.features.vpn import KILLSWITCH
from simulators import nox as nox_module
from simulators.nox import installed_versions
from simulators.server import free_port
from simulators.stack import run_stack

from .nox_versions import NOX_VERSIONS, require_nox
from .stack_helpers import (
    add_myflix,
    assert_gemini_uses_myflix,
    free_port_settings,
    gemini_agent,
)

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    "qbittorrent",
    ["fake", *(pytest.param(f"real-{v}", id=f"nox-{v}") for v in NOX_VERSIONS)],
)
async def test_config_flow_against_demo_stack(
    hass: HomeAssistant,
    socket_enabled: None,
    monkeypatch: pytest.MonkeyPatch,
    qbittorrent: str,
) -> None:
    """The stack's printed entry data configures Myflix, which then loads."""
    if qbittorrent.startswith("real-"):
        version = qbittorrent.removeprefix("real-")
        require_nox(version)
        # The stack starts ``simulators.nox.BINARY``: point it at this version.
        monkeypatch.setattr(nox_module, "BINARY", installed_versions()[version])
        qbittorrent = "real"
    async with run_stack(free_port_settings(qbittorrent=qbittorrent)) as info:
        entry = await add_myflix(hass, info["config_entry"])
        assert entry.state is ConfigEntryState.LOADED
        assert entry.runtime_data.get(KILLSWITCH) is not None
        assert entry.runtime_data.get(KILLSWITCH).snapshot.state == "armed"
        expected = "qbittorrent-nox" if qbittorrent == "real" else "simulator"
        assert info["backends"]["qbittorrent"]["kind"].startswith(expected)
        if qbittorrent == "real":
            assert info["backends"]["qbittorrent"]["kind"].endswith(f" {version}")
        # The missing-items search at start sends grabs to qBittorrent.
        backend = entry.runtime_data.get(RADARR)
        assert backend is not None
        radarr = backend.client
        for _ in range(50):
            if await radarr.queue():
                break
            await asyncio.sleep(0.1)
        queue = await radarr.queue()
        assert queue
        assert all(item.download_id and item.download_id.isupper() for item in queue)
        async with gemini_agent(hass, monkeypatch, info["gemini_entry"]) as agent:
            await assert_gemini_uses_myflix(hass, agent)
        assert await hass.config_entries.async_unload(entry.entry_id)


async def test_python_m_simulators(socket_enabled: None, tmp_path: Path) -> None:
    """``python -m simulators`` writes its state file when ready and stops on SIGTERM."""
    state_file = tmp_path / "stack.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "simulators", "--qbittorrent", "fake",
        "--radarr-port", str(free_port()), "--sonarr-port", str(free_port()),
        "--qbittorrent-port", str(free_port()), "--gluetun-port", str(free_port()),
        "--ip-echo-port", str(free_port()), "--gemini-port", str(free_port()),
        "--nordvpn-port", str(free_port()), "--state-file", str(state_file),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(200):
            if state_file.exists():
                break
            await asyncio.sleep(0.05)
        info = json.loads(state_file.read_text())
        assert set(info["backends"]) == {
            "radarr", "sonarr", "qbittorrent", "gluetun", "ip echo", "watchtower",
            "gemini", "nordvpn",
        }  # fmt: skip
        assert info["config_entry"]["radarr_url"].startswith("http://127.0.0.1:")
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 0, output.decode()
    assert b"Ready." in output
    assert not state_file.exists()
