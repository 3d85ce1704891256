"""GluetunClient on bad answers, and the VPN secrets that must never come out of it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from custom_components.myflix.clients.errors import (
    MyflixConnectionError,
    MyflixError,
    MyflixNotFoundError,
    MyflixResponseError,
    MyflixServerError,
    MyflixTimeoutError,
)
from custom_components.myflix.clients.gluetun import (
    GluetunClient,
    PublicIp,
    VpnSettings,
    VpnStatus,
    selection_changes,
)
from simulators.gluetun import (
    OPENVPN_PASSWORD,
    OPENVPN_USER,
    PRESHARED_KEY,
    PRIVATE_KEY,
)
from simulators.server import LOOPBACK, free_port

if TYPE_CHECKING:
    from .conftest import Served

SECRETS = (PRIVATE_KEY, PRESHARED_KEY, OPENVPN_USER, OPENVPN_PASSWORD)
CALLS = ["vpn_status", "public_ip", "port_forwarded", "settings"]


async def _call(client: GluetunClient, name: str) -> Any:
    return await getattr(client, name)()


@pytest.mark.parametrize("name", CALLS)
async def test_server_error(gluetun: Served, name: str) -> None:
    gluetun.sim.fail_next(status=500)
    with pytest.raises(MyflixServerError) as err:
        await _call(gluetun.client, name)
    assert err.value.status == 500


@pytest.mark.parametrize("name", CALLS)
async def test_garbage_body(gluetun: Served, name: str) -> None:
    gluetun.sim.fail_next(status=200, body="<html>captive portal</html>")
    with pytest.raises(MyflixResponseError):
        await _call(gluetun.client, name)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ('["running"]', "vpn_status"),
        ('{"state":"running"}', "vpn_status"),
        ('{"public_ip":"not-an-ip"}', "public_ip"),
        ('{"country":"Switzerland"}', "public_ip"),
        ('{"ports":"5914"}', "port_forwarded"),
        ('{"forwarded":5914}', "port_forwarded"),
        ("[1,2]", "settings"),
    ],
)
async def test_wrong_shape(gluetun: Served, body: str, name: str) -> None:
    gluetun.sim.fail_next(status=200, body=body)
    with pytest.raises(MyflixResponseError):
        await _call(gluetun.client, name)


async def test_timeout(serve_gluetun: Any) -> None:
    served = await serve_gluetun({"timeout": 0.05})
    served.sim.fail_next(status=None, delay=0.3)
    with pytest.raises(MyflixTimeoutError):
        await served.client.vpn_status()


async def test_unreachable(session: aiohttp.ClientSession) -> None:
    client = GluetunClient(
        url=f"http://{LOOPBACK}:{free_port()}", session=session, api_key="k"
    )
    with pytest.raises(MyflixConnectionError):
        await client.public_ip()


async def test_unknown_route_is_not_found(gluetun: Served) -> None:
    with pytest.raises(MyflixNotFoundError):
        await gluetun.client._get("/v1/vpn/status/")  # trailing slash: 404


async def test_settings_model_drops_every_secret(
    gluetun: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    raw = gluetun.sim.settings
    assert raw["wireguard"]["private_key"] == PRIVATE_KEY  # the server shows it
    settings = await gluetun.client.settings()
    shown = repr(settings) + str(settings) + repr(gluetun.client)
    shown += repr([getattr(settings, slot) for slot in VpnSettings.__slots__])
    for secret in SECRETS:
        assert secret not in shown
        assert secret not in caplog.text
    assert not hasattr(settings, "__dict__")  # slotted: nowhere to hide the rest


async def test_no_secret_in_errors_about_settings(
    gluetun: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # A settings reply whose provider is malformed still holds the key.
    body = (
        f'{{"wireguard":{{"private_key":"{PRIVATE_KEY}"}},"provider":"{PRIVATE_KEY}"}}'
    )
    gluetun.sim.fail_next(status=200, body=body)
    with pytest.raises(MyflixResponseError) as err:
        await gluetun.client.settings()
    gluetun.sim.fail_next(status=500, body=body, path="/v1/vpn/settings")
    with pytest.raises(MyflixServerError) as server_err:
        await gluetun.client.settings()
    assert server_err.value.status == 500
    for secret in SECRETS:
        assert secret not in str(err.value)
        assert secret not in str(server_err.value)
        assert secret not in caplog.text


def test_settings_from_go_field_names() -> None:
    # settings.VPN has no JSON tags on its top level: Go marshals "Type"...
    settings = VpnSettings.from_dict(
        {
            "Type": "wireguard",
            "Provider": {
                "name": "nordvpn",
                "server_selection": {
                    "vpn": "wireguard",
                    "countries": ["Switzerland"],
                    "regions": None,
                    "names": ["ch203"],
                    "hostnames": ["ch203.nordvpn.com", 7],
                },
            },
            "Wireguard": {"PrivateKey": PRIVATE_KEY},
        }
    )
    assert settings == VpnSettings(
        vpn_type="wireguard",
        provider="nordvpn",
        countries=("Switzerland",),
        server_names=("ch203",),
        hostnames=("ch203.nordvpn.com",),
    )


def test_settings_read_port_forwarding_without_its_credentials() -> None:
    """``enabled`` and ``provider`` are read; PIA's user name and password never are."""
    settings = VpnSettings.from_dict(
        {
            "type": "wireguard",
            "provider": {
                "name": "custom",
                "port_forwarding": {
                    "enabled": True,
                    "provider": "private internet access",
                    "status_file_path": "/tmp/gluetun/forwarded_port",
                    "listening_port": 0,
                    "username": "p1234567",
                    "password": PRIVATE_KEY,
                },
            },
        }
    )
    assert settings.port_forwarding is True
    assert settings.forwarding_provider == "private internet access"
    assert PRIVATE_KEY not in repr(settings)
    assert "p1234567" not in repr(settings)
    nordvpn = VpnSettings.from_dict({"provider": {"name": "nordvpn"}})
    assert (nordvpn.port_forwarding, nordvpn.forwarding_provider) == (None, "nordvpn")
    with pytest.raises(MyflixResponseError):
        VpnSettings.from_dict({"provider": {"port_forwarding": ["on"]}})


def test_settings_tolerate_missing_parts() -> None:
    assert VpnSettings.from_dict({}) == VpnSettings(vpn_type=None, provider=None)
    selection_only = {"provider": {"server_selection": {"vpn": "openvpn"}}}
    assert VpnSettings.from_dict(selection_only).vpn_type == "openvpn"


def test_status_and_ip_models() -> None:
    assert VpnStatus.from_dict({"status": "Running"}).running
    assert PublicIp.from_dict({"public_ip": ""}).ip is None
    v6 = PublicIp.from_dict({"public_ip": "2001:DB8::1", "city": ""})
    assert v6.ip == "2001:db8::1"
    assert v6.city is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "no server selection change"),
        ({"wireguard": {"private_key": "x"}}, "not a server selection field"),
        ({"vpn_type": "ikev2"}, "vpn_type"),
        ({"countries": [1]}, "countries"),
        ({"cities": None}, "cities"),
    ],
)
def test_selection_changes_refuse_anything_else(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        selection_changes(changes)


def test_selection_changes_shape() -> None:
    assert selection_changes(
        {"server_names": "ch203", "regions": ["Europe", " "], "categories": []}
    ) == {
        "provider": {
            "server_selection": {
                "names": ["ch203"],
                "regions": ["Europe"],
                "categories": [],
            }
        }
    }


async def test_errors_share_one_root(gluetun: Served) -> None:
    gluetun.sim.fail_next(status=503)
    with pytest.raises(MyflixError):
        await gluetun.client.vpn_status()
