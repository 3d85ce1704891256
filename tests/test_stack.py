"""The demo stack (``python -m simulators``) is what scripts/develop connects HA to."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
import signal
import sys

from homeassistant.components import conversation
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.myflix.const import DOMAIN, LLM_API_MYFLIX_ASSIST
from custom_components.myflix.llm_compat import HAS_LLM_PLATFORM
from simulators import nox as nox_module
from simulators.nox import installed_versions
from simulators.server import free_port
from simulators.stack import StackSettings, run_stack

from .nox_versions import NOX_VERSIONS, require_nox

ROOT = Path(__file__).parent.parent
GOOGLE = "google_generative_ai_conversation"


def _settings(qbittorrent: str) -> StackSettings:
    return StackSettings(
        radarr_port=free_port(),
        sonarr_port=free_port(),
        qbittorrent_port=free_port(),
        gluetun_port=free_port(),
        ip_echo_port=free_port(),
        gemini_port=free_port(),
        nordvpn_port=free_port(),
        qbittorrent=qbittorrent,
    )


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
    async with run_stack(_settings(qbittorrent)) as info:
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], info["config_entry"]
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await hass.async_block_till_done()
        entry = hass.config_entries.async_entries(DOMAIN)[0]
        assert entry.state is ConfigEntryState.LOADED
        assert entry.runtime_data.killswitch is not None
        assert entry.runtime_data.killswitch.snapshot.state == "armed"
        expected = "qbittorrent-nox" if qbittorrent == "real" else "simulator"
        assert info["backends"]["qbittorrent"]["kind"].startswith(expected)
        if qbittorrent == "real":
            assert info["backends"]["qbittorrent"]["kind"].endswith(f" {version}")
        # The missing-items search at start sends grabs to qBittorrent.
        backend = entry.runtime_data.radarr
        assert backend is not None
        radarr = backend.client
        for _ in range(50):
            if await radarr.queue():
                break
            await asyncio.sleep(0.1)
        queue = await radarr.queue()
        assert queue
        assert all(item.download_id and item.download_id.isupper() for item in queue)
        await _demo_gemini_agent(hass, monkeypatch, info["gemini_entry"])
        assert await hass.config_entries.async_unload(entry.entry_id)


async def _demo_gemini_agent(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch, gemini: dict[str, str]
) -> None:
    """HA's Gemini agent, on the simulated Gemini, answers with Myflix's tools.

    The demo starts HA with GOOGLE_GEMINI_BASE_URL; the user adds HA's Google
    Gemini integration with the simulator's key, nothing Myflix-specific.
    """
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", gemini["base_url"].rstrip("/") + "/")
    result = await hass.config_entries.flow.async_init(
        GOOGLE, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"api_key": gemini["api_key"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    google = result["result"]
    (agent,) = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), google.entry_id
        )
        if entity.domain == "conversation"
    ]
    if not HAS_LLM_PLATFORM:  # before llm.py, the agent picks the Myflix API
        (subentry,) = [
            s for s in google.subentries.values() if s.subentry_type == "conversation"
        ]
        hass.config_entries.async_update_subentry(
            google,
            subentry,
            data={**subentry.data, "llm_hass_api": [LLM_API_MYFLIX_ASSIST]},
        )
        await hass.async_block_till_done()
    answer = await conversation.async_converse(
        hass, "what's downloading?", None, Context(), agent_id=agent
    )
    spoken = answer.response.speech["plain"]["speech"]
    assert spoken.startswith("(simulated Gemini) myflix__get_downloads: ")
    client = google.runtime_data
    assert await hass.config_entries.async_unload(google.entry_id)
    await client.aio.aclose()  # HA closes it on shutdown, after the test


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
