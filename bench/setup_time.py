"""Time to set up a Myflix entry in a real (test) Home Assistant.

All three backends reachable (the test suite's simulators, served in HA's
own event loop, so their work is included: an upper bound), cold (first
set-up, imports included) and warm (reloads). Then each backend in turn blackholed (a TCP
server that accepts and never answers): the entry still loads, the other
backends' coordinators have data, and the set-up time is bounded by the
request timeout. Run: ``python -m pytest bench/setup_time.py -s``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import statistics
import time

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.myflix.backends import BACKENDS, REQUEST_TIMEOUT
from custom_components.myflix.const import DOMAIN
from simulators.server import LOOPBACK

RELOADS = 5


@asynccontextmanager
async def blackhole() -> AsyncIterator[str]:
    """A TCP server that accepts connections and never answers."""
    writers: list[asyncio.StreamWriter] = []

    async def swallow(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        writers.append(writer)
        while await reader.read(65536):
            pass
        writer.close()

    server = await asyncio.start_server(swallow, LOOPBACK, 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.close()
        for writer in writers:
            writer.close()
        await server.wait_closed()


async def _timed_setup(hass: HomeAssistant, entry: MockConfigEntry) -> float:
    start = time.perf_counter()
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return time.perf_counter() - start


async def test_setup_all_reachable(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """Cold set-up and warm reloads with every backend answering."""
    entry = MockConfigEntry(domain=DOMAIN, data=stack_data)
    entry.add_to_hass(hass)
    cold = await _timed_setup(hass, entry)
    assert entry.state is ConfigEntryState.LOADED
    warm = []
    for _ in range(RELOADS):
        start = time.perf_counter()
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        warm.append(time.perf_counter() - start)
    assert all(c.last_update_success for c in entry.runtime_data.coordinators())
    median = statistics.median(warm)
    print(
        f"\nSet-up, all three backends reachable: cold {cold:.3f} s (imports included), "
        f"warm median of {RELOADS} reloads {median:.3f} s (unload + set-up); goal 1 s"
    )
    print(
        f"summary: set-up all reachable: cold {cold:.3f} s, warm {median:.3f} s "
        f"({cold:.2f} of the 1 s goal)"
    )


@pytest.mark.parametrize("down", [backend.key for backend in BACKENDS])
async def test_setup_one_blackholed(
    hass: HomeAssistant, stack_data: dict[str, str], down: str
) -> None:
    """One backend never answers: the entry loads and the others have data."""
    url_field = next(b.url_field for b in BACKENDS if b.key == down)
    async with blackhole() as url:
        entry = MockConfigEntry(domain=DOMAIN, data={**stack_data, url_field: url})
        entry.add_to_hass(hass)
        elapsed = await _timed_setup(hass, entry)
        assert entry.state is ConfigEntryState.LOADED
        runtime = entry.runtime_data
        for coordinator in runtime.coordinators():
            if coordinator.backend == down:
                assert not coordinator.last_update_success
            else:
                assert coordinator.last_update_success
                assert coordinator.data is not None
        assert await hass.config_entries.async_unload(entry.entry_id)
    print(
        f"\nSet-up with {down} blackholed: {elapsed:.3f} s "
        f"= {elapsed / REQUEST_TIMEOUT:.2f} x the {REQUEST_TIMEOUT:g} s request timeout; "
        "the other backends' coordinators all have data"
    )
    print(
        f"summary: set-up with {down} blackholed: {elapsed:.2f} s "
        f"(request timeout {REQUEST_TIMEOUT:g} s), others loaded with data"
    )
