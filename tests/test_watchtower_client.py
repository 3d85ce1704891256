"""Watchtower client against the simulator, in both flavours found in the wild."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest

from custom_components.myflix.clients.errors import (
    MyflixAuthenticationError,
    MyflixConnectionError,
    MyflixResponseError,
    MyflixServerError,
)
from custom_components.myflix.clients.watchtower import WatchtowerClient
from simulators.server import free_port, serve
from simulators.watchtower import Flavour, WatchtowerSimulator

TOKEN = "watchtower-token-0123456789"
RADARR = "lscr.io/linuxserver/radarr:latest"


@asynccontextmanager
async def running(
    flavour: Flavour = "fork", token: str = TOKEN, **kwargs: float
) -> AsyncIterator[tuple[WatchtowerSimulator, WatchtowerClient]]:
    """A simulator and a client holding ``token``."""
    sim = WatchtowerSimulator(token=TOKEN, flavour=flavour, **kwargs)
    async with (
        serve(sim.make_app()) as url,
        aiohttp.ClientSession() as session,
    ):
        yield sim, WatchtowerClient(url=url, token=token, session=session)


async def test_update_pulls_outdated_images_only(socket_enabled: None) -> None:
    """Only the published image changes digest; the fork counts it."""
    async with running() as (sim, client):
        before = {c.name: c for c in await client.containers() or []}
        sim.publish(RADARR, "2")
        summary = await client.update()
        after = {c.name: c for c in await client.containers() or []}
    assert summary.scanned == 4
    assert summary.updated == 1
    assert after["radarr"].digest != before["radarr"].digest
    assert after["radarr"].image_id != before["radarr"].image_id
    assert after["sonarr"] == before["sonarr"]
    assert sim.requests[1] == ("POST", "/v1/update", {})


async def test_targeted_update_sends_the_images(socket_enabled: None) -> None:
    """``?image=a,b``: other outdated containers stay as they are."""
    async with running() as (sim, client):
        sim.publish(RADARR, "2")
        sim.publish("qmcgaw/gluetun:latest", "2")
        summary = await client.update(["lscr.io/linuxserver/radarr", "other/x"])
    assert sim.requests[0][2] == {"image": "lscr.io/linuxserver/radarr,other/x"}
    assert (summary.scanned, summary.updated) == (1, 1)
    assert sim.containers["gluetun"].outdated
    assert not sim.containers["radarr"].outdated


async def test_containrrr_answers_empty_and_has_no_container_list(
    socket_enabled: None,
) -> None:
    """1.7.x: 200 with no body (nothing to report) and no ``/v1/containers``."""
    async with running("containrrr") as (sim, client):
        sim.publish(RADARR, "2")
        assert await client.containers() is None
        summary = await client.update()
    assert summary.updated is None
    assert not sim.containers["radarr"].outdated


@pytest.mark.parametrize("token", ["", "wrong"])
async def test_a_missing_or_wrong_token_is_refused(
    socket_enabled: None, token: str
) -> None:
    """401 → authentication error, and the message does not hold the token."""
    async with running(token=token) as (sim, client):
        sim.publish(RADARR, "2")
        with pytest.raises(MyflixAuthenticationError) as info:
            await client.update()
    assert sim.containers["radarr"].outdated
    assert TOKEN not in str(info.value)
    assert "wrong" not in repr(client)


async def test_a_second_full_update_is_refused_while_one_runs(
    socket_enabled: None,
) -> None:
    """The fork answers 429 to a full update while another is running."""
    async with running(update_delay=0.3) as (_sim, client):
        first = asyncio.create_task(client.update())
        await asyncio.sleep(0.05)
        with pytest.raises(MyflixServerError, match="another update"):
            await client.update()
        assert (await first).scanned == 4


async def test_unreachable(socket_enabled: None) -> None:
    """Nothing listening: a connection error."""
    async with aiohttp.ClientSession() as session:
        client = WatchtowerClient(
            url=f"http://127.0.0.1:{free_port()}", token=TOKEN, session=session
        )
        with pytest.raises(MyflixConnectionError):
            await client.update()


async def test_odd_answers(socket_enabled: None) -> None:
    """Server errors, other statuses, odd JSON: errors or an empty summary."""
    from aiohttp import web

    answers: list[web.Response] = []

    async def handler(request: web.Request) -> web.Response:
        return answers.pop(0)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    async with serve(app) as url, aiohttp.ClientSession() as session:
        client = WatchtowerClient(url=url, token=TOKEN, session=session)
        answers.append(web.Response(status=500))
        with pytest.raises(MyflixServerError):
            await client.update()
        answers.append(web.Response(status=302))
        with pytest.raises(MyflixResponseError):
            await client.update()
        answers.append(web.json_response({"summary": "odd"}))
        assert (await client.update()).scanned is None
        answers.append(web.json_response({"summary": {"scanned": "3", "updated": 1}}))
        summary = await client.update()
        assert (summary.scanned, summary.updated) == (None, 1)
        answers.append(web.json_response({"containers": "odd"}))
        with pytest.raises(MyflixResponseError):
            await client.containers()
        answers.append(web.json_response({"containers": [{"image": "x"}]}))
        with pytest.raises(MyflixResponseError):
            await client.containers()
        answers.append(
            web.json_response(
                {"containers": [{"name": "/a", "image": "x", "running_digest": "d"}]}
            )
        )
        (container,) = await client.containers() or []
        assert (container.name, container.digest, container.image_id) == ("a", "d", "")
