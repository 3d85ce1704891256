"""HA's prometheus integration exports Myflix's sensors with sensible units."""

from __future__ import annotations

import re
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from .entity_helpers import setup_platform


async def test_prometheus_exports_myflix_sensors(
    hass: HomeAssistant, stack_data: dict[str, str], hass_client: Any
) -> None:
    """Speeds in bytes per second, free space in bytes, counts without a unit."""
    assert await async_setup_component(hass, "prometheus", {"prometheus": {}})
    await setup_platform(hass, stack_data, Platform.SENSOR)
    await hass.async_block_till_done()

    client = await hass_client()
    response = await client.get("/api/prometheus")
    assert response.status == 200
    text = await response.text()

    def metric(entity_id: str) -> tuple[str, float]:
        """The metric name and value exported for an entity."""
        line = re.search(
            rf'^(homeassistant_sensor_\w+)\{{[^}}]*entity="{re.escape(entity_id)}"[^}}]*\}} (\S+)$',
            text,
            re.M,
        )
        assert line, f"{entity_id} is not exported"
        return line[1], float(line[2])

    name, value = metric("sensor.qbittorrent_download_speed")
    assert name == "homeassistant_sensor_data_rate_mib_per_s"  # device class + unit
    assert value >= 0
    name, value = metric("sensor.qbittorrent_free_space")
    assert name == "homeassistant_sensor_data_size_gb"
    assert value > 0
    name, value = metric("sensor.radarr_movies")
    assert name == "homeassistant_sensor_state"  # a plain count has no unit
    assert value == float(hass.states.get("sensor.radarr_movies").state)
