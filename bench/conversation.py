"""Conversation overhead and request size, in a real (test) Home Assistant.

The agent is HA core's Google Gemini agent with Myflix's tools in its API.

1. Tool round trip without the model: from the user's text to the tool result
   being ready, with the model replaced by an instant stub (google-genai's chat
   stream patched, so only HA's agent, the chat log, our tool and the Myflix
   action are timed). Baseline in the same run: the same action called
   directly. asyncio debug mode (on in HA's test harness, off in HA) is off.
   Goal: p99 <= 5 ms.
2. Request size to Gemini: the system prompt plus the tool declarations, as
   google-genai sends them to the simulated Gemini, in tokens (characters / 4),
   all tools of the agent's API and Myflix's alone. Goal: <= 3,000 tokens.

Run: ``python bench/conversation.py`` (or ``python -m pytest bench/conversation.py -s``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json
import os
from pathlib import Path
import statistics
import sys
import time
from typing import Any
from unittest.mock import patch

from google.genai.chats import AsyncChat
from google.genai.types import GenerateContentResponse
from homeassistant.core import HomeAssistant
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if __name__ == "__main__":  # run through pytest: it needs HA's test plugin first
    sys.exit(pytest.main([__file__, "-s", "-q", "-p", "no:cacheprovider"]))

from custom_components.myflix.const import DOMAIN  # noqa: E402
from custom_components.myflix.features.conversation.llm_tools import (  # noqa: E402
    TOOL_PREFIX,
    MyflixTool,
)
from simulators import gemini as g  # noqa: E402
from tests.conversation_helpers import (  # noqa: E402, F401
    Gemini,
    converse,
    gemini_fixture,
    setup_gemini,
    tool,
)
from tests.services_helpers import setup_entry  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1000"))
WARMUP = 20  # first turns build the chat session, caches and code paths
P99_GOAL_MS = 5.0
TOKEN_GOAL = 3000
CALL = GenerateContentResponse.model_validate(g.call(tool("get_downloads")))
DONE = GenerateContentResponse.model_validate(g.text("Done."))


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def test_tool_round_trip(
    hass: HomeAssistant, stack_data: dict[str, str], gemini: Gemini
) -> None:
    """User text -> tool result ready, the model an instant stub, vs the bare action."""
    # The test harness runs asyncio in debug mode (a stack trace per task); HA does not.
    asyncio.get_running_loop().set_debug(False)
    await setup_entry(hass, stack_data)
    await setup_gemini(hass, gemini)
    ready: list[tuple[float, float]] = []
    original = MyflixTool.async_call

    async def timed_call(self: MyflixTool, *args: Any) -> Any:
        result = await original(self, *args)
        ready.append((time.perf_counter(), time.process_time()))
        return result

    script: list[GenerateContentResponse] = []

    async def instant_model(
        self: Any, *_args: Any, **_kwargs: Any
    ) -> AsyncIterator[GenerateContentResponse]:
        async def stream() -> AsyncIterator[GenerateContentResponse]:
            yield script.pop(0)

        return stream()

    overhead: list[float] = []
    cpu: list[float] = []
    with (
        patch.object(MyflixTool, "async_call", timed_call),
        patch.object(AsyncChat, "send_message_stream", instant_model),
    ):
        for _ in range(WARMUP + ROUNDS):
            script[:] = [CALL, DONE]
            start, cpu_start = time.perf_counter(), time.process_time()
            await converse(hass, gemini, "what's downloading?")
            overhead.append((ready[-1][0] - start) * 1000)
            cpu.append((ready[-1][1] - cpu_start) * 1000)
    del overhead[:WARMUP], cpu[:WARMUP]
    baseline: list[float] = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        await hass.services.async_call(
            DOMAIN, "get_torrents", {"limit": 10}, blocking=True, return_response=True
        )
        baseline.append((time.perf_counter() - start) * 1000)
    p50, p99 = statistics.median(overhead), pct(overhead, 0.99)
    b50, b99 = statistics.median(baseline), pct(baseline, 0.99)
    c99, load = pct(cpu, 0.99), os.getloadavg()[0]
    print(
        f"\nTool round trip without the model ({ROUNDS} turns): p50 {p50:.2f} ms, "
        f"p99 {p99:.2f} ms; baseline (the action alone) p50 {b50:.2f} ms, "
        f"p99 {b99:.2f} ms; p99 = {p99 / b99:.1f} x baseline, "
        f"{p99 / P99_GOAL_MS:.2f} of the {P99_GOAL_MS:g} ms goal; CPU time p99 "
        f"{c99:.2f} ms (wall-clock outliers are preemption: load average {load:.1f} "
        f"on {os.cpu_count()} CPUs)"
    )
    print(
        f"summary: conversation tool round trip: p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
        f"CPU p99 {c99:.2f} ms ({p99 / b99:.0f} x the bare action; "
        f"{p99 / P99_GOAL_MS:.2f} of the 5 ms goal; load {load:.1f})"
    )


async def test_request_size(
    hass: HomeAssistant, stack_data: dict[str, str], gemini: Gemini
) -> None:
    """System prompt plus tools, as sent on the wire, in tokens (characters / 4)."""
    await setup_entry(hass, stack_data)
    await setup_gemini(hass, gemini)
    gemini.sim.script(g.text("Hi."))
    await converse(hass, gemini, "hi")
    request = gemini.sim.requests[-1]
    system = json.dumps(request["systemInstruction"], ensure_ascii=False)
    declarations = [
        declaration
        for declared in request.get("tools", [])
        for declaration in declared.get("functionDeclarations", [])
    ]
    ours = [d for d in declarations if d["name"].startswith(TOOL_PREFIX)]
    for label, chosen in (("all tools", declarations), ("Myflix tools", ours)):
        tools = json.dumps(chosen, ensure_ascii=False)
        tokens = (len(system) + len(tools)) / 4
        print(
            f"\nRequest size ({label}): system prompt {len(system)} chars, "
            f"{len(chosen)} tools {len(tools)} chars = {tokens:.0f} tokens "
            f"({tokens / TOKEN_GOAL:.2f} of the {TOKEN_GOAL} goal)"
        )
        print(
            f"summary: conversation request size ({label}): {tokens:.0f} tokens, "
            f"{len(chosen)} tools ({tokens / TOKEN_GOAL:.2f} of the 3,000 goal)"
        )
