"""Every feature on at once, as the demo configures it, called as users call it.

The demo stack (``simulators.stack``) with its backends addressed by host
name, the config flow, every options page the demo saves (share root, vault
recipient, tiering folders), HA's Google Gemini agent beside it; then every
Myflix action is called and must answer sensibly. A new action fails the
last check until it is called here too.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er, llm
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.myflix.const import DOMAIN, LLM_API_MYFLIX_ASSIST
from custom_components.myflix.engine.vault import decrypt
from custom_components.myflix.features.conversation.llm_compat import HAS_LLM_PLATFORM
from custom_components.myflix.features.vpn import (
    actions as services_vpn,
    rotation as vpn_rotation,
)
from simulators.stack import DEMO_SEEDING, run_stack

from .conversation_helpers import llm_context
from .stack_helpers import (
    add_myflix,
    assert_gemini_uses_myflix,
    free_port_settings,
    gemini_agent,
)

SHARED = b"myflix all-features share " * 4096


class Actions:
    """Calls Myflix actions and remembers which were called."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.called: set[str] = set()

    async def __call__(self, action: str, **data: Any) -> dict[str, Any]:
        self.called.add(action)
        response = await self.hass.services.async_call(
            DOMAIN, action, data, blocking=True, return_response=True
        )
        return dict(response or {})


@pytest.fixture
async def demo(
    hass: HomeAssistant,
    socket_enabled: None,
    disable_mock_zeroconf_resolver: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[dict[str, Any]]:
    """The demo's stack and entries, backends reached by host name."""
    settings = free_port_settings(
        qbittorrent="auto",  # as the demo: the real nox when installed
        # As the demo: a second nox seeds the grabs (small content here), one
        # release is left unseeded for self-healing.
        seeding=replace(
            DEMO_SEEDING, scale=1e-6, min_bytes=64 << 10, max_bytes=256 << 10
        ),
        tiering_dir=str(tmp_path / "tiers"),
        host_names=True,
    )
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    share_root = tmp_path / "Shared"
    (share_root / "Demo").mkdir(parents=True)
    (share_root / "Demo" / "sample.bin").write_bytes(SHARED)

    # rotate_vpn: the simulated NordVPN; latency to its exit IPs needs the
    # internet, so a fixed 40 ms stands in for the TCP probe.
    async def fake_latency(_host: str, _port: int) -> float:
        return 40.0

    monkeypatch.setattr(vpn_rotation, "measure_latency", fake_latency)
    monkeypatch.setattr(vpn_rotation, "TUNNEL_POLL", 0.01)
    async with run_stack(settings) as info:
        monkeypatch.setattr(services_vpn, "NORDVPN_API", info["nordvpn_api"])
        assert "radarr.localhost" in info["config_entry"]["radarr_url"]
        entry = await add_myflix(hass, info["config_entry"])
        pages = {
            "share": {"share_roots": str(share_root)},
            "vault": {"vault_recipients": info["vault"]["recipient"], "vault_keep": 7},
            "tiering": info["options"],
            "healing": info["healing"],
        }
        for page, fields in pages.items():
            flow = await hass.config_entries.options.async_init(entry.entry_id)
            flow = await hass.config_entries.options.async_configure(
                flow["flow_id"], {"next_step_id": page}
            )
            flow = await hass.config_entries.options.async_configure(
                flow["flow_id"], fields
            )
            assert flow["type"] is FlowResultType.CREATE_ENTRY, (page, flow)
            await hass.async_block_till_done()
        # HA's Gemini agent stays loaded while every action runs, as in the demo.
        async with gemini_agent(hass, monkeypatch, info["gemini_entry"]) as agent:
            await assert_gemini_uses_myflix(hass, agent)
            assert entry.state is ConfigEntryState.LOADED
            yield info | {"share_root": share_root}
        await hass.config_entries.async_unload(entry.entry_id)


async def test_every_action_with_every_feature_on(
    hass: HomeAssistant,
    demo: dict[str, Any],
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Each action answers sensibly; the share link downloads; the vault opens."""
    act = Actions(hass)

    # Radarr and Sonarr.
    queue = await act("get_queue")
    assert queue["count"] == len(queue["items"]) or queue["left_out"] > 0
    upcoming = await act("get_upcoming", days=30)
    assert upcoming["count"] >= 1
    found = await act("search_media", query="Dune")
    assert [m["year"] for m in found["movies"]["items"]][:3] == [2024, 2021, 1984]
    assert (await act("add_movie", query="Gladiator II"))["title"] == "Gladiator II"
    assert (await act("add_series", query="Andor"))["title"] == "Andor"

    # qBittorrent.
    torrents = await act("get_torrents")
    assert torrents["count"] >= 1
    paused = await act("pause_downloads")
    assert paused["all"] is True
    # The *arr apps may grab more meanwhile (the adds above search): compare hashes.
    for status in ("downloading", "seeding"):
        running = await act("get_torrents", status=status, limit=500)
        assert not set(paused["hashes"]) & {item["hash"] for item in running["items"]}
    assert (await act("resume_downloads"))["count"] >= 1
    assert (await act("get_torrents", status="stopped"))["count"] == 0
    limits = await act("set_speed_limits", download_limit=2048)
    assert limits == {"download_limit": 2048}
    # Someone watches: the limits drop and tiering waits; then exactly back.
    held = await act("hold_for_playback", download_limit=256, upload_limit=64)
    assert held["saved"]["download_limit"] == 2048
    assert hass.states.get("binary_sensor.qbittorrent_playback_hold").state == "on"
    assert (await act("get_storage_status"))["waiting"] is True
    assert (await act("end_playback_hold"))["restored"] == held["saved"]
    assert (await act("get_storage_status"))["waiting"] is False

    # The VPN and the killswitch.
    status = await act("get_vpn_status")
    assert status["tunnel"] == "running"
    assert (await act("check_vpn_now"))["verdict"] == "clean"
    halted = await act("halt_downloads", reason="all-features test")
    assert halted["state"] == "tripped"
    released = await act("release_downloads")
    assert released["state"] == "armed"
    rotated = await act("rotate_vpn", country="Switzerland")
    assert (rotated["result"], rotated["public_ip_changed"]) == ("rotated", True)

    # The history: the halt is recorded with its reason, and taken back once.
    await act("halt_downloads", reason="history test")
    history = await act("get_history", kinds=["killswitch_tripped"], limit=1)
    (halt,) = history["records"]
    assert (halt["reason"], halt["undoable"]) == ("manual", True)
    undone = await act("undo_change", record_id=halt["id"])
    assert undone["result"]["state"] == "armed"
    assert undone["record"]["undone_at"] is not None
    with pytest.raises(ServiceValidationError) as again:
        await act("undo_change", record_id=halt["id"])
    assert again.value.translation_key == "history_already_undone"
    assert (await act("get_history", title="no such title"))["count"] == 0
    # The undo of a replaced release, here for one that is not blocklisted.
    retried = await act("retry_release", app="radarr", title="Not.Blocked.2024")
    assert retried == {"unblocked": 0, "searched": False}

    # The share gateway: the link downloads the very bytes.
    link = await act("create_share_link", path="Shared/Demo/sample.bin")
    client = await hass_client_no_auth()
    download = await client.get(urlsplit(link["url"]).path)
    assert download.status == 200
    assert await download.read() == SHARED
    assert (await act("list_share_links"))["count"] == 1
    assert (await act("revoke_share_links", all=True))["revoked"] == 1

    # The vault: a backup the demo's identity opens.
    backup = await act("backup_vault")
    sealed = Path(backup["path"]).read_bytes()
    assert decrypt(sealed, demo["vault"]["identity"])
    verified = await act(
        "verify_vault", path=backup["path"], identity=demo["vault"]["identity"]
    )
    assert verified["intact"] is True
    assert verified["members"]

    # Containers (the demo's registry has a newer Radarr), self-healing, cleaning.
    updated = await act("update_containers")
    assert (len(updated["changed"]), updated["summary"]["failed"]) == (1, 0)
    # Nothing is old enough to strike yet (the demo's minimum age is a minute);
    # whatever is decided is about standing still.
    preview = await act("heal_now", dry_run=True)
    assert preview["watched"] >= 1
    assert {d["reason"] for d in preview["decisions"]} <= {"metadata", "stalled"}
    assert (await act("heal_now"))["dry_run"] is False
    strikes = await act("list_strikes")
    struck = [d for d in preview["decisions"] if d["action"] == "strike"]
    assert strikes["count"] == len(struck)
    assert (await act("forget_strikes"))["forgotten"] == strikes["count"]
    cleaning = await act("clean", dry_run=True)
    assert cleaning["torrent_count"] == len(cleaning["torrents"])

    # Storage tiering over the demo's hot and archive folders.
    plan = await act("plan_tiering", ignore_watermarks=True)
    assert plan["files"] >= 1
    run = await act("run_tiering", ignore_watermarks=True)
    assert (run["started"], run["files"]) == (True, plan["files"])
    assert "cancelled" in await act("cancel_tiering")
    async with asyncio.timeout(30):  # the files in flight finish first
        while (await act("get_storage_status"))["running"]:  # noqa: ASYNC110 -- an executor job, no event
            await asyncio.sleep(0.1)
    with pytest.raises(ServiceValidationError) as refused:
        await act(
            "restore_from_archive", moves=[{"from": ["/etc/hosts"], "to": ["/x"]}]
        )
    assert refused.value.translation_key == "restore_outside_tiers"
    storage = await act("get_storage_status")
    assert storage["hot"][0]["total_bytes"] > 0
    space = await act("get_free_space")
    assert {p["backend"] for p in space["places"]} == {
        "radarr",
        "sonarr",
        "qbittorrent",
    }
    assert space["unavailable"] == []

    registered = set(hass.services.async_services_for_domain(DOMAIN))
    assert registered - act.called == set(), "actions this test does not call"


EVERY_TOOL = {
    "search_media", "add_movie", "add_series", "get_queue", "get_upcoming",
    "get_downloads", "pause_downloads", "resume_downloads", "get_vpn_status",
    "check_vpn_now", "halt_downloads", "release_downloads", "rotate_vpn",
    "get_history", "get_storage_status", "heal_now", "create_share_link",
}  # fmt: skip
TOOL_ARGS: dict[str, dict[str, Any]] = {
    "search_media": {"query": "Dune"},
    "add_movie": {"tmdb_id": 558449},  # Gladiator II
    "add_series": {"tvdb_id": 393189},  # Andor
    "create_share_link": {"path": "Shared/Demo/sample.bin"},
    "halt_downloads": {"confirm": True},
    "rotate_vpn": {"confirm": True},
}


async def test_every_llm_tool_with_every_feature_on(
    hass: HomeAssistant, demo: dict[str, Any]
) -> None:
    """Each Myflix tool an LLM agent gets answers without an error."""
    api_id = llm.LLM_API_ASSIST if HAS_LLM_PLATFORM else LLM_API_MYFLIX_ASSIST
    api = await llm.async_get_api(hass, api_id, llm_context())
    tools = {
        tool.name.lower().removeprefix("myflix__"): tool
        for tool in api.tools
        if tool.name.lower().startswith("myflix__")
    }
    assert set(tools) == EVERY_TOOL
    answers: dict[str, Any] = {}
    for name, tool in tools.items():
        result = await tool.async_call(
            hass,
            llm.ToolInput(tool_name=tool.name, tool_args=TOOL_ARGS.get(name, {})),
            llm_context(),
        )
        data = getattr(result, "data", result)  # llm.ToolResult on HA >= 2026.8
        assert data["success"] is True, (name, data)
        answers[name] = data["result"]
    titles = [movie["title"] for movie in answers["search_media"]["movies"]["items"]]
    assert "<<untrusted>>Dune<</untrusted>>" in titles  # internet text is marked
    assert answers["add_movie"]["tmdb_id"] == 558449
    assert answers["add_series"]["tvdb_id"] == 393189
    assert answers["get_vpn_status"]["tunnel"] == "running"
    assert answers["halt_downloads"]["state"] == "tripped"
    assert answers["release_downloads"]["state"] == "armed"
    assert answers["rotate_vpn"]["result"] == "rotated"
    assert answers["create_share_link"]["expires_at"]
    # The history tool, called after them, tells what those did and why.
    kinds = {record["kind"] for record in answers["get_history"]["records"]}
    assert {"killswitch_tripped", "killswitch_released", "vpn_rotated"} <= kinds


async def test_the_registry_on_the_demo_configuration(
    hass: HomeAssistant, demo: dict[str, Any], snapshot: SnapshotAssertion
) -> None:
    """Every entity's ID, unique ID and device, as users' registries hold them.

    Recorded before the entity bases were merged into one: refactoring must
    leave users' entity IDs, history and automations where they are.
    """
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    entities = er.async_get(hass)
    devices = dr.async_get(hass)

    def anonymous(text: str) -> str:
        return text.replace(entry.entry_id, "<entry>")

    registry = []
    for item in er.async_entries_for_config_entry(entities, entry.entry_id):
        device = devices.async_get(item.device_id) if item.device_id else None
        registry.append(
            {
                "entity_id": item.entity_id,
                "unique_id": anonymous(item.unique_id),
                "translation_key": item.translation_key,
                "disabled_by": item.disabled_by,
                "device": sorted(anonymous(i) for _, i in device.identifiers)
                if device
                else None,
            }
        )
    assert len(registry) > 50
    # Unique IDs repeat across platforms (a sensor and a calendar of Sonarr).
    order = sorted(registry, key=lambda item: (item["unique_id"], item["entity_id"]))
    assert order == snapshot


async def test_the_card_with_every_feature_on(
    hass: HomeAssistant, demo: dict[str, Any], hass_ws_client: WebSocketGenerator
) -> None:
    """The card's subscription over the demo: every section; a leak shows as it happens."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "myflix/media/subscribe", "days": 30})
    assert (await client.receive_json())["success"]
    first = (await client.receive_json())["event"]
    assert first["full"] is True
    assert first["upcoming"]
    assert all(release["poster"] for release in first["upcoming"])
    vpn = first["vpn"]
    assert vpn["killswitch"] == "armed"
    assert vpn["exit_country"]
    assert vpn["connectability"] is not None
    assert vpn["last_halt"] is None
    storage = first["storage"]
    assert storage["hot"]["total"] > 0
    assert storage["archive"]["total"] > 0
    # Nothing planned yet, and the demo's tiering has no schedule: said so.
    assert storage["next_move"] == {
        "files": None,
        "bytes": None,
        "titles": [],
        "at": None,
    }
    # A plan: the card hears what would move.
    plan = await hass.services.async_call(
        DOMAIN, "plan_tiering", {"ignore_watermarks": True},
        blocking=True, return_response=True,
    )  # fmt: skip
    assert plan is not None
    while "storage" not in (event := (await client.receive_json())["event"]):
        assert event["full"] is False
    move = event["storage"]["next_move"]
    assert (move["files"], move["bytes"]) == (plan["files"], plan["bytes"])
    assert move["titles"]

    # A leak: the killswitch halts; the card hears it without asking.
    session = async_get_clientsession(hass)
    gluetun = demo["config_entry"]["gluetun_url"]
    async with session.post(f"{gluetun}/_sim/leak") as response:
        assert response.status == 200
    halted: dict[str, Any] | None = None
    async with asyncio.timeout(60):
        while halted is None:
            event = (await client.receive_json())["event"]
            assert event["full"] is False  # only what changed
            if (event.get("vpn") or {}).get("last_halt"):
                halted = event["vpn"]
    assert halted["killswitch"] == "tripped"
    assert halted["last_halt"]["latency_ms"] >= 0
    async with session.post(f"{gluetun}/_sim/restore") as response:
        assert response.status == 200
