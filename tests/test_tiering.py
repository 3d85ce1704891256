"""Storage tiering in HA: actions, entities, events, relocation, repairs, HA stop."""

from __future__ import annotations

import asyncio
from datetime import timedelta
import os
from pathlib import Path
import time
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.myflix.clients.errors import MyflixConnectionError
from custom_components.myflix.const import (
    CONF_TIERING_ARCHIVE_ROOT,
    CONF_TIERING_HIGH_WATERMARK,
    CONF_TIERING_HOT_ROOTS,
    CONF_TIERING_INTERVAL,
    CONF_TIERING_LOW_WATERMARK,
    CONF_TIERING_MIN_AGE,
    CONF_TIERING_MODE,
    CONF_TIERING_PATH_MAPPINGS,
    DOMAIN,
)
from custom_components.myflix.engine.tiering import ArchiveFullError, Copier, Journal
from custom_components.myflix.features.arr import SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.features.tiering import TIERING, runner as tiering_runner
from custom_components.myflix.features.tiering.runner import (
    EVENT_FINISHED,
    TieringRuntime,
)
from simulators.tiering_demo import make_demo_tiers

from .conftest import Backend
from .engine.tiering_helpers import move_record

DAY = 86400


def _old_file(path: Path, size: int = 4096, age_days: float = 30) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def tiers(hass: HomeAssistant, tmp_path: Path) -> tuple[Path, Path]:
    hot, archive = tmp_path / "hot", tmp_path / "archive"
    hot.mkdir()
    archive.mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    return hot, archive


async def _setup(
    hass: HomeAssistant, data: dict[str, str], tiers: tuple[Path, Path], **options: Any
) -> MockConfigEntry:
    hot, archive = tiers
    entry = MockConfigEntry(
        domain=DOMAIN,
        data=data,
        options={
            CONF_TIERING_HOT_ROOTS: str(hot),
            CONF_TIERING_ARCHIVE_ROOT: str(archive),
            CONF_TIERING_MIN_AGE: 7,
            CONF_TIERING_INTERVAL: 0,
            **options,
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def _call(hass: HomeAssistant, action: str, **data: Any) -> Any:
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=True
    )


async def _finished(hass: HomeAssistant, events: list[Any]) -> dict[str, Any]:
    async with asyncio.timeout(10):
        while not events:  # noqa: ASYNC110 -- the run is an executor job
            await asyncio.sleep(0.02)
    await hass.async_block_till_done()
    return dict(events[-1].data)


def _runtime(entry: MockConfigEntry) -> TieringRuntime:
    runtime = entry.runtime_data.get(TIERING)
    assert runtime is not None
    return runtime


async def test_plan_run_and_entities(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    _old_file(hot / "movies/Old (1999)/old.mkv", 10_000)
    _old_file(hot / "movies/New (2025)/new.mkv", age_days=1)
    _old_file(hot / "downloads/Getting/part.mkv")
    _old_file(hot / "downloads/Seeding.mkv")
    _old_file(hot / "downloads/x.mkv.!qB")
    sim = qbittorrent.sim
    sim.add_torrent(name="Getting", progress=0.5, save_path=str(hot / "downloads"))
    sim.add_torrent(
        name="Seeding.mkv",
        progress=1.0,
        state="uploading",
        save_path=str(hot / "downloads"),
    )
    entry = await _setup(hass, stack_data, tiers)
    await entry.runtime_data.get(QBITTORRENT).sync.async_refresh()  # type: ignore[union-attr]
    assert hass.states.get("binary_sensor.storage_tiering").state == STATE_OFF
    assert float(hass.states.get("sensor.storage_hot_tier_used").state) > 0

    plan = await _call(hass, "plan_tiering", ignore_watermarks=True)
    assert plan["files"] == 1
    assert plan["moves"][0]["paths"] == [str(hot / "movies/Old (1999)/old.mkv")]
    assert set(plan["skipped"]) == {"too_recent", "downloading", "seeding", "excluded"}
    assert hass.states.get("sensor.storage_pending_to_archive").state != "unknown"
    # The real disk is far below 80 %: without ignoring watermarks nothing moves.
    assert (await _call(hass, "plan_tiering"))["files"] == 0

    events = async_capture_events(hass, EVENT_FINISHED)
    started = await _call(hass, "run_tiering", ignore_watermarks=True)
    assert started == {
        "started": True, "batches": 1, "files": 1, "bytes": 10_000, "triggered": True,
    }  # fmt: skip
    finished = await _finished(hass, events)
    assert finished["outcome"] == "completed"
    assert finished["moved_bytes"] == 10_000
    assert (archive / "movies/Old (1999)/old.mkv").exists()
    assert not (hot / "movies/Old (1999)/old.mkv").exists()
    assert hass.states.get("sensor.storage_last_tiering_run").state != "unknown"
    status = await _call(hass, "get_storage_status")
    assert status["moved_bytes"] == 10_000
    assert status["running"] is False
    assert status["last_run"]["outcome"] == "completed"
    assert status["archive"]["free_bytes"] > 0


async def test_relocate_tells_radarr(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    radarr: Backend,
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    movie_id, movie = next(iter(radarr.sim.movies.items()))
    folder = hot / "movies/Film (2001)"
    movie["path"] = str(folder)
    _old_file(folder / "film.mkv")
    _old_file(folder / "film.srt", 100)
    entry = await _setup(hass, stack_data, tiers, **{CONF_TIERING_MODE: "relocate"})
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    finished = await _finished(hass, events)
    assert finished["relocated"] == 1
    assert radarr.sim.path_changes == [
        {
            "id": movie_id,
            "from": str(folder),
            "to": str(archive / "movies/Film (2001)"),
            "moveFiles": False,
        }
    ]
    assert not folder.exists()
    assert Journal(str(archive)).relocations == []
    assert _runtime(entry).running is False


async def test_container_paths_are_mapped(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    radarr: Backend,
    tiers: tuple[Path, Path],
) -> None:
    """qBittorrent and Radarr name the disks as their containers mount them."""
    hot, archive = tiers
    movie_id, movie = next(iter(radarr.sim.movies.items()))
    movie["path"] = "/data/media/movies/Film (2001)"
    _old_file(hot / "media/movies/Film (2001)/film.mkv")
    _old_file(hot / "torrents/Getting/part.mkv")
    qbittorrent.sim.add_torrent(
        name="Getting", progress=0.5, save_path="/data/torrents"
    )
    mappings = f"/data = {hot}\n/archive = {archive}"
    entry = await _setup(
        hass,
        stack_data,
        tiers,
        **{CONF_TIERING_MODE: "relocate", CONF_TIERING_PATH_MAPPINGS: mappings},
    )
    await entry.runtime_data.get(QBITTORRENT).sync.async_refresh()  # type: ignore[union-attr]

    plan = await _call(hass, "plan_tiering", ignore_watermarks=True)
    # The download is recognised through the mapping, so it stays.
    assert plan["skipped"]["downloading"]["files"] == 1
    assert plan["files"] == 1
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    assert (await _finished(hass, events))["relocated"] == 1
    # Radarr is told the new folder by the name its container sees it under.
    assert radarr.sim.path_changes[-1]["id"] == movie_id
    assert radarr.sim.path_changes[-1]["to"] == "/archive/media/movies/Film (2001)"
    assert (archive / "media/movies/Film (2001)/film.mkv").exists()
    assert (hot / "torrents/Getting/part.mkv").exists()


async def test_not_configured_busy_and_cancel(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hot, _archive = tiers
    for i in range(3):
        _old_file(
            hot / f"f{i}.mkv", 1_000_000
        )  # 16 slow chunks: the cancel lands mid-copy
    entry = await _setup(hass, stack_data, tiers)
    runtime = _runtime(entry)
    gate = asyncio.Event()
    release = asyncio.get_running_loop()

    class Slow(Copier):
        def _write(self, dst: int, data: memoryview, offset: int) -> None:
            release.call_soon_threadsafe(gate.set)
            time.sleep(0.05)
            super()._write(dst, data, offset)

    runtime.mover.copier = Slow(chunk=65536)
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    await gate.wait()
    assert hass.states.get("binary_sensor.storage_tiering").state == STATE_ON
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "run_tiering")
    assert err.value.translation_key == "tiering_running"
    assert await _call(hass, "cancel_tiering") == {"cancelled": True}
    finished = await _finished(hass, events)
    assert finished["outcome"] == "cancelled"
    assert finished["moved_files"] == 1  # the file in flight completed
    other = MockConfigEntry(domain=DOMAIN, data=stack_data, title="Other")
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    with pytest.raises(ServiceValidationError) as err2:
        await _call(hass, "get_storage_status", config_entry_id=other.entry_id)
    assert err2.value.translation_key == "tiering_not_configured"


@pytest.mark.parametrize("finishes", [True, False])
async def test_ha_stop_finishes_or_rolls_back(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    finishes: bool,
) -> None:
    """At HA stop the file in flight completes or rolls back within the budget."""
    hot, archive = tiers
    source = _old_file(hot / "big.mkv", 64 * 65536)
    entry = await _setup(hass, stack_data, tiers)
    runtime = _runtime(entry)
    monkeypatch.setattr(tiering_runner, "FINISH_WINDOW", 5.0 if finishes else 0.2)
    gate = asyncio.Event()
    loop = asyncio.get_running_loop()

    class Slow(Copier):
        def _write(self, dst: int, data: memoryview, offset: int) -> None:
            loop.call_soon_threadsafe(gate.set)
            time.sleep(0.002 if finishes else 0.05)
            super()._write(dst, data, offset)

    runtime.mover.copier = Slow(chunk=65536)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    await gate.wait()
    started = time.monotonic()
    await hass.async_stop(force=True)
    assert time.monotonic() - started < 20  # HA's stage-1 budget
    assert (archive / "big.mkv").exists() is finishes
    assert source.exists() is not finishes
    assert [p.name for p in archive.iterdir() if p.name.endswith(".tmp")] == []
    journal = Journal(str(archive))
    journal.load()
    assert journal.moves == {}


async def test_archive_missing_and_full_repairs(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    _old_file(hot / "a.mkv", 1000)
    entry = await _setup(hass, stack_data, tiers)
    registry = ir.async_get(hass)
    missing_id = f"tiering_archive_missing_{entry.entry_id}"
    archive.rename(archive.with_name("unmounted"))
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "plan_tiering")
    assert err.value.translation_key == "tiering_archive_missing"
    assert registry.async_get_issue(DOMAIN, missing_id) is not None
    archive.with_name("unmounted").rename(archive)
    await _call(hass, "get_storage_status")
    assert registry.async_get_issue(DOMAIN, missing_id) is None
    # A plan that does not fit in the archive raises the "full" repair.
    runtime = _runtime(entry)
    runtime.config = type(runtime.config)(
        **{**runtime.config.__dict__, "archive_reserve": 1 << 62}
    )
    plan = await _call(hass, "plan_tiering", ignore_watermarks=True)
    assert plan["skipped"]["archive_full"]["files"] == 1
    assert registry.async_get_issue(DOMAIN, f"tiering_archive_full_{entry.entry_id}")
    await hass.config_entries.async_unload(entry.entry_id)
    assert (
        registry.async_get_issue(DOMAIN, f"tiering_archive_full_{entry.entry_id}")
        is None
    )


async def test_restart_recovers_and_removes_the_store(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
) -> None:
    """A move cut by a crash is undone at setup; removing the entry drops its store."""
    hot, archive = tiers
    source = _old_file(hot / "a.mkv", 1000)
    temp = archive / ".myflix-tiering-cut.tmp"
    temp.write_bytes(b"partial")
    journal = Journal(str(archive))
    journal.put_move(move_record("copying", [source], [archive / "a.mkv"], temp))
    entry = await _setup(hass, stack_data, tiers)
    assert not temp.exists()
    assert source.exists()
    assert await hass.config_entries.async_remove(entry.entry_id)


async def test_demo_tiers(
    hass: HomeAssistant, stack_data: dict[str, str], tmp_path: Path
) -> None:
    """The demo's folders: old files and the hardlinked pair move, the rest stays."""
    options = make_demo_tiers(tmp_path / "tiers")
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data, options=options)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    plan = await _call(hass, "plan_tiering", ignore_watermarks=True)
    moved = sorted(p.rsplit("/", 1)[1] for m in plan["moves"] for p in m["paths"])
    assert moved == [
        "Metropolis (1927).en.srt", "Metropolis (1927).mkv", "Nosferatu (1922).mkv",
        "Nosferatu.1922.mkv", "S01E01.mkv", "S01E02.mkv",
    ]  # fmt: skip
    assert set(plan["skipped"]) == {"too_recent", "excluded"}


async def test_scheduled_run_above_the_high_watermark(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
) -> None:
    hot, archive = tiers
    _old_file(hot / "old.mkv", 5000)
    events = async_capture_events(hass, EVENT_FINISHED)
    await _setup(
        hass,
        stack_data,
        tiers,
        **{
            CONF_TIERING_INTERVAL: 1,
            CONF_TIERING_HIGH_WATERMARK: 1,
            CONF_TIERING_LOW_WATERMARK: 0,
        },
    )
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(hours=1, seconds=1))
    finished = await _finished(hass, events)
    assert finished["outcome"] == "completed"
    assert (archive / "old.mkv").exists()


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (ArchiveFullError(28, "No space left"), "archive_full"),
        (OSError(5, "EIO"), "failed"),
    ],
)
async def test_run_errors_end_the_run(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    tiers: tuple[Path, Path],
    error: OSError,
    outcome: str,
) -> None:
    hot, _archive = tiers
    _old_file(hot / "a.mkv")
    entry = await _setup(hass, stack_data, tiers)
    runtime = _runtime(entry)

    def broken(*_args: Any) -> Any:
        raise error

    runtime.mover.move_batches = broken  # type: ignore[method-assign]
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    assert (await _finished(hass, events))["outcome"] == outcome
    full = ir.async_get(hass).async_get_issue(
        DOMAIN, f"tiering_archive_full_{entry.entry_id}"
    )
    assert (full is not None) is (outcome == "archive_full")


async def test_relocation_retried_when_the_app_was_down(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    sonarr: Backend,
    tiers: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hot, archive = tiers
    series_id, series = next(iter(sonarr.sim.series.items()))
    folder = hot / "tv/Show"
    series["path"] = str(folder)
    _old_file(folder / "S01/e1.mkv")
    entry = await _setup(hass, stack_data, tiers, **{CONF_TIERING_MODE: "relocate"})
    client = entry.runtime_data.get(SONARR).client  # type: ignore[union-attr]
    real = client.set_series_path

    async def down(*_args: Any) -> Any:
        raise MyflixConnectionError("Sonarr is down")

    monkeypatch.setattr(client, "set_series_path", down)
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    assert (await _finished(hass, events))["relocated"] == 0
    assert (archive / "tv/Show/S01/e1.mkv").exists()
    journal = Journal(str(archive))
    journal.load()
    assert len(journal.relocations) == 1  # remembered for the next run
    monkeypatch.setattr(client, "set_series_path", real)
    events.clear()
    await _call(hass, "run_tiering", ignore_watermarks=True)
    assert (await _finished(hass, events))["relocated"] == 1
    assert sonarr.sim.path_changes[-1]["id"] == series_id


async def test_the_storage_device_survives_a_reload(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    tiers: tuple[Path, Path],
) -> None:
    """A reload keeps the Storage device as it is; turning tiering off drops it."""
    entry = await _setup(hass, stack_data, tiers)
    devices = dr.async_get(hass)

    def storage_device() -> dr.DeviceEntry | None:
        identifier = (DOMAIN, f"{entry.entry_id}_storage")
        return next(
            (
                device
                for device in dr.async_entries_for_config_entry(devices, entry.entry_id)
                if identifier in device.identifiers
            ),
            None,
        )

    storage = storage_device()
    assert storage is not None
    devices.async_update_device(storage.id, name_by_user="NAS disks")

    changes = async_capture_events(hass, dr.EVENT_DEVICE_REGISTRY_UPDATED)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    # Not removed and made again (HA would restore its settings, not its history).
    assert [c.data for c in changes if c.data["action"] == "remove"] == []
    kept = storage_device()
    assert kept is not None
    assert (kept.id, kept.name_by_user) == (storage.id, "NAS disks")
    running = er.async_get(hass).async_get("binary_sensor.storage_tiering")
    assert running is not None
    assert running.device_id == storage.id

    hass.config_entries.async_update_entry(
        entry, options={k: v for k, v in entry.options.items() if "tiering" not in k}
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert storage_device() is None


async def test_a_run_is_explained_and_moved_back(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    qbittorrent: Backend,
    tiers: tuple[Path, Path],
) -> None:
    """The history holds the run's moves; its undo brings the file back, once."""
    hot, archive = tiers
    movie = _old_file(hot / "movies/Old (1999)/old.mkv", 10_000)
    content = movie.read_bytes()
    old = time.time() - 30 * DAY
    os.utime(movie, (old, old))  # reading it made it recent
    entry = await _setup(hass, stack_data, tiers)
    # The plan needs qBittorrent's torrents: a file it may be seeding stays.
    await entry.runtime_data.get(QBITTORRENT).sync.async_refresh()  # type: ignore[union-attr]
    events = async_capture_events(hass, EVENT_FINISHED)
    await _call(hass, "run_tiering", ignore_watermarks=True)
    finished = await _finished(hass, events)
    assert (finished["outcome"], finished["moved_files"]) == ("completed", 1), finished
    assert not movie.exists()

    history = await _call(hass, "get_history", kinds=["tiering_run"])
    (run,) = history["records"]
    assert (run["reason"], run["undoable"]) == ("completed", True)
    assert run["evidence"]["moved_bytes"] == 10_000
    undone = await _call(hass, "undo_change", record_id=run["id"])
    assert undone["result"]["restored_files"] == 1
    assert undone["result"]["restored_bytes"] == 10_000
    assert movie.read_bytes() == content
    assert not (archive / "movies/Old (1999)/old.mkv").exists()
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "undo_change", record_id=run["id"])
    assert err.value.translation_key == "history_already_undone"

    # A move back that points outside the tiers touches nothing.
    with pytest.raises(ServiceValidationError) as err:
        await _call(
            hass,
            "restore_from_archive",
            moves=[{"from": ["/etc/passwd"], "to": [str(hot / "passwd")]}],
        )
    assert err.value.translation_key == "restore_outside_tiers"
    assert not (hot / "passwd").exists()
