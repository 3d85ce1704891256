"""Tiering options: folders must exist and be allowed; errors name the folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.const import (
    CONF_TIERING_ARCHIVE_ROOT,
    CONF_TIERING_HIGH_WATERMARK,
    CONF_TIERING_HOT_ROOTS,
    CONF_TIERING_LOW_WATERMARK,
    CONF_TIERING_MIN_AGE,
    CONF_TIERING_PATH_MAPPINGS,
    DOMAIN,
)
from custom_components.myflix.engine.tiering import TieringMode
from custom_components.myflix.features.tiering import TIERING
from custom_components.myflix.features.tiering.inputs import tiering_config
from simulators.tiering_demo import make_demo_tiers

from .conftest import QBT_PASS, QBT_USER, Backend
from .options_helpers import open_options_page


@pytest.fixture
async def entry(hass: HomeAssistant, qbittorrent: Backend) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={
            "qbittorrent_url": qbittorrent.url,
            "qbittorrent_username": QBT_USER,
            "qbittorrent_password": QBT_PASS,
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def _submit(hass: HomeAssistant, entry: MockConfigEntry, **fields: Any) -> Any:
    result = await open_options_page(hass, entry.entry_id, "tiering")
    return await hass.config_entries.options.async_configure(result["flow_id"], fields)


async def test_valid_folders_turn_tiering_on(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    (tmp_path / "hot one").mkdir()
    (tmp_path / "hot2").mkdir()
    (tmp_path / "archive").mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    result = await _submit(
        hass,
        entry,
        **{
            CONF_TIERING_HOT_ROOTS: f"{tmp_path / 'hot one'}\n{tmp_path / 'hot2'}",
            CONF_TIERING_ARCHIVE_ROOT: str(tmp_path / "archive"),
            CONF_TIERING_MIN_AGE: 3.0,
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_TIERING_MIN_AGE] == 3
    assert entry.runtime_data.get(TIERING) is not None
    config = tiering_config(entry.options)
    assert config is not None
    assert config.hot_roots == (str(tmp_path / "hot one"), str(tmp_path / "hot2"))
    assert config.mode is TieringMode.UNION
    assert config.min_age == 3 * 86400
    assert "*.!qB" in config.excludes
    assert hass.states.get("sensor.storage_archive_used") is not None
    # Emptying the folders turns it off and forgets its settings.
    result = await _submit(hass, entry)
    await hass.async_block_till_done()
    assert not {CONF_TIERING_HOT_ROOTS, CONF_TIERING_ARCHIVE_ROOT} & set(entry.options)
    assert CONF_TIERING_MIN_AGE not in entry.options
    assert entry.runtime_data.get(TIERING) is None


@pytest.mark.parametrize(
    "case",
    [
        ("{t}/hot", "", CONF_TIERING_ARCHIVE_ROOT, "tiering_incomplete", ""),
        ("relative/hot", "{t}/archive", CONF_TIERING_HOT_ROOTS, "path_not_absolute", "relative/hot"),
        ("/etc", "{t}/archive", CONF_TIERING_HOT_ROOTS, "path_not_allowed", "/etc"),
        ("{t}/hot", "{t}/gone", CONF_TIERING_ARCHIVE_ROOT, "path_missing", "{t}/gone"),
        ("{t}/hot", "{t}/hot/archive", CONF_TIERING_ARCHIVE_ROOT, "tiering_overlap", "{t}/hot"),
    ],
)  # fmt: skip
async def test_bad_folders_are_named(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    tmp_path: Path,
    case: tuple[str, str, str, str, str],
) -> None:
    hot, archive, field, error, named = case
    (tmp_path / "hot/archive").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    fields = {CONF_TIERING_HOT_ROOTS: hot.format(t=tmp_path)}
    if archive:
        fields[CONF_TIERING_ARCHIVE_ROOT] = archive.format(t=tmp_path)
    result = await _submit(hass, entry, **fields)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {field: error}
    assert result["description_placeholders"]["path"] == named.format(t=tmp_path)
    assert CONF_TIERING_HOT_ROOTS not in entry.options


async def test_watermarks_must_be_ordered(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    (tmp_path / "hot").mkdir()
    (tmp_path / "archive").mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    result = await _submit(
        hass,
        entry,
        **{
            CONF_TIERING_HOT_ROOTS: str(tmp_path / "hot"),
            CONF_TIERING_ARCHIVE_ROOT: str(tmp_path / "archive"),
            CONF_TIERING_HIGH_WATERMARK: 70.0,
            CONF_TIERING_LOW_WATERMARK: 70.0,
        },
    )
    assert result["errors"] == {CONF_TIERING_LOW_WATERMARK: "tiering_watermarks"}


async def test_path_mappings_are_checked_and_kept(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    (tmp_path / "hot").mkdir()
    (tmp_path / "archive").mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    folders = {
        CONF_TIERING_HOT_ROOTS: str(tmp_path / "hot"),
        CONF_TIERING_ARCHIVE_ROOT: str(tmp_path / "archive"),
    }
    result = await _submit(
        hass, entry, **folders, **{CONF_TIERING_PATH_MAPPINGS: "/data = media"}
    )
    assert result["errors"] == {CONF_TIERING_PATH_MAPPINGS: "tiering_path_mapping"}
    assert result["description_placeholders"]["path"] == "/data = media"
    mappings = f"/data = {tmp_path / 'hot'}"
    result = await _submit(
        hass, entry, **folders, **{CONF_TIERING_PATH_MAPPINGS: mappings}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    config = tiering_config(entry.options)
    assert config is not None
    assert config.path_mappings.to_local("/data/x.mkv") == str(tmp_path / "hot/x.mkv")


async def test_archive_alone_is_kept_for_the_vault(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    """An archive folder without hot folders: tiering stays off, the folder is kept."""
    (tmp_path / "archive").mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    result = await _submit(
        hass, entry, **{CONF_TIERING_ARCHIVE_ROOT: str(tmp_path / "archive")}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_TIERING_ARCHIVE_ROOT] == str(tmp_path / "archive")
    assert CONF_TIERING_MIN_AGE not in entry.options
    assert entry.runtime_data.get(TIERING) is None


async def test_the_demo_options_pass_the_flow(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    """What scripts/demo/bootstrap.py posts is accepted as is."""
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    result = await _submit(hass, entry, **make_demo_tiers(tmp_path / "tiers"))
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.runtime_data.get(TIERING) is not None
