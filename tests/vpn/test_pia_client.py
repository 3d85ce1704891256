"""PIA's server list: the JSON line before the signature, tolerant of odd entries."""

from __future__ import annotations

import json

import aiohttp
import pytest

from custom_components.myflix.clients.errors import MyflixResponseError
from custom_components.myflix.clients.pia import PiaClient, servers_of
from simulators.pia import PiaSimulator
from simulators.server import serve


async def test_servers_as_served(socket_enabled: None) -> None:
    sim = PiaSimulator()
    sim.set_offline("de-frankfurt", True)
    async with serve(sim.make_app()) as url, aiohttp.ClientSession() as session:
        servers = await PiaClient(session=session, base_url=url).servers("wg")
    assert [s.name for s in servers] == [
        "swiss401", "swiss402", "swiss403", "florida401", "florida402",
    ]  # fmt: skip
    swiss = servers[0]
    assert (swiss.country, swiss.region, swiss.port_forward) == (
        "CH",
        "Switzerland",
        True,
    )
    assert swiss.serves("ch")
    assert swiss.serves("switzerland")
    assert not servers[-1].port_forward


@pytest.mark.parametrize("text", ["", "not json\n\nsig", '{"groups": {}}\n\nsig', "[]"])
def test_a_list_without_regions_is_refused(text: str) -> None:
    with pytest.raises(MyflixResponseError):
        servers_of(text, "wg")


def test_entries_that_are_not_servers_are_left_out() -> None:
    region = {
        "name": "Switzerland",
        "country": "CH",
        "port_forward": True,
        "servers": {"wg": [{"cn": "swiss401"}, "x", {"ip": "198.51.100.1"}, {"cn": "swiss402", "ip": "198.51.100.2"}]},
    }  # fmt: skip
    text = json.dumps({"regions": [region, "nonsense"]}) + "\n\nsignature"
    assert [s.name for s in servers_of(text, "wg")] == ["swiss402"]
    assert servers_of(text, "ovpnudp") == []
