"""The vault's glue: which folder, which keys, which sources; file work in the executor."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.loader import async_get_integration
from homeassistant.util import dt as dt_util

from custom_components.myflix.backends import error_key
from custom_components.myflix.clients.errors import MyflixError
from custom_components.myflix.const import (
    CONF_ARCHIVE_PATH,
    CONF_RADARR_API_KEY,
    CONF_SONARR_API_KEY,
    CONF_VAULT_FOLDER,
    CONF_VAULT_KEEP,
    CONF_VAULT_RECIPIENTS,
    DEFAULT_VAULT_KEEP,
    DOMAIN,
    LOGGER,
    VAULT_FOLDER_NAME,
)
from custom_components.myflix.engine.vault import (
    Missing,
    Source,
    VaultFile,
    arr_backup_source,
    collect,
    error_kind,
    parse_recipients,
    qbittorrent_source,
    seal,
    settings_source,
)
from custom_components.myflix.entry import MyflixConfigEntry
from custom_components.myflix.features.arr import RADARR, SONARR
from custom_components.myflix.features.qbittorrent import QBITTORRENT

EVENT_VAULT_CREATED = f"{DOMAIN}_vault_created"
# A big library's backup zip is tens of MB: the polling clients' 10 s is too short.
DOWNLOAD_TIMEOUT = 300.0


def vault_folder(hass: HomeAssistant, entry: MyflixConfigEntry) -> Path:
    """Return the option, else ``myflix-vault`` under the archive tier, else under HA's config."""
    if folder := str(entry.options.get(CONF_VAULT_FOLDER) or "").strip():
        return Path(folder)
    archive = entry.options.get(CONF_ARCHIVE_PATH)
    if isinstance(archive, str) and archive.strip():
        return Path(archive.strip()) / VAULT_FOLDER_NAME
    return Path(hass.config.path(VAULT_FOLDER_NAME))


def recipients_of(entry: MyflixConfigEntry, given: Any = None) -> list[str]:
    """Return the call's recipients, else the option's; raises InvalidRecipientError."""
    if given:
        return parse_recipients(given)
    return parse_recipients(str(entry.options.get(CONF_VAULT_RECIPIENTS) or ""))


def _describe(err: BaseException) -> str:
    """Return a missing source's reason: the flow error key of a client error."""
    return error_key(err) if isinstance(err, MyflixError) else error_kind(err)


def _sources(
    hass: HomeAssistant, entry: MyflixConfigEntry, settings: dict[str, Any]
) -> tuple[list[Source], list[Missing]]:
    runtime = entry.runtime_data
    session = async_get_clientsession(hass)
    now = dt_util.utcnow()
    versions = runtime.versions
    sources: list[Source] = []
    absent: list[Missing] = []
    arrs = (
        ("radarr", runtime.get(RADARR), CONF_RADARR_API_KEY),
        ("sonarr", runtime.get(SONARR), CONF_SONARR_API_KEY),
    )
    for name, arr, key_field in arrs:
        if arr is None:
            absent.append(Missing(source=name, reason="not_configured"))
        else:
            client = type(arr.client)(
                url=arr.client.base_url,
                api_key=entry.data[key_field],
                session=session,
                timeout=DOWNLOAD_TIMEOUT,
            )
            sources.append(arr_backup_source(name, client, version=versions.get(name)))
    if (qbittorrent := runtime.get(QBITTORRENT)) is None:
        absent.append(Missing(source="qbittorrent", reason="not_configured"))
    else:
        sources.append(
            qbittorrent_source(
                qbittorrent.client,
                version=versions.get("qbittorrent"),
                now=now,
            )
        )
    sources.append(settings_source(settings, version=settings["version"], now=now))
    return sources, absent


async def async_backup_vault(
    hass: HomeAssistant, entry: MyflixConfigEntry, recipients: list[str]
) -> VaultFile:
    """Back up every source into one encrypted file; say what is missing."""
    integration = await async_get_integration(hass, DOMAIN)
    version = str(integration.version or "")
    settings = {
        "title": entry.title,
        "version": version,
        "entry_version": entry.version,
        "data": dict(entry.data),
        "options": dict(entry.options),
    }
    sources, absent = _sources(hass, entry, settings)
    async with entry.runtime_data.vault_lock:
        members, missing = await collect(sources, describe=_describe)
        missing = absent + missing
        created = dt_util.utcnow().astimezone(UTC).replace(microsecond=0)
        folder = vault_folder(hass, entry)
        keep = int(entry.options.get(CONF_VAULT_KEEP, DEFAULT_VAULT_KEEP))
        producer = {"name": "Myflix", "version": version, "entry": entry.title}
        result = await hass.async_add_executor_job(
            lambda: seal(
                folder,
                members,
                missing,
                recipients=recipients,
                created=created,
                producer=producer,
                keep=keep,
            )
        )
    LOGGER.info(
        "Vault written: %s (%d bytes, %d members, missing: %s)",
        result.path,
        result.size,
        len(members),
        ", ".join(m.source for m in missing) or "nothing",
    )
    return result
