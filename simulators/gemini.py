"""A local fake of Gemini's REST API (v1beta), in google-genai's wire format.

It serves ``models/{model}`` and both ``generateContent`` and
``streamGenerateContent?alt=sse`` (what HA core's Google Gemini agent calls,
through google-genai 1.x and 2.x; point it here with ``GOOGLE_GEMINI_BASE_URL``).
It plays scripted replies in order: function calls, text, HTTP errors (429
quota, 400 invalid key), safety blocks, slow answers. A reply may also be a
function of the request. With no script left it answers like a tiny rule
based assistant (the demo's simulated Gemini): a keyword picks a declared
tool, a tool result is read back. It checks the ``x-goog-api-key`` header.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
import json
import re
from typing import Any

from aiohttp import web

type Body = dict[str, Any]
type Reply = Body | Callable[[Body], Body]

SIM_API_KEY = "sim-gemini-key-0123456789"
MODELS = ("gemini-2.5-flash", "gemini-2.0-flash")
# Model names the simulator answers for (HA's agent asks for its recommended one).
MODEL_PREFIXES = ("gemini-", "gemma-")
_USAGE = {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15}

# The demo's keywords, first match wins, and the Myflix tool each one calls.
_KEYWORDS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (r"\b(pause|stop)\b", "myflix__pause_downloads", {}),
    (r"\b(resume|restart)\b", "myflix__resume_downloads", {}),
    (r"\bvpn\b", "myflix__get_vpn_status", {}),
    (r"\b(today|upcoming|coming)\b", "myflix__get_upcoming", {"days": 1}),
    (r"\bqueue\b", "myflix__get_queue", {}),
    (r"\b(download|torrent)", "myflix__get_downloads", {}),
    (r"\b(stuck|stalled|heal)", "myflix__heal_now", {}),
    (r"\b(disk|storage|space)\b", "myflix__get_storage_status", {}),
)


def call(name: str, **args: Any) -> Body:
    """Reply with a call of one function."""
    return calls((name, args))


def calls(*functions: tuple[str, dict[str, Any]]) -> Body:
    """Reply with calls of several functions at once."""
    parts = [{"functionCall": {"name": n, "args": a}} for n, a in functions]
    return _candidate(parts)


def candidate_parts(*parts: Body) -> Body:
    """Reply with raw parts (text and calls mixed)."""
    return _candidate(list(parts))


def text(answer: str) -> Body:
    """Reply in words."""
    return _candidate([{"text": answer}])


def error(status: int, message: str, status_name: str, reason: str = "") -> Body:
    """Reply with an HTTP error as Google sends it."""
    details = (
        [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason}]
        if reason
        else []
    )
    body = {"code": status, "message": message, "status": status_name}
    return {"_status": status, "error": {**body, "details": details}}


QUOTA = error(
    429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"
)
INVALID_KEY = error(
    400,
    "API key not valid. Please pass a valid API key.",
    "INVALID_ARGUMENT",
    "API_KEY_INVALID",
)
PROMPT_BLOCKED: Body = {
    "promptFeedback": {"blockReason": "SAFETY"},
    "usageMetadata": _USAGE,
}
ANSWER_BLOCKED: Body = {
    "candidates": [{"finishReason": "SAFETY", "index": 0}],
    "usageMetadata": _USAGE,
}


def slow(seconds: float, reply: Body) -> Body:
    """Send ``reply`` after ``seconds``."""
    return {**reply, "_delay": seconds}


def _candidate(parts: list[Body]) -> Body:
    return {
        "candidates": [
            {
                "content": {"role": "model", "parts": parts},
                "finishReason": "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": _USAGE,
        "modelVersion": MODELS[0],
    }


def _declared(body: Body) -> set[str]:
    return {
        declaration["name"]
        for tool in body.get("tools", [])
        for declaration in tool.get("functionDeclarations", [])
    }


def demo_reply(body: Body) -> Body:
    """Play the simulated assistant: a keyword picks a tool, a result is read back."""
    last = body["contents"][-1]["parts"]
    if results := [p["functionResponse"] for p in last if "functionResponse" in p]:
        summary = "; ".join(
            f"{r['name']}: {json.dumps(r['response'], separators=(',', ':'))[:300]}"
            for r in results
        )
        return text(f"(simulated Gemini) {summary}")
    said = " ".join(p.get("text", "") for p in last).lower()
    declared = _declared(body)
    match = re.search(r"\b(?:search|find|add)\s+(.+)", said)
    if match and "myflix__search_media" in declared:
        return call("myflix__search_media", query=match.group(1).strip(" ?.!"))
    for pattern, name, args in _KEYWORDS:
        if re.search(pattern, said) and name in declared:
            return call(name, **args)
    return text(
        "(simulated Gemini) Ask me about the queue, downloads, the VPN or what is "
        "coming today."
    )


class GeminiSimulator:
    """Serves ``models/{model}`` and ``models/{model}:[stream]generateContent``."""

    def __init__(self, api_key: str = SIM_API_KEY) -> None:
        """Accept ``api_key`` only."""
        self.api_key = api_key
        self.requests: list[Body] = []
        """Every generateContent body, in order."""
        self.paths: list[str] = []
        self._script: deque[Reply] = deque()

    def script(self, *replies: Reply) -> None:
        """Queue replies, played one per generateContent request."""
        self._script.extend(replies)

    @property
    def pending(self) -> int:
        """Replies not played yet."""
        return len(self._script)

    def make_app(self) -> web.Application:
        """Build the aiohttp app."""
        app = web.Application()
        app.router.add_get("/v1beta/models", self._models)
        app.router.add_get("/v1beta/models/{model}", self._model)
        app.router.add_post("/v1beta/models/{call}", self._generate)
        return app

    def _refused(self, request: web.Request) -> web.Response | None:
        if request.headers.get("x-goog-api-key") == self.api_key:
            return None
        return _json(INVALID_KEY)

    async def _models(self, request: web.Request) -> web.Response:
        """List the models (HA's config flow checks a key with this)."""
        if (refused := self._refused(request)) is not None:
            return refused
        models = [
            {
                "name": f"models/{model}",
                "displayName": model,
                "supportedGenerationMethods": ["generateContent"],
            }
            for model in MODELS
        ]
        return web.json_response({"models": models})

    async def _model(self, request: web.Request) -> web.Response:
        if (refused := self._refused(request)) is not None:
            return refused
        model = request.match_info["model"]
        if not model.startswith(MODEL_PREFIXES):
            return _json(error(404, f"models/{model} is not found", "NOT_FOUND"))
        return web.json_response(
            {"name": f"models/{model}", "displayName": model, "version": "001"}
        )

    async def _generate(self, request: web.Request) -> web.StreamResponse:
        self.paths.append(request.path)
        _model, _, method = request.match_info["call"].partition(":")
        if method not in ("generateContent", "streamGenerateContent"):
            return _json(error(404, f"unknown method {method}", "NOT_FOUND"))
        if (refused := self._refused(request)) is not None:
            return refused
        body: Body = await request.json()
        self.requests.append(body)
        reply: Reply = self._script.popleft() if self._script else demo_reply
        answer = reply(body) if callable(reply) else reply
        if delay := answer.get("_delay"):
            await asyncio.sleep(delay)
        if method == "generateContent" or "_status" in answer:
            return _json(answer)
        return await _sse(request, answer)


async def _sse(request: web.Request, answer: Body) -> web.StreamResponse:
    """Send the answer as one server-sent event, as ``alt=sse`` streams do."""
    data = {k: v for k, v in answer.items() if not k.startswith("_")}
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    await response.write(f"data: {json.dumps(data)}\r\n\r\n".encode())
    await response.write_eof()
    return response


def _json(answer: Body) -> web.Response:
    status = answer.get("_status", 200)
    data = {k: v for k, v in answer.items() if not k.startswith("_")}
    return web.json_response(data, status=status)
