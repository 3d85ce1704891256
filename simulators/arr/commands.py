"""Server commands: queued, run in the background, then completed or failed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import re
from typing import Any

from aiohttp import web

from . import catalog
from .core import ArrCore
from .wire import V3, format_timespan, invalid, not_found, reply, static

#: Runs one command with its body; returns the completion message.
type CommandFn = Callable[[dict[str, Any]], Awaitable[str]]


class CommandRunner(ArrCore):
    """``POST command`` and friends; layers and apps name their runners."""

    def _init_state(self) -> None:
        super()._init_state()
        self.commands: dict[int, dict[str, Any]] = {}

    def _commands(self) -> dict[str, CommandFn]:
        """Map command names to runners; layers and apps add their own."""
        return {"RssSync": self._cmd_nothing}

    async def _cmd_nothing(self, body: dict[str, Any]) -> str:
        return "Completed"

    def start_command(
        self, name: str, fields: dict[str, Any], *, trigger: str = "manual"
    ) -> dict[str, Any] | None:
        """Queue a command and run it in the background; None for an unknown name."""
        table = {key.lower(): (key, fn) for key, fn in self._commands().items()}
        if (entry := table.get(name.lower())) is None:
            return None
        canonical, runner = entry
        now = self.now()
        body = {k: v for k, v in fields.items() if k != "name"}
        command: dict[str, Any] = {
            "id": self.new_id("command"),
            "name": canonical,
            "commandName": re.sub(r"(?<=[a-z])(?=[A-Z])", " ", canonical),
            "body": {
                **body,
                **catalog.COMMAND_BODY,
                "name": canonical,
                "trigger": trigger,
            },
            "priority": "normal",
            "status": "queued",
            "result": "unknown",
            "queued": now,
            "trigger": trigger,
            "stateChangeTime": now,
            "sendUpdatesToClient": True,
            "updateScheduledTask": True,
        }
        self.commands[command["id"]] = command
        self.spawn(self._run_command(command, runner, body))
        return command

    async def _run_command(
        self, command: dict[str, Any], runner: CommandFn, body: dict[str, Any]
    ) -> None:
        if self.command_delay:
            await asyncio.sleep(self.command_delay)
        started = self.now()
        command.update(status="started", started=started, stateChangeTime=started)
        try:
            message = await runner(body)
        except Exception as err:  # noqa: BLE001 - like the apps: a crashed command ends failed
            command.update(
                status="failed",
                result="unsuccessful",
                message=str(err),
                exception=repr(err),
            )
        else:
            command.update(status="completed", result="successful", message=message)
        ended = self.now()
        span = ended - started
        duration = f"{format_timespan(span)}.{span.microseconds * 10:07d}"
        command.update(ended=ended, stateChangeTime=ended, duration=duration)
        command["body"]["lastExecutionTime"] = ended

    def _routes(self, router: web.UrlDispatcher) -> None:
        super()._routes(router)
        router.add_post(f"{V3}/command", self._post_command)
        router.add_get(f"{V3}/command", static(lambda: list(self.commands.values())))
        router.add_get(f"{V3}/command/{{id:\\d+}}", self._get_command)
        router.add_delete(f"{V3}/command/{{id:\\d+}}", self._delete_command)

    async def _post_command(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("name"), str):
            return invalid(
                ("Name", "'Name' must not be empty.", None, "NotEmptyValidator")
            )
        command = self.start_command(body["name"], body)
        if command is None:  # the apps throw on an unknown name: 500
            message = f"Unknown command name: {body['name']}"
            description = f"System.ArgumentException: {message}"
            return reply({"message": message, "description": description}, 500)
        return reply(command, 201)

    @staticmethod
    def _no_such_command(request: web.Request) -> web.Response:
        return not_found(f"Command with ID {request.match_info['id']} does not exist")

    async def _get_command(self, request: web.Request) -> web.Response:
        if (command := self.commands.get(int(request.match_info["id"]))) is None:
            return self._no_such_command(request)
        return reply(command)

    async def _delete_command(self, request: web.Request) -> web.Response:
        if (command := self.commands.get(int(request.match_info["id"]))) is None:
            return self._no_such_command(request)
        if command["status"] == "queued":
            command.update(status="cancelled", stateChangeTime=self.now())
        return web.Response()
