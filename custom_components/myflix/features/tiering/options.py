"""The tiering fields of the options form, and their checks (paths exist, allowed)."""

from __future__ import annotations

from collections.abc import Mapping
import os
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
)

from custom_components.myflix.const import (
    CONF_TIERING_ARCHIVE_ROOT,
    CONF_TIERING_EXCLUDES,
    CONF_TIERING_HIGH_WATERMARK,
    CONF_TIERING_HOT_ROOTS,
    CONF_TIERING_INTERVAL,
    CONF_TIERING_LOW_WATERMARK,
    CONF_TIERING_MIN_AGE,
    CONF_TIERING_MIN_SIZE,
    CONF_TIERING_MODE,
    CONF_TIERING_MOVE_SEEDING,
    CONF_TIERING_PATH_MAPPINGS,
    DEFAULT_TIERING_HIGH_WATERMARK,
    DEFAULT_TIERING_INTERVAL,
    DEFAULT_TIERING_LOW_WATERMARK,
    DEFAULT_TIERING_MIN_AGE,
    DEFAULT_TIERING_MIN_SIZE,
)
from custom_components.myflix.engine.tiering import (
    DEFAULT_EXCLUDES,
    PathMappingError,
    PathMappings,
    TieringMode,
)
from custom_components.myflix.feature import PageCheck
from custom_components.myflix.options_fields import NumberOption, number_fields
from custom_components.myflix.schema import vol

from .inputs import split_list

NUMBERS = (
    NumberOption(
        CONF_TIERING_HIGH_WATERMARK, DEFAULT_TIERING_HIGH_WATERMARK, 1, 100, "%"
    ),
    NumberOption(CONF_TIERING_LOW_WATERMARK, DEFAULT_TIERING_LOW_WATERMARK, 0, 99, "%"),
    NumberOption(CONF_TIERING_MIN_AGE, DEFAULT_TIERING_MIN_AGE, 0, 3650, "d"),
    NumberOption(CONF_TIERING_MIN_SIZE, DEFAULT_TIERING_MIN_SIZE, 0, 1_000_000, "MB"),
    NumberOption(CONF_TIERING_INTERVAL, DEFAULT_TIERING_INTERVAL, 0, 168, "h"),
)
TIERING_FIELDS = frozenset(
    {
        CONF_TIERING_HOT_ROOTS,
        CONF_TIERING_ARCHIVE_ROOT,
        CONF_TIERING_MODE,
        CONF_TIERING_EXCLUDES,
        CONF_TIERING_MOVE_SEEDING,
        CONF_TIERING_PATH_MAPPINGS,
        *(number.key for number in NUMBERS),
    }
)
# What only tiering uses (the archive folder is also the vault's default home).
TIERING_ONLY = TIERING_FIELDS - {CONF_TIERING_ARCHIVE_ROOT}


def tiering_schema(options: Mapping[str, Any]) -> dict[vol.Marker, Any]:
    """Return the tiering fields, filled with the current options."""
    schema: dict[vol.Marker, Any] = {
        vol.Optional(
            CONF_TIERING_HOT_ROOTS,
            description={"suggested_value": options.get(CONF_TIERING_HOT_ROOTS)},
        ): TextSelector(TextSelectorConfig(multiline=True)),
        vol.Optional(
            CONF_TIERING_ARCHIVE_ROOT,
            description={"suggested_value": options.get(CONF_TIERING_ARCHIVE_ROOT)},
        ): TextSelector(),
        vol.Required(
            CONF_TIERING_MODE, default=options.get(CONF_TIERING_MODE, TieringMode.UNION)
        ): SelectSelector(
            SelectSelectorConfig(
                options=[mode.value for mode in TieringMode],
                mode=SelectSelectorMode.LIST,
                translation_key="tiering_mode",
            )
        ),
    }
    schema |= number_fields(options, NUMBERS)
    excludes = options.get(CONF_TIERING_EXCLUDES, "\n".join(DEFAULT_EXCLUDES))
    schema[vol.Optional(CONF_TIERING_EXCLUDES, default=excludes)] = TextSelector(
        TextSelectorConfig(multiline=True)
    )
    schema[
        vol.Required(
            CONF_TIERING_MOVE_SEEDING,
            default=options.get(CONF_TIERING_MOVE_SEEDING, False),
        )
    ] = BooleanSelector()
    schema[
        vol.Optional(
            CONF_TIERING_PATH_MAPPINGS,
            description={"suggested_value": options.get(CONF_TIERING_PATH_MAPPINGS)},
        )
    ] = TextSelector(TextSelectorConfig(multiline=True))
    return schema


def _inside(path: str, other: str) -> bool:
    return path == other or path.startswith(other.rstrip("/") + "/")


def _path_errors(hass: HomeAssistant, paths: list[str]) -> str | None:
    """Return the error key of the first bad path (placeholders name it), else None."""
    for path in paths:
        if not os.path.isabs(path):
            return "path_not_absolute"
        if not hass.config.is_allowed_path(path):
            return "path_not_allowed"
        if not os.path.isdir(path):
            return "path_missing"
    return None


def validate_tiering(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> tuple[dict[str, str], dict[str, str]]:
    """Check the tiering fields (blocking: run in the executor).

    Return the errors per field and the placeholders naming the bad path.
    """
    hot = [
        os.path.normpath(p) for p in split_list(user_input.get(CONF_TIERING_HOT_ROOTS))
    ]
    archive_text = str(user_input.get(CONF_TIERING_ARCHIVE_ROOT) or "").strip()
    archive = os.path.normpath(archive_text) if archive_text else ""
    errors: dict[str, str] = {}
    placeholders: dict[str, str] = {"path": ""}
    if hot and not archive:
        return {CONF_TIERING_ARCHIVE_ROOT: "tiering_incomplete"}, placeholders
    for field, paths in (
        (CONF_TIERING_HOT_ROOTS, hot),
        (CONF_TIERING_ARCHIVE_ROOT, [archive] if archive else []),
    ):
        for path in paths:
            if (error := _path_errors(hass, [path])) is not None:
                errors[field] = error
                placeholders["path"] = path
                return errors, placeholders
    for root in hot:
        if archive and (_inside(archive, root) or _inside(root, archive)):
            placeholders["path"] = root
            return {CONF_TIERING_ARCHIVE_ROOT: "tiering_overlap"}, placeholders
    try:
        PathMappings.parse(str(user_input.get(CONF_TIERING_PATH_MAPPINGS) or ""))
    except PathMappingError as err:
        placeholders["path"] = err.line
        return {CONF_TIERING_PATH_MAPPINGS: "tiering_path_mapping"}, placeholders
    low = user_input.get(CONF_TIERING_LOW_WATERMARK, DEFAULT_TIERING_LOW_WATERMARK)
    high = user_input.get(CONF_TIERING_HIGH_WATERMARK, DEFAULT_TIERING_HIGH_WATERMARK)
    if low >= high:
        errors[CONF_TIERING_LOW_WATERMARK] = "tiering_watermarks"
    return errors, placeholders


async def async_check_tiering(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> PageCheck:
    """Check the folders beside the loop; without hot folders, keep no tiering setting."""
    errors, placeholders = await hass.async_add_executor_job(
        validate_tiering, hass, user_input
    )
    if errors or user_input.get(CONF_TIERING_HOT_ROOTS):
        return PageCheck(errors=errors, placeholders=placeholders)
    # Tiering is off: its settings are not kept (the archive folder is: the
    # vault may live below it).
    kept = {k: v for k, v in user_input.items() if k not in TIERING_ONLY}
    return PageCheck(placeholders=placeholders, data=kept)
