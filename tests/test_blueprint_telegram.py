"""The Telegram assistant blueprint: commands answered from Myflix, the rest by an agent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .blueprint_helpers import setup_blueprint

CHAT = 123456789
QUEUE = {
    "count": 12,
    "left_out": 2,
    "items": [
        {
            "title": "Dune.Part.Two.2024.2160p",
            "progress": 42.5,
            "status": "downloading",
        },
        {"title": "Severance.S02E03", "progress": 0.0, "status": "warning"},
    ],
}


@pytest.fixture(name="bot")
async def bot_fixture(
    hass: HomeAssistant, tmp_path: Path
) -> dict[str, list[ServiceCall]]:
    """The blueprint over mocked Myflix actions, agent and Telegram bot."""
    calls = {
        "sent": async_mock_service(hass, "telegram_bot", "send_message"),
        "torrents": async_mock_service(
            hass,
            "myflix",
            "get_torrents",
            response={"count": 7, "left_out": 6, "items": []},
        ),
        "queue": async_mock_service(hass, "myflix", "get_queue", response=QUEUE),
        "pause": async_mock_service(
            hass, "myflix", "pause_downloads", response={"all": True, "count": 5}
        ),
        "resume": async_mock_service(
            hass, "myflix", "resume_downloads", response={"all": True, "count": 4}
        ),
        "vpn": async_mock_service(
            hass,
            "myflix",
            "check_vpn_now",
            response={
                "state": "tripped",
                "verdict": "leak",
                "reason": "vpn_ip_is_home",
                "stopped": 3,
            },
        ),
        "agent": async_mock_service(
            hass,
            "conversation",
            "process",
            response={
                "response": {"speech": {"plain": {"speech": "Dune is at 42 %."}}}
            },
            supports_response=SupportsResponse.ONLY,
        ),
    }
    hass.states.async_set("sensor.vpn_killswitch", "armed")
    await setup_blueprint(
        hass, tmp_path, "telegram_assistant.yaml",
        agent="conversation.myflix_gemini", allowed_user_ids=["42"],
    )  # fmt: skip
    return calls


async def _command(hass: HomeAssistant, command: str, user_id: int = 42) -> None:
    data = {"command": command, "args": [], "chat_id": CHAT, "user_id": user_id}
    hass.bus.async_fire("telegram_command", data)
    await hass.async_block_till_done()


def _replies(calls: dict[str, list[ServiceCall]]) -> list[str]:
    for call in calls["sent"]:
        assert call.data["target"] == [CHAT]
    return [call.data["message"] for call in calls["sent"]]


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        (
            "/status",
            (
                "7 torrent(s) in qBittorrent.\n12 item(s) in the Radarr/Sonarr queue.\n"
                "Killswitch: armed."
            ),
        ),
        (
            "/queue@MyflixBot",
            (
                "Dune.Part.Two.2024.2160p: 42.5 %\nSeverance.S02E03: 0.0 % (warning)\n"
                "…and 2 more."
            ),
        ),
        ("/pause", "Paused 5 torrent(s)."),
        ("/resume", "Resumed 4 torrent(s)."),
        ("/vpn", "VPN leak (vpn ip is home); killswitch tripped, 3 torrent(s) held."),
    ],
)
async def test_commands_answer_from_myflix(
    hass: HomeAssistant, bot: dict[str, list[ServiceCall]], command: str, reply: str
) -> None:
    """Each command calls its Myflix action and replies in the same chat."""
    await _command(hass, command)
    assert _replies(bot) == [reply]
    assert bot["agent"] == []


async def test_other_text_goes_to_the_agent(
    hass: HomeAssistant, bot: dict[str, list[ServiceCall]]
) -> None:
    """Free text and unknown commands are the agent's, with a per-chat conversation."""
    hass.bus.async_fire(
        "telegram_text", {"text": "how far is Dune?", "chat_id": CHAT, "user_id": 42}
    )
    await hass.async_block_till_done()
    await _command(hass, "/help")

    assert _replies(bot) == ["Dune is at 42 %.", "Dune is at 42 %."]
    first, second = (call.data for call in bot["agent"])
    assert first["agent_id"] == "conversation.myflix_gemini"
    assert first["text"] == "how far is Dune?"
    assert first["conversation_id"] == f"telegram-{CHAT}"
    assert second["text"].strip() == "/help"


async def test_strangers_get_no_answer(
    hass: HomeAssistant, bot: dict[str, list[ServiceCall]]
) -> None:
    """Only the allowed user ids are served."""
    await _command(hass, "/pause", user_id=666)
    assert bot["sent"] == []
    assert bot["pause"] == []


async def test_a_failing_backend_is_said_plainly(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    """An action that fails still gets a reply saying what did not answer."""
    sent = async_mock_service(hass, "telegram_bot", "send_message")

    def down(call: ServiceCall) -> Any:
        raise HomeAssistantError("Radarr is unreachable")

    hass.services.async_register(
        "myflix", "get_queue", down, supports_response=SupportsResponse.ONLY
    )
    await setup_blueprint(hass, tmp_path, "telegram_assistant.yaml")
    await _command(hass, "/queue")
    assert [call.data["message"] for call in sent] == ["Radarr/Sonarr did not answer."]
