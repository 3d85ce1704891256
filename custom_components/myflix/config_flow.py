"""Config flow for Myflix: pick any of Radarr, Sonarr, qBittorrent and gluetun.

Each backend filled in is checked before saving; Watchtower and the IP echo
URLs are only checked for their shape. Reauth asks for the secrets again,
reconfigure changes the backends and keeps the secrets left empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
)
from homeassistant.core import callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from yarl import URL

from .backends import (
    BACKENDS,
    async_check_clients,
    configured_backends,
    create_clients,
    field_errors,
)
from .const import (
    CONF_GLUETUN_API_KEY,
    CONF_GLUETUN_URL,
    CONF_IP_ECHO_URLS,
    CONF_QBITTORRENT_PASSWORD,
    CONF_QBITTORRENT_URL,
    CONF_QBITTORRENT_USERNAME,
    CONF_RADARR_API_KEY,
    CONF_RADARR_URL,
    CONF_SONARR_API_KEY,
    CONF_SONARR_URL,
    CONF_WATCHTOWER_TOKEN,
    CONF_WATCHTOWER_URL,
    DEFAULT_IP_ECHO_URLS,
    DOMAIN,
    LOGGER,
)
from .features.vpn.killswitch import ip_echo_urls
from .options_flow import MyflixOptionsFlow
from .schema import vol

_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
_TEXT = TextSelector(TextSelectorConfig(autocomplete="off"))
_SECRET = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
_URLS = TextSelector(TextSelectorConfig(multiline=True))

# The order the form shows; every field optional, at least one backend required.
_FIELDS: tuple[tuple[str, TextSelector], ...] = (
    (CONF_RADARR_URL, _URL),
    (CONF_RADARR_API_KEY, _SECRET),
    (CONF_SONARR_URL, _URL),
    (CONF_SONARR_API_KEY, _SECRET),
    (CONF_QBITTORRENT_URL, _URL),
    (CONF_QBITTORRENT_USERNAME, _TEXT),
    (CONF_QBITTORRENT_PASSWORD, _SECRET),
    (CONF_GLUETUN_URL, _URL),
    (CONF_GLUETUN_API_KEY, _SECRET),
    (CONF_IP_ECHO_URLS, _URLS),
    # Watchtower is no backend: its API has no harmless call to check it with.
    (CONF_WATCHTOWER_URL, _URL),
    (CONF_WATCHTOWER_TOKEN, _SECRET),
)
# Suggested when nothing is stored yet; only contacted at runtime.
_SUGGESTED = {CONF_IP_ECHO_URLS: "\n".join(DEFAULT_IP_ECHO_URLS)}
_REQUIRED_WITH_URL = {
    CONF_RADARR_URL: CONF_RADARR_API_KEY,
    CONF_SONARR_URL: CONF_SONARR_API_KEY,
    CONF_WATCHTOWER_URL: CONF_WATCHTOWER_TOKEN,
}


def _schema(
    defaults: Mapping[str, Any], fields: tuple[str, ...] | None = None
) -> vol.Schema:
    """Build a form of ``fields``, pre-filled with ``defaults`` (secrets excepted)."""
    schema: dict[vol.Marker, Any] = {}
    for key, selector in _FIELDS:
        if fields is not None and key not in fields:
            continue
        default = (
            None if selector is _SECRET else defaults.get(key, _SUGGESTED.get(key))
        )
        marker = vol.Optional(key, description={"suggested_value": default})
        schema[marker] = selector
    return vol.Schema(schema)


def _clean(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """Strip whitespace and trailing slashes; drop empty fields."""
    cleaned: dict[str, Any] = {}
    for key, value in user_input.items():
        text = str(value).strip()
        if key.endswith("_url"):
            text = text.rstrip("/")
        if text:
            cleaned[key] = text
    return cleaned


def _valid_url(raw: str) -> bool:
    """Whether ``raw`` is an http(s) URL with a host."""
    url = URL(raw)
    return url.scheme in ("http", "https") and bool(url.host)


def _shape_errors(data: Mapping[str, Any]) -> dict[str, str]:
    """Errors the user can fix without us contacting anything."""
    errors: dict[str, str] = {}
    for backend in BACKENDS:
        raw = data.get(backend.url_field)
        if raw is not None and not _valid_url(raw):
            errors[backend.url_field] = "invalid_url"
    if not all(_valid_url(url) for url in ip_echo_urls(data)):
        errors[CONF_IP_ECHO_URLS] = "invalid_url"
    if (watchtower := data.get(CONF_WATCHTOWER_URL)) and not _valid_url(watchtower):
        errors[CONF_WATCHTOWER_URL] = "invalid_url"
    for url_field, key_field in _REQUIRED_WITH_URL.items():
        if data.get(url_field) and not data.get(key_field):
            errors[key_field] = "api_key_required"
    if not configured_backends(data):
        errors["base"] = "no_backend"
    return errors


class MyflixConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set Myflix up from the UI."""

    VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(
        config_entry: ConfigEntry,
    ) -> MyflixOptionsFlow:
        """Return the options flow (it reads the entry through the handler)."""
        return MyflixOptionsFlow()

    async def _async_validate(self, data: Mapping[str, Any]) -> dict[str, str]:
        """Check the form, then every configured backend; return field errors."""
        if errors := _shape_errors(data):
            return errors
        try:
            session = async_get_clientsession(self.hass)
            clients = create_clients(data, lambda _backend: session)
            _versions, failures = await async_check_clients(clients)
        except Exception:  # noqa: BLE001
            LOGGER.exception("Unexpected error while checking the backends")
            return {"base": "unknown"}
        return field_errors(failures)

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the backends and check each one that is filled in."""
        errors: dict[str, str] = {}
        data: dict[str, Any] = {}
        if user_input is not None:
            data = _clean(user_input)
            # One backend belongs to one Myflix entry; other stacks may sit beside it.
            for backend in configured_backends(data):
                self._async_abort_entries_match(
                    {backend.url_field: data[backend.url_field]}
                )
            if not (errors := await self._async_validate(data)):
                return self.async_create_entry(title="Myflix", data=data)
        return self.async_show_form(
            step_id="user", data_schema=_schema(data), errors=errors
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """Start reauth: a backend refused our credentials."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask again for the secrets of the configured backends."""
        entry = self._get_reauth_entry()
        # gluetun may run without a key; ask for it only when one is stored.
        secrets = tuple(
            b.secret_field
            for b in configured_backends(entry.data)
            if b.key != "gluetun" or b.secret_field in entry.data
        )
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {**entry.data, **_clean(user_input)}
            if not (errors := await self._async_validate(data)):
                return self.async_update_reload_and_abort(entry, data=data)
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=_schema(entry.data, secrets),
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the backends; empty secrets keep the stored ones."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        defaults: Mapping[str, Any] = entry.data
        if user_input is not None:
            data = _keep_secrets(_clean(user_input), entry.data)
            defaults = data
            if not (errors := await self._async_validate(data)):
                return self.async_update_reload_and_abort(entry, data=data)
        return self.async_show_form(
            step_id="reconfigure", data_schema=_schema(defaults), errors=errors
        )


def _keep_secrets(new: Mapping[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    """Reuse a stored secret the user left empty, for backends still configured."""
    data = dict(new)
    for backend in configured_backends(new):
        if backend.secret_field not in data and backend.secret_field in old:
            data[backend.secret_field] = old[backend.secret_field]
    token = CONF_WATCHTOWER_TOKEN
    if data.get(CONF_WATCHTOWER_URL) and token not in data and token in old:
        data[token] = old[token]
    return data
