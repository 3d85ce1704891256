"""Run a shipped blueprint as a real automation from a temporary config dir."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
import shutil
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from custom_components.myflix.blueprint_installer import SOURCE

type SetupBlueprint = Callable[..., Awaitable[None]]


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)


async def setup_blueprint(
    hass: HomeAssistant, tmp_path: Path, name: str, **inputs: Any
) -> None:
    """Install ``name`` in ``tmp_path`` and run it as the only automation."""
    # Not the plugin's testing_config: automation would populate blueprints there.
    hass.config.config_dir = str(tmp_path)
    path = f"myflix/{name}"
    target = tmp_path / "blueprints" / "automation" / path
    await hass.async_add_executor_job(_copy, SOURCE / name, target)
    config = {"use_blueprint": {"path": path, "input": inputs}}
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
