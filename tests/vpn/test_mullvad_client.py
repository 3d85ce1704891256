"""Mullvad's relay list: read as the simulator serves it, tolerant of odd entries."""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.myflix.clients.errors import MyflixResponseError
from custom_components.myflix.clients.mullvad import MullvadClient, MullvadRelay
from simulators.mullvad import MullvadSimulator
from simulators.server import serve


async def test_relays_as_served(socket_enabled: None) -> None:
    sim = MullvadSimulator()
    async with serve(sim.make_app()) as url, aiohttp.ClientSession() as session:
        relays = await MullvadClient(session=session, base_url=url).relays()
        assert [r.hostname for r in relays] == [r["hostname"] for r in sim.relays]
        zurich = relays[0]
        assert (zurich.hostname, zurich.country_code, zurich.type) == (
            "ch-zrh-wg-001",
            "ch",
            "wireguard",
        )
        assert zurich.serves("Switzerland", "wireguard")
        assert zurich.serves("CH", "wireguard")
        assert not zurich.serves("ch", "openvpn")
        sim.fail_next(status=200, body='{"relays": []}')
        with pytest.raises(MyflixResponseError):
            await MullvadClient(session=session, base_url=url).relays()


@pytest.mark.parametrize(
    "entry",
    [None, [], "relay", {"hostname": "ch-zrh-wg-001"}, {"ipv4_addr_in": "203.0.113.9"}],
)
def test_entries_that_are_not_relays_are_left_out(entry: object) -> None:
    assert MullvadRelay.from_dict(entry) is None


def test_an_inactive_relay_serves_nothing() -> None:
    relay = MullvadRelay.from_dict(
        {
            "hostname": "se-got-wg-001",
            "ipv4_addr_in": "203.0.113.9",
            "country_code": "SE",
            "country_name": "Sweden",
            "type": "WireGuard",
            "active": False,
        }
    )
    assert relay is not None
    assert not relay.serves("se", "wireguard")
