"""Install Myflix's blueprints and Assist sentences into the user's config folder.

Blueprints go to ``blueprints/automation/myflix/``, sentences to
``custom_sentences/<language>/`` where HA's own agent reads them. A copy is
written when missing, and updated when it is still exactly the version
Myflix installed last time (the hashes of what it installed are stored); a
copy the user edited is never overwritten.
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
SENTENCES = Path(__file__).parent / "sentences"
STORE_KEY = f"{DOMAIN}.blueprints"
SENTENCES_STORE_KEY = f"{DOMAIN}.sentences"
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
                _LOGGER.info("Keeping the edited copy %s", copy)
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
        _LOGGER.debug("Installed %s", copy)
    return result


async def _async_copy(
    hass: HomeAssistant, source: Path, target: Path, installed: Installed, what: str
) -> Installed:
    """Run ``install`` in the executor; an error is logged and changes nothing."""
    try:
        return await hass.async_add_executor_job(install, source, target, installed)
    except OSError as err:
        _LOGGER.warning("Could not install the Myflix %s in %s: %s", what, target, err)
        return installed


async def async_install_blueprints(hass: HomeAssistant) -> None:
    """Install or update the blueprints; errors are logged, setup goes on."""
    store: Store[Installed] = Store(hass, STORE_VERSION, STORE_KEY)
    installed = await store.async_load() or {}
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    result = await _async_copy(hass, SOURCE, target, installed, "blueprints")
    if result != installed:
        await store.async_save(result)


async def async_install_sentences(hass: HomeAssistant) -> None:
    """Install or update the sentences of every shipped language.

    HA's own agent caches a language's sentences when first asked: a language
    whose file changed is reloaded, so it understands them with no restart.
    """
    store: Store[dict[str, Installed]] = Store(hass, STORE_VERSION, SENTENCES_STORE_KEY)
    stored = await store.async_load() or {}
    result: dict[str, Installed] = {}
    for source in sorted(SENTENCES.iterdir()):
        if not source.is_dir():
            continue
        language = source.name
        target = Path(hass.config.path("custom_sentences", language))
        installed = stored.get(language, {})
        result[language] = await _async_copy(
            hass, source, target, installed, "sentences"
        )
        if result[language] != installed and hass.services.has_service(
            "conversation", "reload"
        ):
            await hass.services.async_call(
                "conversation", "reload", {"language": language}, blocking=True
            )
    if result != stored:
        await store.async_save(result)
