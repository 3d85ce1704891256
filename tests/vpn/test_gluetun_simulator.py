"""The gluetun simulator on the wire: auth middleware, router quirks, settings merge."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

import aiohttp
from multidict import CIMultiDictProxy
import pytest

from simulators.gluetun import BASIC_CHALLENGE, PRIVATE_KEY, Role

from .conftest import GLUETUN_KEY

if TYPE_CHECKING:
    from .conftest import Served

KEY = {"X-API-Key": GLUETUN_KEY}


async def _raw(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    body: Any = None,
    **kwargs: Any,
) -> tuple[int, str, CIMultiDictProxy[str]]:
    data = body if isinstance(body, str) or body is None else json.dumps(body)
    async with session.request(
        method, url, headers=headers, data=data, allow_redirects=False, **kwargs
    ) as response:
        return response.status, await response.text(), response.headers


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("GET /v1/nothing", (404, "Not Found\n")),
        ("GET /v1/vpn/status/", (404, "Not Found\n")),
        ("POST /v1/vpn/status", (405, "Method Not Allowed\n")),
        ("DELETE /v1/vpn/settings", (405, "Method Not Allowed\n")),
    ],
)
async def test_auth_middleware_checks_the_route_first(
    gluetun: Served,
    session: aiohttp.ClientSession,
    route: str,
    expected: tuple[int, str],
) -> None:
    # No credentials at all: the route table answers before any role.
    method, path = route.split()
    got = await _raw(session, method, gluetun.url + path)
    assert got[:2] == expected


async def test_answers_are_text_plain(
    gluetun: Served, session: aiohttp.ClientSession
) -> None:
    status, text, headers = await _raw(
        session, "GET", f"{gluetun.url}/v1/vpn/status", headers=KEY
    )
    assert (status, text) == (200, '{"status":"running"}\n')
    assert headers["Content-Type"] == "text/plain; charset=utf-8"


async def test_basic_roles_challenge(
    serve_gluetun: Any, session: aiohttp.ClientSession
) -> None:
    served = await serve_gluetun(username="u", password="p")
    status, text, headers = await _raw(session, "GET", f"{served.url}/v1/vpn/status")
    assert (status, text) == (401, "Unauthorized\n")
    assert headers["WWW-Authenticate"] == BASIC_CHALLENGE
    ok = await _raw(
        session,
        "GET",
        f"{served.url}/v1/vpn/status",
        headers={"Authorization": "Basic " + base64.b64encode(b"u:p").decode()},
    )
    assert ok[0] == 200


async def test_a_route_without_role_is_401(
    serve_gluetun: Any, session: aiohttp.ClientSession
) -> None:
    role = Role("pf", routes=frozenset({"GET /v1/portforward"}))  # auth none
    served = await serve_gluetun(roles=[role])
    assert (await _raw(session, "GET", f"{served.url}/v1/portforward"))[0] == 200
    status, _, headers = await _raw(session, "GET", f"{served.url}/v1/vpn/status")
    assert status == 401
    assert "WWW-Authenticate" not in headers


async def test_query_api_key_passes_auth_but_breaks_the_route(
    gluetun: Served, session: aiohttp.ClientSession
) -> None:
    status, text, _ = await _raw(
        session, "GET", f"{gluetun.url}/v1/publicip/ip?api_key={GLUETUN_KEY}"
    )
    assert status == 400
    assert text.startswith("route /publicip/ip?api_key=")
    wrong = await _raw(session, "GET", f"{gluetun.url}/v1/publicip/ip?api_key=nope")
    assert wrong[0] == 401


async def test_put_status_refuses_other_words(
    gluetun: Served, session: aiohttp.ClientSession
) -> None:
    status, text, _ = await _raw(
        session,
        "PUT",
        f"{gluetun.url}/v1/vpn/status",
        headers=KEY,
        body={"status": "crashed"},
    )
    assert status == 400
    assert text == "invalid status: crashed: possible values are: stopped, running\n"
    bad = await _raw(
        session, "PUT", f"{gluetun.url}/v1/vpn/status", headers=KEY, body="{"
    )
    assert bad[0] == 400


async def test_settings_show_the_secrets(
    gluetun: Served, session: aiohttp.ClientSession
) -> None:
    _, text, _ = await _raw(
        session, "GET", f"{gluetun.url}/v1/vpn/settings", headers=KEY
    )
    assert json.loads(text)["wireguard"]["private_key"] == PRIVATE_KEY


@pytest.mark.parametrize(
    ("change", "status", "text"),
    [
        (
            {"provider": {"server_selection": {"countries": "Germany"}}},
            400,
            "json: cannot unmarshal",
        ),
        (
            {"provider": {"server_selection": {"unknown": 1}}},
            200,
            "settings left unchanged",
        ),
        ({"type": ""}, 200, "settings left unchanged"),
        ({"type": "ikev2"}, 400, "VPN type is not valid"),
        ([1], 400, "json: cannot unmarshal"),
        (
            {"provider": {"server_selection": {"countries": ["Atlantis", "Germany"]}}},
            200,
            "running",
        ),
    ],
)
async def test_settings_merge_like_gosettings(
    gluetun: Served,
    session: aiohttp.ClientSession,
    change: Any,
    status: int,
    text: str,
) -> None:
    got = await _raw(
        session, "PUT", f"{gluetun.url}/v1/vpn/settings", headers=KEY, body=change
    )
    assert got[0] == status
    assert got[1].startswith(text)


async def test_put_portforward(gluetun: Served, session: aiohttp.ClientSession) -> None:
    url = f"{gluetun.url}/v1/portforward"
    got = await _raw(session, "PUT", url, headers=KEY, body={"ports": [5914]})
    assert got[:2] == (200, "")
    assert gluetun.sim.ports == [5914]
    bad = await _raw(session, "PUT", url, headers=KEY, body={"ports": "x"})
    assert bad[:2] == (400, "failed setting forwarded ports\n")
    cleared = await _raw(session, "PUT", url, headers=KEY, body={"ports": []})
    assert cleared[0] == 200
    _, text, _ = await _raw(session, "GET", url, headers=KEY)
    assert text == '{"port":0,"ports":null}\n'


async def test_legacy_route_redirects(
    gluetun: Served, session: aiohttp.ClientSession
) -> None:
    status, _, headers = await _raw(
        session, "GET", f"{gluetun.url}/v1/openvpn/portforwarded", headers=KEY
    )
    assert status == 301
    assert headers["Location"] == "/v1/portforward"


async def test_repr_hides_credentials(serve_gluetun: Any) -> None:
    served = await serve_gluetun(api_key=GLUETUN_KEY, username="u", password="pw123")
    assert GLUETUN_KEY not in repr(served.sim)
    assert "pw123" not in repr(served.sim)
