"""Removing queue items as the healer does: query flags, blocklist, re-grabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.myflix.clients.arr.models import DownloadClient

if TYPE_CHECKING:
    from .conftest import ArrStack


async def _movie_grab(stack: ArrStack, title: str) -> tuple[int, str]:
    """Search a missing movie; return (its queue id, its release hash)."""
    movie_id = next(m.id for m in await stack.client.movies() if m.title == title)
    await stack.client.search_movies([movie_id])
    await stack.sim.wait_idle()
    grab = stack.sim.grabs[-1]
    assert grab.movie_id == movie_id
    (item,) = [i for i in await stack.client.queue() if i.id == grab.record_ids[0]]
    assert item.download_id == grab.download_id
    return item.id, grab.download_id


async def test_skip_redownload_blocklists_without_searching(
    radarr_stack: ArrStack,
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    queue_id, _ = await _movie_grab(radarr_stack, "Civil War")
    commands = len(sim.commands)
    await client.delete_queue_item(queue_id, blocklist=True, skip_redownload=True)
    await sim.wait_idle()
    assert len(sim.commands) == commands  # no automatic search
    assert next(b.source_title for b in await client.blocklist()).startswith("Civil")
    assert all(i.id != queue_id for i in await client.queue())


async def test_without_skip_redownload_the_app_searches_again(
    radarr_stack: ArrStack,
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    queue_id, first = await _movie_grab(radarr_stack, "Civil War")
    await client.delete_queue_item(queue_id, blocklist=True)
    await sim.wait_idle()
    assert list(sim.commands.values())[-1]["name"] == "MoviesSearch"
    movie = next(g for g in sim.grabs if g.active and g.title.startswith("Civil"))
    assert movie.download_id != first  # the next best release


async def test_reject_blocklisted_hashes_off_brings_the_same_hash_back(
    radarr_stack: ArrStack,
) -> None:
    client, sim = radarr_stack.client, radarr_stack.sim
    sim.reject_blocklisted_hashes = False
    queue_id, first = await _movie_grab(radarr_stack, "Civil War")
    await client.delete_queue_item(queue_id, blocklist=True, skip_redownload=True)
    _, again = await _movie_grab(radarr_stack, "Civil War")
    assert again == first
    grab = next(g for g in sim.grabs if g.active and g.download_id == again)
    assert grab.title.endswith("-xpost")


async def test_reject_blocklisted_hashes_on_takes_another_release(
    radarr_stack: ArrStack,
) -> None:
    client = radarr_stack.client
    queue_id, first = await _movie_grab(radarr_stack, "Civil War")
    await client.delete_queue_item(queue_id, blocklist=True, skip_redownload=True)
    _, again = await _movie_grab(radarr_stack, "Civil War")
    assert again != first


async def test_sonarr_season_search_and_categories(sonarr_stack: ArrStack) -> None:
    client, sim = sonarr_stack.client, sonarr_stack.sim
    assert await client.torrent_categories() == {"tv-sonarr"}
    (listed,) = await client.download_clients()
    assert listed.settings["password"] == "********"
    series = next(s for s in await client.series_list() if s.title == "The Bear")
    await client.search_season(series.id, 2)
    await sim.wait_idle()
    grab = sim.grabs[-1]
    assert grab.series_id == series.id


def test_download_client_categories_ignore_blanks() -> None:
    client = DownloadClient.from_dict(
        {
            "id": 1,
            "fields": [
                {"name": "movieCategory", "value": "radarr"},
                {"name": "movieImportedCategory", "value": ""},
                {"value": "nameless"},
                "junk",
            ],
        }
    )
    assert client.categories(("movieCategory", "movieImportedCategory")) == {"radarr"}
    assert DownloadClient.from_dict({"id": 2, "fields": None}).settings == {}
