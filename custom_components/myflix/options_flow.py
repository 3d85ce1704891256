"""Options flow for Myflix: a menu of pages, each gathered from the features' parts.

A page (polling, vpn, healing, share, vault, tiering) shows the fields of
every feature the entry runs that has a part on it, in the features' order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlowWithReload

from .backends import configured_backends
from .catalog import FEATURES
from .feature import OptionsPart, PageCheck
from .schema import vol

type Step = Callable[[dict[str, Any] | None], Awaitable[ConfigFlowResult]]

_STEP = "async_step_"


class MyflixOptionsFlow(OptionsFlowWithReload):
    """A menu of option pages, one per capability; saving a page reloads the entry."""

    def _pages(self) -> dict[str, list[OptionsPart]]:
        """Return the pages this entry offers, each with the parts of its features."""
        configured = {b.key for b in configured_backends(self.config_entry.data)}
        pages: dict[str, list[OptionsPart]] = {}
        for feature in FEATURES:
            if feature.needs.met(configured):
                for part in feature.options:
                    pages.setdefault(part.page, []).append(part)
        return pages

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer the pages that apply to this entry's backends."""
        return self.async_show_menu(step_id="init", menu_options=list(self._pages()))

    def __getattr__(self, name: str) -> Step:
        """Serve ``async_step_<page>`` for each page of the entry (HA looks steps up by name)."""
        page = name.removeprefix(_STEP)
        if name.startswith(_STEP) and (parts := self._pages().get(page)):
            return partial(self._async_step_page, page, parts)
        raise AttributeError(name)

    async def _async_step_page(
        self,
        page: str,
        parts: list[OptionsPart],
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """Save a page's fields over the other options, or show it (again)."""
        check = PageCheck()
        if user_input is not None:
            for part in parts:
                if part.check is not None:
                    check = await part.check(self.hass, user_input)
                    if check.errors:
                        break
                    user_input = check.data if check.data is not None else user_input
        options = {**self.config_entry.options, **(user_input or {})}
        schema: dict[vol.Marker, Any] = {}
        for part in parts:
            schema |= part.fields(options)
        if user_input is not None and not check.errors:
            return self.async_create_entry(data=self._saved(schema, user_input))
        return self.async_show_form(
            step_id=page,
            data_schema=vol.Schema(schema),
            errors=check.errors,
            description_placeholders=check.placeholders,
        )

    def _saved(
        self, schema: Mapping[vol.Marker, Any], user_input: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Return the options with this page's fields replaced by what was typed."""
        # NumberSelector hands back floats; the coordinators want whole units.
        changes = {
            key: value if isinstance(value, bool | str) else int(value)
            for key, value in user_input.items()
            if not isinstance(value, str) or value.strip()
        }
        # A field left empty is dropped, not kept from before.
        page = {str(marker) for marker in schema}
        kept = {k: v for k, v in self.config_entry.options.items() if k not in page}
        return {**kept, **changes}
