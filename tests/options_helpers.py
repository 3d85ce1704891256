"""Open a page of Myflix's options menu."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType


async def open_options_page(hass: HomeAssistant, entry_id: str, page: str) -> Any:
    """Start the options flow, check the menu offers ``page``, and open it."""
    result = await hass.config_entries.options.async_init(entry_id)
    assert result["type"] is FlowResultType.MENU
    assert page in result["menu_options"], result["menu_options"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": page}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == page
    return result
