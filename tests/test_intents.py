"""Intents through HA's own agent with the shipped custom sentences, in EN and FR."""

from __future__ import annotations

from pathlib import Path
import re

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent, llm
from homeassistant.setup import async_setup_component
import pytest

from custom_components.myflix.const import DOMAIN
from custom_components.myflix.features.conversation.llm_compat import HAS_LLM_PLATFORM
from custom_components.myflix.features.qbittorrent import QBITTORRENT
from custom_components.myflix.history import async_record

from .conftest import RADARR_KEY, SONARR_KEY, Backend
from .conversation_helpers import llm_context
from .services_helpers import setup_entry
from .vpn_helpers import VpnStack, vpn_stack_fixture  # noqa: F401

SENTENCES = Path(__file__).parent.parent / "custom_components/myflix/sentences"
LANGUAGES = ("en", "fr")


@pytest.fixture
async def local_agent(
    hass: HomeAssistant, vpn_stack: VpnStack, radarr: Backend, sonarr: Backend
) -> VpnStack:
    """The whole stack loaded; Myflix installs its sentences itself."""
    data = {
        **vpn_stack.data,
        "radarr_url": radarr.url,
        "radarr_api_key": RADARR_KEY,
        "sonarr_url": sonarr.url,
        "sonarr_api_key": SONARR_KEY,
    }
    await setup_entry(hass, data)
    assert await async_setup_component(hass, "conversation", {})
    return vpn_stack


async def _ask(hass: HomeAssistant, text: str, language: str) -> str:
    result = await conversation.async_converse(
        hass,
        text,
        None,
        Context(),
        language=language,
        agent_id="conversation.home_assistant",
    )
    assert result.response.response_type is intent.IntentResponseType.ACTION_DONE, (
        result.response.speech
    )
    speech: str = result.response.speech["plain"]["speech"]
    return speech


ASKS = [
    ("en", "what's downloading", r"^3 downloading: .+\.$"),
    ("en", "which torrents are downloading", r"^3 downloading: "),
    ("en", "what's stalled", r"^Nothing is stalled\.$"),
    ("en", "what is in the queue", r"(in the queue: |^The queue is empty\.$)"),
    ("en", "how is the vpn", r"^The VPN is running through .+; the killswitch is armed\.$"),
    ("en", "what's coming today", r"^(Today: .+|Nothing is coming today)\.$"),
    ("en", "how much space is left", r"^Free space: \w+ \d+\.\d [GT]B, .+\.$"),
    ("fr", "qu'est-ce qui est en téléchargement", r"^3 en téléchargement : "),
    ("fr", "qu'est-ce qui est bloqué", r"^Rien n'est bloqué\.$"),
    ("fr", "état de la file d'attente", r"(dans la file : |^La file est vide\.$)"),
    ("fr", "comment va le vpn", r"^Le VPN est actif via .+ ; le killswitch est armé\.$"),
    ("fr", "qu'est-ce qui sort aujourd'hui", r"^(Aujourd'hui : .+|Rien de prévu aujourd'hui)\.$"),
    ("fr", "combien d'espace reste-t-il", r"^Espace libre : \w+ \d+,\d [GT]o, .+\.$"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "said", "expected"), ASKS)
async def test_local_asks(
    hass: HomeAssistant, local_agent: VpnStack, language: str, said: str, expected: str
) -> None:
    """Each common ask is understood and answered in its language, without an LLM."""
    spoken = await _ask(hass, said, language)
    assert re.search(expected, spoken), spoken
    assert "untrusted" not in spoken


@pytest.mark.parametrize(
    ("language", "pause", "paused", "resume", "resumed"),
    [
        (
            "en",
            "pause all downloads",
            "Paused 3 downloads.",
            "resume everything",
            "Resumed 3 downloads.",
        ),
        (
            "fr",
            "mets tout en pause",
            "3 téléchargements mis en pause.",
            "reprends tous les téléchargements",
            "3 téléchargements relancés.",
        ),
    ],
)
async def test_pause_and_resume(
    hass: HomeAssistant,
    local_agent: VpnStack,
    *,
    language: str,
    pause: str,
    paused: str,
    resume: str,
    resumed: str,
) -> None:
    """Pause stops every torrent, resume starts them again."""
    assert await _ask(hass, pause, language) == paused
    assert local_agent.running() == set()
    assert await _ask(hass, resume, language) == resumed
    assert len(local_agent.running()) == 3


async def test_sentences_work_right_after_setup_with_no_restart(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """Asked before Myflix exists the agent does not know the words; after set-up it does."""
    assert await async_setup_component(hass, "conversation", {})
    for language, said in (("en", "is the vpn ok"), ("fr", "comment va le vpn")):
        before = await conversation.async_converse(
            hass, said, None, Context(), language=language
        )
        assert before.response.response_type is intent.IntentResponseType.ERROR

    await setup_entry(hass, vpn_stack.data)
    for language in LANGUAGES:
        installed = Path(hass.config.path("custom_sentences", language, "myflix.yaml"))
        shipped = SENTENCES / language / "myflix.yaml"
        assert installed.read_bytes() == shipped.read_bytes()
    assert re.match(r"^The VPN is running", await _ask(hass, "is the vpn ok", "en"))
    assert re.match(r"^Le VPN est actif", await _ask(hass, "comment va le vpn", "fr"))


async def test_an_edited_sentence_file_is_kept(
    hass: HomeAssistant, vpn_stack: VpnStack
) -> None:
    """The user's own words survive a restart; an unedited copy is updated."""
    edited = Path(hass.config.path("custom_sentences", "en", "myflix.yaml"))
    edited.parent.mkdir(parents=True)
    mine = (SENTENCES / "en" / "myflix.yaml").read_text() + "# my words\n"
    edited.write_text(mine)
    assert await async_setup_component(hass, DOMAIN, {})
    assert edited.read_text() == mine  # not Myflix's: kept
    missing = Path(hass.config.path("custom_sentences", "fr", "myflix.yaml"))
    assert missing.read_bytes() == (SENTENCES / "fr" / "myflix.yaml").read_bytes()


@pytest.mark.parametrize(
    ("language", "said", "expected"),
    [
        ("en", "which torrents are stuck", r"^1 stalled: Stuck\.Show\.$"),
        (
            "fr",
            "y a-t-il des téléchargements bloqués",
            r"^Bloqués \(1\) : Stuck\.Show\.$",
        ),
    ],
)
async def test_stalled_is_named(
    hass: HomeAssistant, local_agent: VpnStack, language: str, said: str, expected: str
) -> None:
    local_agent.qbittorrent.add_torrent(name="Stuck.Show", state="stalledDL")
    # A finished download seeding to nobody is idle, not stuck: not named.
    local_agent.qbittorrent.add_torrent(
        name="Done.Seed", state="stalledUP", progress=1.0
    )
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    await entry.runtime_data.get(QBITTORRENT).sync.async_refresh()
    assert re.search(expected, await _ask(hass, said, language))


ADDS = [
    ("en", "add the movie Gladiator II", r"^Added Gladiator II \(2024\); searching"),
    ("en", "add the series andor", r"^Added Andor \(2022\); searching"),
    ("en", "add the movie dune", r"^I found Dune: Part Two \(2024\), Dune \(2021\), Dune \(1984\)\. Which one"),
    ("en", "add the movie Oppenheimer", r"^Oppenheimer \(2023\) is already in the library\.$"),
    ("en", "add the movie qwxzy blorp", r"^I found nothing called qwxzy blorp\.$"),
    ("fr", "ajoute le film Gladiator II", r"^Gladiator II \(2024\) est ajouté ; je le cherche"),
    ("fr", "ajoute la série Andor", r"^Andor \(2022\) est ajouté"),
    ("fr", "ajoute le film Dune", r"^J'ai trouvé Dune: Part Two \(2024\), .+ Lequel \?"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "said", "expected"), ADDS)
async def test_add_by_voice(
    hass: HomeAssistant,
    local_agent: VpnStack,
    radarr: Backend,
    sonarr: Backend,
    *,
    language: str,
    said: str,
    expected: str,
) -> None:
    """One clear match is added; several are read back and nothing is added."""
    before = len(radarr.sim.movies) + len(sonarr.sim.series)
    spoken = await _ask(hass, said, language)
    assert re.search(expected, spoken), spoken
    added = len(radarr.sim.movies) + len(sonarr.sim.series) - before
    assert added == (1 if spoken.startswith("Added") or " est ajouté" in spoken else 0)


async def test_fifty_matches_are_read_back_three(
    hass: HomeAssistant, local_agent: VpnStack, radarr: Backend
) -> None:
    """Bad input: a title matching fifty movies reads back three, adds none."""
    template = radarr.sim.lookup_catalog[0]
    radarr.sim.lookup_catalog += [
        {**template, "title": f"Star Part {n}", "tmdbId": 900_000 + n}
        for n in range(50)
    ]
    before = len(radarr.sim.movies)
    spoken = await _ask(hass, "add the movie star part", "en")
    assert re.search(r"^I found [^,]+, [^,]+, [^,]+\. Which one", spoken), spoken
    assert len(radarr.sim.movies) == before


@pytest.mark.parametrize(
    ("language", "said"), [("en", "add the movie"), ("fr", "ajoute le film")]
)
async def test_an_empty_title_gets_an_answer(
    hass: HomeAssistant, local_agent: VpnStack, language: str, said: str
) -> None:
    """Bad input: no title at all is answered in words, never an exception."""
    result = await conversation.async_converse(
        hass, said, None, Context(), language=language,
        agent_id="conversation.home_assistant",
    )  # fmt: skip
    assert result.response.speech["plain"]["speech"]


@pytest.mark.parametrize(
    ("language", "said", "answer"),
    [
        (
            "en",
            "why did inside out 2 disappear",
            r"^On \d{4}-\d\d-\d\d \d\d:\d\d, Myflix replaced Inside\.Out\.2\.2024\.1080p-GRP: stalled \(2/2\)\.$",
        ),
        (
            "fr",
            "pourquoi inside out 2 a disparu",
            r"^Le \d{4}-\d\d-\d\d \d\d:\d\d, Myflix a remplacé Inside\.Out\.2\.2024\.1080p-GRP : bloqué \(2/2\)\.$",
        ),
        ("en", "what happened to Dune", r"^Myflix has no record of Dune"),
        ("fr", "qu'est-il arrivé à Dune", r"^Myflix n'a rien noté sur Dune"),
    ],
)
async def test_why_did_it_disappear(
    hass: HomeAssistant, local_agent: VpnStack, language: str, said: str, answer: str
) -> None:
    """The history answers, by the words of the title, whatever separates them."""
    (entry,) = hass.config_entries.async_entries(DOMAIN)
    async_record(
        entry,
        "healing_replaced",
        title="Inside.Out.2.2024.1080p-GRP",
        torrent_hash="ab" * 20,
        reason="stalled",
        evidence={"strikes": 2, "max_strikes": 2, "app": "radarr"},
    )
    assert re.match(answer, await _ask(hass, said, language))


async def test_intent_failure_is_spoken(hass: HomeAssistant) -> None:
    """Without a loaded entry the intent says why, in the asked language."""
    assert await async_setup_component(hass, DOMAIN, {})
    with pytest.raises(intent.IntentHandleError, match=r"^Myflix n'a pas pu répondre"):
        await intent.async_handle(
            hass, "conversation", "MyflixVpnStatus", language="fr"
        )


@pytest.mark.skipif(HAS_LLM_PLATFORM, reason="HA >= 2026.8: tools come from llm.py")
async def test_intents_are_assist_tools(
    hass: HomeAssistant, local_agent: VpnStack
) -> None:
    """HA < 2026.8: every LLM agent on the Assist API gets them; names marked as data."""
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    tools = {tool.name: tool for tool in api.tools}
    names = {name for name in tools if name.lower().startswith("myflix")}
    assert len(names) == 11
    (downloading,) = [t for n, t in tools.items() if n.lower() == "myflixdownloading"]
    result = await downloading.async_call(
        hass, llm.ToolInput(tool_name=downloading.name, tool_args={}), llm_context()
    )
    assert "<<untrusted>>Movie.A<</untrusted>>" in str(result)


@pytest.mark.skipif(not HAS_LLM_PLATFORM, reason="HA < 2026.8 has no llm.py")
async def test_assist_gets_the_tools_not_the_intents(
    hass: HomeAssistant, local_agent: VpnStack
) -> None:
    """HA >= 2026.8: Assist offers the richer Myflix tools; intents stay local."""
    assert await async_setup_component(hass, "llm", {})
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context())
    tools = {tool.name: tool for tool in api.tools}
    assert not [name for name in tools if name.startswith("Myflix")]
    result = await api.async_call_tool(
        llm.ToolInput(tool_name="myflix__get_downloads", tool_args={})
    )
    assert "<<untrusted>>Movie.A<</untrusted>>" in str(result)
