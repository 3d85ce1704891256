"""What the app tells about itself: status, health, disks, folders, profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from custom_components.myflix.clients.converters import (
    as_bool,
    as_datetime,
    as_int,
    as_str,
    as_url,
)

from .base import ArrModel, from_json


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemStatus(ArrModel):
    """``GET system/status``: which app, which version, where."""

    version: str = field(metadata=from_json("version", as_str))
    app_name: str = field(default="", metadata=from_json("appName", as_str))
    instance_name: str = field(default="", metadata=from_json("instanceName", as_str))
    url_base: str = field(default="", metadata=from_json("urlBase", as_str))
    branch: str = field(default="", metadata=from_json("branch", as_str))
    os_name: str = field(default="", metadata=from_json("osName", as_str))
    is_docker: bool = field(default=False, metadata=from_json("isDocker", as_bool))
    database_type: str = field(default="", metadata=from_json("databaseType", as_str))
    start_time: datetime | None = field(
        default=None, metadata=from_json("startTime", as_datetime)
    )
    build_time: datetime | None = field(
        default=None, metadata=from_json("buildTime", as_datetime)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthCheck(ArrModel):
    """One ``GET health`` entry; ``type`` is ok/notice/warning/error."""

    source: str = field(metadata=from_json("source", as_str))
    type: str = field(default="warning", metadata=from_json("type", as_str))
    message: str = field(default="", metadata=from_json("message", as_str))
    wiki_url: str | None = field(default=None, metadata=from_json("wikiUrl", as_url))


@dataclass(frozen=True, slots=True, kw_only=True)
class DiskSpace(ArrModel):
    """One ``GET diskspace`` entry, sizes in bytes."""

    path: str = field(metadata=from_json("path", as_str))
    label: str = field(default="", metadata=from_json("label", as_str))
    free_space: int = field(default=0, metadata=from_json("freeSpace", as_int))
    total_space: int = field(default=0, metadata=from_json("totalSpace", as_int))


@dataclass(frozen=True, slots=True, kw_only=True)
class RootFolder(ArrModel):
    """A library root folder."""

    id: int = field(metadata=from_json("id", as_int))
    path: str = field(default="", metadata=from_json("path", as_str))
    accessible: bool = field(default=False, metadata=from_json("accessible", as_bool))
    free_space: int | None = field(
        default=None, metadata=from_json("freeSpace", as_int)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class QualityProfile(ArrModel):
    """A quality profile (what choosing one needs)."""

    id: int = field(metadata=from_json("id", as_int))
    name: str = field(default="", metadata=from_json("name", as_str))
    upgrade_allowed: bool = field(
        default=False, metadata=from_json("upgradeAllowed", as_bool)
    )
    cutoff: int = field(default=0, metadata=from_json("cutoff", as_int))
