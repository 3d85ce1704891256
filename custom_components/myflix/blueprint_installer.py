"""Install Myflix's blueprints into the user's ``blueprints/automation/myflix/``.

A copy is written when missing, and updated when it is still exactly the
version Myflix installed last time (the hashes of what it installed are
stored); a copy the user edited is never overwritten.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

SOURCE = Path(__file__).parent / "blueprints" / "automation" / DOMAIN
STORE_KEY = f"{DOMAIN}.blueprints"
STORE_VERSION = 1

type Installed = dict[str, str]
"""File name → SHA-256 of the copy Myflix wrote."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install(source: Path, target: Path, installed: Installed) -> Installed:
    """Copy every blueprint of ``source`` the user has not edited; return the new hashes.

    Runs in the executor. A copy is written to a temporary name and renamed,
    so HA never reads half a blueprint.
    """
    target.mkdir(parents=True, exist_ok=True)
    result: Installed = {}
    for blueprint in sorted(source.glob("*.yaml")):
        name, wanted = blueprint.name, _sha256(blueprint)
        copy = target / name
        if copy.exists():
            current = _sha256(copy)
            if current != wanted and current != installed.get(name):
                _LOGGER.info("Keeping the edited blueprint %s", copy)
                if name in installed:
                    result[name] = installed[name]
                continue
            if current == wanted:
                result[name] = wanted
                continue
        temporary = copy.with_name(f".{name}.myflix-tmp")
        shutil.copyfile(blueprint, temporary)
        temporary.replace(copy)
        result[name] = wanted
        _LOGGER.debug("Installed blueprint %s", copy)
    return result


async def async_install_blueprints(hass: HomeAssistant) -> None:
    """Install or update the blueprints; errors are logged, setup goes on."""
    store: Store[Installed] = Store(hass, STORE_VERSION, STORE_KEY)
    installed = await store.async_load() or {}
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    try:
        result = await hass.async_add_executor_job(install, SOURCE, target, installed)
    except OSError as err:
        _LOGGER.warning(
            "Could not install the Myflix blueprints in %s: %s", target, err
        )
        return
    if result != installed:
        await store.async_save(result)
