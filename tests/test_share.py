"""The share gateway in HA: actions, sensors, options, set-up and removal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_component import async_update_entity
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
import voluptuous as vol

from custom_components.myflix.const import (
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SHARE_BANDWIDTH,
    CONF_SHARE_REQUESTS_PER_SECOND,
    CONF_SHARE_ROOTS,
    DOMAIN,
)
from custom_components.myflix.features.share import SHARE
from custom_components.myflix.features.share.runtime import root_names
from custom_components.myflix.features.share.server import ShareStats
from custom_components.myflix.storage import entry_store_key
from simulators.share_demo import write_share_samples

from .conftest import RADARR_KEY, Backend
from .options_helpers import open_options_page
from .services_helpers import call, call_fails, setup_entry
from .share_setup import setup_share

DUNE = "movies/Dune (2021)/Dune.mkv"


async def test_create_list_revoke(
    hass: HomeAssistant, radarr: Backend, tmp_path: Path
) -> None:
    """Create answers a URL on HA's external URL; list hides tokens; revoke works."""
    await hass.config.async_update(external_url="https://media.example.org")
    _entry, tree, share = await setup_share(hass, radarr.url, tmp_path)
    created = await call(
        hass,
        "create_share_link",
        {"path": str(tree.movies / "Dune (2021)" / "Dune.mkv"), "max_downloads": 3},
    )
    assert created["url"].startswith("https://media.example.org/api/myflix/share/")
    assert created["url"].endswith("/Dune.mkv")
    assert created["path"] == DUNE
    assert created["max_downloads"] == 3
    assert created["ip_bound"] is False
    token = created["url"].split("/")[-2]
    listed = await call(hass, "list_share_links")
    assert listed["count"] == 1
    assert token not in str(listed)
    assert listed["links"][0]["id"] == created["id"]

    second = await call(
        hass,
        "create_share_link",
        {"path": "shows/Show/S01/E01.mkv", "client_ip": "2001:db8::0:1"},
    )
    assert second["ip_bound"] is True
    assert share.links.active()[-1].client_ip == "2001:db8::1"
    with pytest.raises(vol.Invalid):
        await call(hass, "create_share_link", {"path": DUNE, "client_ip": "nope"})
    assert await call(hass, "revoke_share_links", {"id": created["id"]}) == {
        "revoked": 1
    }
    await call_fails(
        hass, "revoke_share_links", {"id": created["id"]}, ServiceValidationError,
        "share_link_not_found",
    )  # fmt: skip
    await call_fails(
        hass, "revoke_share_links", {}, ServiceValidationError, "share_revoke_what"
    )
    assert await call(hass, "revoke_share_links", {"all": True}) == {"revoked": 1}
    assert (await call(hass, "list_share_links"))["count"] == 0


@pytest.mark.parametrize(
    "path",
    ["movies/escape.txt", "movies/../private/secret.txt", "/etc/passwd", "movies/fifo",
     "movies/Dune (2021)", "music/x.mkv"],
)  # fmt: skip
async def test_create_refuses_unsafe_paths(
    hass: HomeAssistant, radarr: Backend, tmp_path: Path, path: str
) -> None:
    """Nothing outside the roots, and nothing but regular files, gets a link."""
    await setup_share(hass, radarr.url, tmp_path)
    await call_fails(
        hass, "create_share_link", {"path": path}, ServiceValidationError,
        "share_path_refused",
    )  # fmt: skip


async def test_url_falls_back_to_the_path(
    hass: HomeAssistant, radarr: Backend, tmp_path: Path
) -> None:
    """Without any known HA URL, the link is the path on HA's own address."""
    await setup_share(hass, radarr.url, tmp_path)
    hass.config.api = None
    created = await call(hass, "create_share_link", {"path": DUNE})
    assert created["url"].startswith("/api/myflix/share/")


async def test_without_roots_the_actions_say_so(
    hass: HomeAssistant, radarr: Backend
) -> None:
    """An entry without share roots has no gateway, and the actions explain."""
    entry = await setup_entry(
        hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
    )
    assert entry.runtime_data.get(SHARE) is None
    await call_fails(
        hass, "list_share_links", {}, ServiceValidationError, "share_not_configured"
    )


async def test_sensors_follow_the_gateway(
    hass: HomeAssistant,
    *,
    radarr: Backend,
    tmp_path: Path,
    hass_client_no_auth: ClientSessionGenerator,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Active links, bytes today and throttled requests, pushed as they change."""
    entry, tree, _share = await setup_share(
        hass,
        radarr.url,
        tmp_path,
        options={CONF_SHARE_REQUESTS_PER_SECOND: 1, CONF_SHARE_BANDWIDTH: 0},
        platforms=True,
    )
    ids = {
        e.unique_id.removeprefix(f"{entry.entry_id}_share_"): e.entity_id
        for e in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
        if "_share_" in e.unique_id
    }
    assert set(ids) == {
        "active_share_links", "share_bytes_today", "share_throttled_requests"
    }  # fmt: skip
    assert hass.states.get(ids["active_share_links"]).state == "0"
    created = await call(hass, "create_share_link", {"path": "movies/trailer.mp4"})
    assert hass.states.get(ids["active_share_links"]).state == "1"
    client = await hass_client_no_auth()
    path = created["url"].split("://", 1)[-1].split("/", 1)[-1]
    assert (await client.get(f"/{path}")).status == 200
    assert (await client.get(f"/{path}")).status == 429
    # A 429 within a second of the download is not pushed; the poll brings it in.
    for entity_id in ids.values():
        await async_update_entity(hass, entity_id)
    size = (tree.movies / "trailer.mp4").stat().st_size
    bytes_state = hass.states.get(ids["share_bytes_today"])
    assert bytes_state.attributes["unit_of_measurement"] == "MiB"
    assert float(bytes_state.state) == pytest.approx(size / 2**20)
    assert hass.states.get(ids["share_throttled_requests"]).state == "1"
    # Reloading keeps the device (it is not a stale backend device).
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(ids["active_share_links"]).state == "1"


async def test_options_validate_roots(
    hass: HomeAssistant, radarr: Backend, tmp_path: Path
) -> None:
    """Roots must exist and be allowed; limits are saved as whole numbers."""
    entry = await setup_entry(
        hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
    )
    allowed = tmp_path / "media"
    allowed.mkdir()
    hass.config.allowlist_external_dirs = {str(allowed)}
    result = await open_options_page(hass, entry.entry_id, "share")
    for roots, error in (
        (str(tmp_path / "missing"), "share_root_missing"),
        ("relative/path", "share_root_missing"),
        (str(tmp_path), "share_root_not_allowed"),
    ):
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_SHARE_ROOTS: roots}
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {CONF_SHARE_ROOTS: error}
    with patch("custom_components.myflix.PLATFORMS", []):
        result = await hass.config_entries.options.async_configure(
            result["flow_id"],
            {CONF_SHARE_ROOTS: f"{allowed}\n", CONF_SHARE_BANDWIDTH: 5.0},
        )
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_SHARE_ROOTS] == f"{allowed}\n"
    assert entry.options[CONF_SHARE_BANDWIDTH] == 5
    assert entry.runtime_data.get(SHARE) is not None
    assert entry.runtime_data.get(SHARE).server.bandwidth.rate == 5 * 2**20


async def test_unusable_root_is_skipped_at_setup(
    hass: HomeAssistant,
    radarr: Backend,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A root that vanished since it was configured is left out, with a warning."""
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    (tmp_path / "kept").mkdir()
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY},
        options={CONF_SHARE_ROOTS: f"{tmp_path / 'gone'}\n{tmp_path / 'kept'}"},
    )
    entry.add_to_hass(hass)
    with patch("custom_components.myflix.PLATFORMS", []):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    share = entry.runtime_data.get(SHARE)
    assert share is not None
    assert list(share.server.guard.roots) == ["kept"]
    assert "gone is not shared: share_root_missing" in caplog.text


async def test_removing_the_entry_forgets_links(
    hass: HomeAssistant,
    radarr: Backend,
    tmp_path: Path,
    hass_storage: dict[str, object],
) -> None:
    """The secret and the links go with the entry."""
    entry, _tree, _share = await setup_share(hass, radarr.url, tmp_path)
    await call(hass, "create_share_link", {"path": DUNE})
    await hass.async_block_till_done()
    assert entry_store_key("share", entry.entry_id) in hass_storage
    stored = str(hass_storage[entry_store_key("share", entry.entry_id)])
    assert "secret" in stored
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert entry_store_key("share", entry.entry_id) not in hass_storage
    assert entry.state is ConfigEntryState.NOT_LOADED


async def test_view_without_gateway_is_404(
    hass: HomeAssistant,
    radarr: Backend,
    tmp_path: Path,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """After the entry unloads, the view still answers, with 404 for everything."""
    entry, _tree, share = await setup_share(hass, radarr.url, tmp_path)
    _link, token = await share.links.create(DUNE, expires_in=60)
    assert await hass.config_entries.async_unload(entry.entry_id)
    client = await hass_client_no_auth()
    assert (await client.get(f"/api/myflix/share/{token}/Dune.mkv")).status == 404


async def test_two_entries_share_one_view(
    hass: HomeAssistant, radarr: Backend, tmp_path: Path,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:  # fmt: skip
    """Each entry's links work through the one view; a foreign token is refused."""
    _entry, tree, share = await setup_share(hass, radarr.url, tmp_path / "a")
    other = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY},
        options={CONF_SHARE_ROOTS: str(tree.shows)},
    )
    other.add_to_hass(hass)
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    with patch("custom_components.myflix.PLATFORMS", []):
        assert await hass.config_entries.async_setup(other.entry_id)
        await hass.async_block_till_done()
    other_share = other.runtime_data.get(SHARE)
    assert other_share is not None
    client = await hass_client_no_auth()
    _l, token = await other_share.links.create("shows/Show/S01/E01.mkv", expires_in=60)
    response = await client.get(f"/api/myflix/share/{token}/E01.mkv")
    assert await response.read() == b"episode one"
    _l, token = await share.links.create(DUNE, expires_in=60)
    assert (await client.get(f"/api/myflix/share/{token}/Dune.mkv")).status == 200
    await share.links.revoke_all()
    assert (await client.get(f"/api/myflix/share/{token}/Dune.mkv")).status == 404


def test_root_names_are_unique() -> None:
    """Roots are named by their last folder, numbered when two share a name."""
    assert root_names(["/a/movies", "/b/movies/", "/c/shows", "/"]) == {
        "movies": "/a/movies", "movies-2": "/b/movies/", "shows": "/c/shows", "root": "/"
    }  # fmt: skip


async def test_demo_share_root_through_the_rest_api(
    hass: HomeAssistant,
    radarr: Backend,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """The demo's way: options flow over REST with only the root, then a link works."""
    media = Path(hass.config.path("media"))
    write_share_samples(media / "Shared")
    hass.config.allowlist_external_dirs = {str(media)}
    assert await async_setup_component(hass, "config", {})
    entry = await setup_entry(
        hass, {CONF_RADARR_URL: radarr.url, CONF_RADARR_API_KEY: RADARR_KEY}
    )
    client = await hass_client()
    flows = "/api/config/config_entries/options/flow"
    flow = await (await client.post(flows, json={"handler": entry.entry_id})).json()
    assert flow["type"] == "menu"
    page = {"next_step_id": "share"}
    await client.post(f"{flows}/{flow['flow_id']}", json=page)
    with patch("custom_components.myflix.PLATFORMS", []):
        response = await client.post(
            f"{flows}/{flow['flow_id']}", json={"share_roots": str(media / "Shared")}
        )
        result = await response.json()
        await hass.async_block_till_done()
    assert result["type"] == "create_entry"
    created = await call(
        hass, "create_share_link", {"path": "Shared/Welcome to Myflix.txt"}
    )
    assert created["url"].endswith("/Welcome%20to%20Myflix.txt")
    path = "/" + created["url"].split("://", 1)[-1].split("/", 1)[-1]
    response = await (await hass_client_no_auth()).get(path)
    assert response.status == 200
    assert b"Myflix share gateway demo file" in await response.read()


def test_stats_notify_at_most_once_a_second() -> None:
    """A flood of changes becomes one state write a second; actions push at once."""
    moments = iter([0.0, 0.1, 0.5, 1.2, 1.3, 1.4])
    calls: list[int] = []
    stats = ShareStats(today=lambda: date(2026, 1, 1), clock=lambda: next(moments))
    stats.listeners.append(lambda: calls.append(1))
    for _ in range(5):
        stats.changed()
    assert len(calls) == 2  # at 0.0 and 1.2
    stats.changed(now=True)
    assert len(calls) == 3
    stats.add_bytes(5)
    assert stats.served_today() == 5
