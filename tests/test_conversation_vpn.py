"""Dialogs about the VPN through HA's Gemini agent: status, halt and release by voice."""

from __future__ import annotations

from homeassistant.core import HomeAssistant

from simulators import gemini as g

from .conversation_helpers import (  # noqa: F401
    Gemini,
    converse,
    gemini_fixture,
    setup_gemini,
    speech,
    tool,
)
from .services_helpers import setup_entry
from .vpn_helpers import VpnStack, vpn_stack_fixture  # noqa: F401


async def test_vpn_status_then_halt_and_release(
    hass: HomeAssistant, vpn_stack: VpnStack, gemini: Gemini
) -> None:
    """Status first; the halt waits for a yes, then stops everything; release resumes."""
    await setup_entry(hass, vpn_stack.data)
    await setup_gemini(hass, gemini)
    gemini.sim.script(g.call(tool("get_vpn_status")), g.text("The VPN is up."))
    assert speech(await converse(hass, gemini, "how is the vpn?")) == "The VPN is up."
    (status,) = gemini.responses()
    result = status["response"]["result"]
    assert result["tunnel"] == "running"
    assert result["killswitch"]["state"] == "armed"
    assert vpn_stack.gluetun.home_ip not in str(status)

    gemini.sim.script(g.call(tool("halt_downloads")), g.text("Stop every torrent?"))
    first = await converse(hass, gemini, "stop all downloads")
    assert first.continue_conversation is True
    assert len(vpn_stack.running()) == 3
    gemini.sim.script(g.call(tool("halt_downloads"), confirm=True), g.text("Halted."))
    await converse(hass, gemini, "yes", conversation_id=first.conversation_id)
    (halted,) = gemini.responses()
    assert halted["response"]["result"]["state"] == "tripped"
    assert vpn_stack.running() == set()

    gemini.sim.script(g.call(tool("release_downloads")), g.text("Resumed."))
    await converse(hass, gemini, "resume them")
    assert len(vpn_stack.running()) == 3
