"""The same assertions against the simulator (4.5.2, 5.3.0) and every real qbittorrent-nox."""

from __future__ import annotations

from datetime import UTC

import aiohttp
import pytest

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixBannedError,
    MyflixNotFoundError,
    MyflixValidationError,
)
from custom_components.myflix.clients.qbittorrent import (
    Preferences,
    TorrentStatus as S,
)

from .conftest import (
    BACKENDS,
    PASSWORD,
    Backend,
    Env,
    eventually,
    open_backend,
    wait_states,
)

MAGNET_HASH = "0123456789abcdef0123456789abcdef01234567"
MAGNET = f"magnet:?xt=urn:btih:{MAGNET_HASH}&dn=meta-test"


async def _add_pair(env: Env, **kwargs: object) -> tuple[str, str]:
    """Add one seeding torrent (data present) and one stalled download."""
    backend = env.backend
    seeding, seed_hash = backend.torrent("complete.bin", with_data=True)
    missing, missing_hash = backend.torrent("missing.bin", with_data=False)
    await env.client.add(
        torrent_files=[("complete.torrent", seeding), ("missing.torrent", missing)],
        save_path=str(backend.data_dir),
        **kwargs,  # type: ignore[arg-type]
    )
    await wait_states(
        env.client, {seed_hash: S.STALLED_SEEDING, missing_hash: S.STALLED_DOWNLOADING}
    )
    return seed_hash, missing_hash


async def test_login_and_versions(qbt: Env) -> None:
    client, backend = qbt.client, qbt.backend
    assert await client.app_version() == backend.version
    assert client.is_v5 is backend.is_v5
    expected = {"4.5.2": (2, 8, 19), "5.1.4": (2, 11, 4), "5.3.0": (2, 16, 2)}
    if backend.version in expected:
        assert client.api_version == expected[backend.version]
    else:  # another installed version: at least its major's vocabulary
        assert client.api_version is not None
        assert (client.api_version >= (2, 11, 0)) is backend.is_v5
    assert await client.webapi_version() == ".".join(map(str, client.api_version or ()))
    assert set(await client.build_info()) >= {
        "qt",
        "libtorrent",
        "boost",
        "openssl",
        "zlib",
    }
    assert await client.default_save_path()
    assert PASSWORD not in repr(client)


async def test_add_list_and_fields(qbt: Env) -> None:
    client = qbt.client
    seed_hash, missing_hash = await _add_pair(
        qbt, category="tv-sonarr", tags=["ha", "test"]
    )
    await client.add(urls=[MAGNET])
    ts = await wait_states(client, {MAGNET_HASH: S.METADATA})
    everything = {t.hash: t for t in await client.torrents()}
    assert set(everything) == {seed_hash, missing_hash, MAGNET_HASH}
    seeding, missing, magnet = (
        everything[seed_hash],
        everything[missing_hash],
        ts[MAGNET_HASH],
    )
    assert seeding.state == "stalledUP"
    assert seeding.is_seeding
    assert seeding.is_stalled
    assert seeding.progress == 1.0
    assert seeding.is_complete
    assert seeding.amount_left == 0
    assert seeding.size == seeding.total_size == 40_000
    assert seeding.completion_on is not None
    assert seeding.completion_on.tzinfo is UTC
    assert missing.state == "stalledDL"
    assert missing.is_downloading
    assert missing.progress == 0
    assert missing.eta is None
    assert missing.completion_on is None
    assert magnet.state == "metaDL"
    assert magnet.name == "meta-test"
    assert not magnet.has_metadata
    for torrent in (seeding, missing):
        assert torrent.category == "tv-sonarr"
        assert torrent.tags == ["ha", "test"]
        assert torrent.added_on is not None
        assert torrent.added_on.tzinfo is UTC
        assert torrent.save_path.rstrip("/") == str(qbt.backend.data_dir)
        assert torrent.content_path.endswith(torrent.name)
        assert not torrent.is_errored
        assert not torrent.is_stopped
    assert magnet.category == ""
    assert magnet.tags == []
    assert "tv-sonarr" in await client.categories()  # created on the fly
    assert set(await client.tags()) >= {"ha", "test"}
    # upper-case hashes (as Radarr/Sonarr store them) work
    found = await client.torrents(hashes=[seed_hash.upper()])
    assert [t.hash for t in found] == [seed_hash]


async def test_filters(qbt: Env) -> None:
    client = qbt.client
    seed_hash, missing_hash = await _add_pair(qbt, category="radarr", tags=["keep"])
    await client.add(urls=[MAGNET])
    await wait_states(client, {MAGNET_HASH: S.METADATA})

    async def names(**kwargs: str) -> set[str]:
        return {t.hash for t in await client.torrents(**kwargs)}  # type: ignore[arg-type]

    assert await names(filter="seeding") == {seed_hash}
    assert await names(filter="completed") == {seed_hash}
    assert await names(filter="downloading") == {missing_hash, MAGNET_HASH}
    assert await names(filter="stalled_downloading") == {missing_hash}
    assert await names(filter="stalled") == {seed_hash, missing_hash}
    assert await names(filter="errored") == set()
    assert await names(filter="paused") == set()
    assert await names(filter="stopped") == set()
    assert await names(filter="resumed") == {seed_hash, missing_hash, MAGNET_HASH}
    assert await names(category="radarr") == {seed_hash, missing_hash}
    assert await names(category="") == {MAGNET_HASH}
    assert await names(tag="keep") == {seed_hash, missing_hash}
    assert await names(tag="") == {MAGNET_HASH}
    assert await names(hashes="all") == set()  # "all" is not special in torrents/info


async def test_stop_and_start(qbt: Env) -> None:
    client, backend = qbt.client, qbt.backend
    seed_hash, missing_hash = await _add_pair(qbt)
    await client.stop([seed_hash, missing_hash.upper()])
    stopped = await wait_states(
        client, {seed_hash: S.STOPPED_SEEDING, missing_hash: S.STOPPED_DOWNLOADING}
    )
    prefix = "stopped" if backend.is_v5 else "paused"
    assert stopped[seed_hash].state == f"{prefix}UP"
    assert stopped[missing_hash].state == f"{prefix}DL"
    assert all(t.is_stopped and t.dlspeed == 0 for t in stopped.values())
    # both vocabularies work whatever the server version
    assert {t.hash for t in await client.torrents(filter="paused")} == {
        seed_hash,
        missing_hash,
    }
    assert {t.hash for t in await client.torrents(filter="stopped")} == {
        seed_hash,
        missing_hash,
    }
    assert await client.torrents(filter="running") == []
    if backend.sim is not None:
        paths = [path for method, path in backend.sim.requests if method == "POST"]
        assert f"/api/v2/torrents/{'stop' if backend.is_v5 else 'pause'}" in paths
    await client.start("all")
    await wait_states(
        client, {seed_hash: S.STALLED_SEEDING, missing_hash: S.STALLED_DOWNLOADING}
    )


async def test_add_stopped(qbt: Env) -> None:
    data, torrent_hash = qbt.backend.torrent("paused.bin", with_data=False)
    await qbt.client.add(torrent_files=[data], stopped=True)
    await wait_states(qbt.client, {torrent_hash: S.STOPPED_DOWNLOADING})


async def test_delete_with_and_without_files(qbt: Env) -> None:
    client, data_dir = qbt.client, qbt.backend.data_dir
    seed_hash, missing_hash = await _add_pair(qbt)
    with pytest.raises(MyflixValidationError):  # deleteFiles is required: 400
        await client._post("torrents/delete", {"hashes": missing_hash})
    await client.delete([missing_hash], delete_files=False)
    await client.delete([seed_hash], delete_files=True)
    await eventually(client.torrents, lambda ts: ts == [])
    await eventually(
        lambda: _exists(data_dir / "complete.bin"), lambda exists: not exists, within=5
    )


async def _exists(path: object) -> bool:
    return bool(path.exists())  # type: ignore[attr-defined]


async def test_categories(qbt: Env) -> None:
    client = qbt.client
    seed_hash, _ = await _add_pair(qbt)
    await client.create_category("tv-sonarr", "/srv/tv")
    categories = await client.categories()
    assert categories["tv-sonarr"].save_path.rstrip("/") == "/srv/tv"
    await client.set_category([seed_hash], "tv-sonarr")
    assert (await client.torrents(hashes=[seed_hash]))[0].category == "tv-sonarr"
    with pytest.raises(MyflixValidationError, match="Incorrect category name"):
        await client.set_category([seed_hash], "no-such-category")
    with pytest.raises(MyflixValidationError):
        await client.create_category("tv-sonarr")
    with pytest.raises(MyflixValidationError):
        await client.create_category("bad//name")
    await client.set_category([seed_hash], "")
    assert (await client.torrents(hashes=[seed_hash]))[0].category == ""
    await client.remove_categories(["tv-sonarr"])
    assert "tv-sonarr" not in await client.categories()


async def test_tags(qbt: Env) -> None:
    client = qbt.client
    seed_hash, missing_hash = await _add_pair(qbt)
    await client.add_tags(
        [seed_hash, missing_hash], ["Zeta", "alpha", "myflix-stopped"]
    )
    torrent = (await client.torrents(hashes=[seed_hash]))[0]
    assert sorted(torrent.tags) == ["Zeta", "alpha", "myflix-stopped"]
    await client.remove_tags([seed_hash], ["myflix-stopped"])
    assert sorted((await client.torrents(hashes=[seed_hash]))[0].tags) == [
        "Zeta",
        "alpha",
    ]
    assert {t.hash for t in await client.torrents(tag="myflix-stopped")} == {
        missing_hash
    }
    await client.delete_tags(["myflix-stopped"])
    assert "myflix-stopped" not in await client.tags()


async def test_force_start_recheck_reannounce(qbt: Env) -> None:
    client = qbt.client
    seed_hash, missing_hash = await _add_pair(qbt)
    await client.set_force_start([missing_hash], True)
    forced = await eventually(
        lambda: client.torrents(hashes=[missing_hash]),
        lambda ts: ts[0].state == "forcedDL",
    )
    assert forced[0].force_start
    assert forced[0].status is S.DOWNLOADING
    await client.set_force_start([missing_hash], False)
    await client.reannounce("all")
    await client.recheck([seed_hash])
    await wait_states(client, {seed_hash: S.STALLED_SEEDING})


async def test_sync_maindata_full_then_deltas(qbt: Env) -> None:
    client = qbt.client
    seed_hash, missing_hash = await _add_pair(qbt, category="tv-sonarr", tags=["ha"])
    full = await client.sync_maindata()
    assert full.full_update
    assert full.rid == 1
    assert set(full.torrents) == {seed_hash, missing_hash}
    assert full.torrents[seed_hash].name == "complete.bin"
    assert full.torrents[seed_hash].hash == seed_hash
    assert "tv-sonarr" in full.categories
    assert "ha" in full.tags
    assert full.server_state.connection_status in {
        "connected",
        "firewalled",
        "disconnected",
    }
    assert full.server_state.free_space_on_disk != 0

    await client.stop([seed_hash, missing_hash])
    await wait_states(
        client, {seed_hash: S.STOPPED_SEEDING, missing_hash: S.STOPPED_DOWNLOADING}
    )
    delta = await client.sync_maindata()
    assert not delta.full_update
    assert delta.rid == 2
    assert {seed_hash, missing_hash} <= delta.changed
    assert delta.torrents[seed_hash].status is S.STOPPED_SEEDING
    assert delta.torrents[missing_hash].status is S.STOPPED_DOWNLOADING
    # unchanged fields survive the merge
    assert delta.torrents[seed_hash].category == "tv-sonarr"
    assert delta.torrents[seed_hash].size == 40_000

    await client.delete([missing_hash], delete_files=False)
    await eventually(client.torrents, lambda ts: len(ts) == 1)
    after = await client.sync_maindata()
    assert not after.full_update
    assert after.rid == 3
    assert after.removed == {missing_hash}
    assert set(after.torrents) == {seed_hash}
    assert after.torrents[seed_hash].status is S.STOPPED_SEEDING

    await client.remove_categories(["tv-sonarr"])
    await client.delete_tags(["ha"])
    cleaned = await client.sync_maindata()
    assert "tv-sonarr" not in cleaned.categories
    assert "ha" not in cleaned.tags
    assert cleaned.torrents[seed_hash].category == ""


async def test_properties_and_trackers(qbt: Env) -> None:
    client = qbt.client
    seed_hash, _ = await _add_pair(qbt)
    props = await client.properties(seed_hash.upper())
    assert props.hash == seed_hash
    assert props.name == "complete.bin"
    assert props.total_size == 40_000
    assert props.is_private is False
    assert props.addition_date is not None
    assert await client.trackers(seed_hash) == []  # only DHT/PeX/LSD pseudo-trackers
    with pytest.raises(MyflixNotFoundError):
        await client.properties("0" * 40)
    with pytest.raises(MyflixNotFoundError):
        await client.trackers("0" * 40)


async def test_transfer_info_and_speed_limits_mode(qbt: Env) -> None:
    client = qbt.client
    info = await client.transfer_info()
    assert info.connection_status in {"connected", "firewalled", "disconnected"}
    assert info.dl_info_speed == 0
    assert info.dl_rate_limit == 0
    assert await client.speed_limits_mode() is False
    await client.set_speed_limits_mode(True)
    assert await client.speed_limits_mode() is True
    await client.set_speed_limits_mode(True)  # already on: no toggle
    assert await client.speed_limits_mode() is True
    prefs = Preferences.from_dict(await client.preferences())
    assert (await client.transfer_info()).dl_rate_limit == prefs.alt_dl_limit == 10240
    assert (await client.sync_maindata()).server_state.use_alt_speed_limits is True
    await client.set_speed_limits_mode(False)
    assert await client.speed_limits_mode() is False


async def test_limits_and_preferences(qbt: Env) -> None:
    client, backend = qbt.client, qbt.backend
    await client.set_download_limit(2_048_000)
    await client.set_upload_limit(512_000)
    assert await client.download_limit() == 2_048_000
    assert await client.upload_limit() == 512_000
    assert (await client.transfer_info()).up_rate_limit == 512_000
    await client.set_preferences(dl_limit=1_024_000, up_limit=0)
    raw = await client.preferences()
    prefs = Preferences.from_dict(raw)
    assert prefs.dl_limit == 1_024_000
    assert prefs.up_limit == 0
    assert await client.download_limit() == 1_024_000
    assert prefs.web_ui_username == "tester"
    assert prefs.add_stopped is False
    assert ("add_stopped_enabled" in raw) is backend.is_v5
    assert ("start_paused_enabled" in raw) is not backend.is_v5
    assert "web_ui_password" not in raw


async def test_relogin_after_session_dropped(qbt: Env) -> None:
    client, backend = qbt.client, qbt.backend
    old_cookie = client._cookie
    await backend.drop_sessions(client)
    assert await client.app_version() == backend.version
    assert client._cookie != old_cookie
    if backend.sim is not None:
        assert backend.sim.login_count == 2


async def test_default_cookie_jar_still_works(qbt: Env) -> None:
    """An ordinary CookieJar ignores cookies from IP hosts: our own Cookie header covers it."""
    async with aiohttp.ClientSession() as plain:
        client = qbt.backend.client(session=plain)
        assert await client.app_version() == qbt.backend.version
        assert await client.torrents() == []


async def test_wrong_password(backend: Backend) -> None:
    client = backend.client(password="wrong-password")
    with pytest.raises(MyflixAuthenticationError) as err:
        await client.torrents()
    assert not isinstance(err.value, MyflixBannedError)
    assert "wrong-password" not in str(err.value)


@pytest.mark.parametrize("kind", BACKENDS)
async def test_ban_after_failed_logins(
    kind: str, socket_enabled: None, tmp_path
) -> None:
    async with open_backend(kind, tmp_path, max_auth_failures=3) as backend:
        good = backend.client()
        await good.login()
        bad = backend.client(password="nope")
        for _ in range(3):
            with pytest.raises(MyflixAuthenticationError) as err:
                await bad.login()
            assert not isinstance(err.value, MyflixBannedError)
        with pytest.raises(MyflixBannedError):
            await bad.login()
        with pytest.raises(MyflixBannedError):  # the right password is refused too
            await backend.client().login()
        assert await good.app_version() == backend.version  # existing session survives


async def test_add_rejections(qbt: Env) -> None:
    client = qbt.client
    with pytest.raises(MyflixValidationError, match="not a valid torrent file"):
        await client.add(torrent_files=[("bad.torrent", b"notatorrent")])
    data, torrent_hash = qbt.backend.torrent("dup.bin", with_data=False)
    await client.add(torrent_files=[data])
    await eventually(client.torrents, lambda ts: [t.hash for t in ts] == [torrent_hash])
    # Nothing new: "Fails." (4.5.2) or 409 "Conflict" (5.3.0), said the same way.
    with pytest.raises(MyflixValidationError, match="did not accept any"):
        await client.add(torrent_files=[data])
    with pytest.raises(MyflixValidationError, match="did not accept any"):
        await client.add(urls=["junk"])
    with pytest.raises(MyflixValidationError):
        await client.add()
