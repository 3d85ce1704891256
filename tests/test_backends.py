"""Contacting the backends at set-up: a cancelled set-up leaves nothing behind."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

from custom_components.myflix.backends import async_check_clients
from custom_components.myflix.clients.errors import MyflixConnectionError


class _Refusing:
    async def system_status(self) -> Any:
        raise MyflixConnectionError("Cannot connect")


class _Hanging:
    cancelled = False

    async def system_status(self) -> Any:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise


async def test_a_cancelled_check_cancels_and_reaps_its_requests() -> None:
    """HA cancels a set-up (reload, stop): no request outlives it, no error goes unseen."""
    loop = asyncio.get_running_loop()
    unseen: list[dict[str, Any]] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: unseen.append(context))
    hanging = _Hanging()
    try:
        check = asyncio.ensure_future(
            async_check_clients({"radarr": _Refusing(), "sonarr": hanging}, deadline=30)
        )
        await asyncio.sleep(0.01)  # the refusal is in; the other still waits
        check.cancel()
        await asyncio.gather(check, return_exceptions=True)
        await asyncio.sleep(0)
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous)
    assert check.cancelled()
    assert hanging.cancelled
    assert unseen == []


class _Broken:
    async def system_status(self) -> Any:
        raise ValueError("a bug, not a backend error")


async def test_an_unexpected_error_is_raised_and_leaves_nothing_running() -> None:
    hanging = _Hanging()
    check = asyncio.ensure_future(
        async_check_clients({"radarr": _Broken(), "sonarr": hanging}, deadline=0.05)
    )
    results = await asyncio.gather(check, return_exceptions=True)
    await asyncio.sleep(0)
    assert isinstance(results[0], ValueError)
    assert hanging.cancelled
