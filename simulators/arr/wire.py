"""The apps' wire conventions: JSON without nulls, UTC dates, errors, paging, queries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiohttp import web

type Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
#: One FluentValidation failure: (property, message, attempted value, code).
type ValidationFailure = tuple[str, str, Any, str]

EPOCH = datetime(1, 1, 1, tzinfo=UTC)  # what the apps send for "never"
V3 = "/api/v3"


def fmt_dt(value: datetime) -> str:
    """Format a date-time the apps' way: ``2024-05-01T18:30:00Z``."""
    value = value.astimezone(UTC)
    return f"{value.year:04d}-{value:%m-%dT%H:%M:%S}Z"


def format_timespan(span: timedelta) -> str:
    """Format a .NET TimeSpan string: ``hh:mm:ss``, or ``d.hh:mm:ss`` past a day."""
    total = max(int(span.total_seconds()), 0)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{days}.{clock}" if days else clock


def wire(value: Any) -> Any:
    """Convert to JSON the way the apps write it: nulls left out, dates as strings."""
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [wire(v) for v in value]
    return fmt_dt(value) if isinstance(value, datetime) else value


def reply(data: Any, status: int = 200) -> web.Response:
    """Answer JSON in the apps' style."""
    return web.json_response(wire(data), status=status)


def static(getter: Callable[[], Any]) -> Handler:
    """Make a GET handler that answers whatever ``getter`` returns at that moment."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return reply(getter())

    return handler


def not_found(message: str) -> web.Response:
    """Answer 404 with ``{message, description}``."""
    description = f"NzbDrone.Core.Datastore.ModelNotFoundException: {message}"
    return reply({"message": message, "description": description}, 404)


def invalid(*errors: ValidationFailure) -> web.Response:
    """Answer 400 with FluentValidation items."""
    keys = ("propertyName", "errorMessage", "attemptedValue", "errorCode")
    return reply(
        [{**dict(zip(keys, e, strict=True)), "severity": "error"} for e in errors], 400
    )


def page(
    request: web.Request, records: list[dict[str, Any]], sort_key: str, direction: str
) -> web.Response:
    """Answer one page of ``records`` in the paging envelope ``page``/``pageSize`` ask."""
    number = max(int(request.query.get("page", 1)), 1)
    size = max(int(request.query.get("pageSize", 10)), 1)
    return reply(
        {
            "page": number,
            "pageSize": size,
            "sortKey": request.query.get("sortKey", sort_key),
            "sortDirection": request.query.get("sortDirection", direction),
            "totalRecords": len(records),
            "records": records[(number - 1) * size : number * size],
        }
    )


def q_bool(request: web.Request, name: str, default: bool) -> bool:
    """Read a boolean query parameter (``true``/``false``, any case)."""
    value = request.query.get(name)
    return default if value is None else value.lower() == "true"


def q_ints(request: web.Request, name: str) -> list[int]:
    """Read a repeated (or comma-separated) integer query parameter."""
    raws = request.query.getall(name, [])
    return [int(v) for raw in raws for v in raw.split(",") if v.strip()]


def q_time(request: web.Request, name: str, default: datetime) -> datetime:
    """Read a date or date-time query parameter as aware UTC."""
    raw = request.query.get(name)
    if not raw:
        return default
    if "T" not in raw:
        return datetime.combine(date.fromisoformat(raw), datetime.min.time(), UTC)
    parsed = datetime.fromisoformat(raw)
    return (
        parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    )
