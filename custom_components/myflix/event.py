"""Event entities: each feature describes its own; this platform gathers them."""

from homeassistant.const import Platform

from .catalog import platform_setup

PARALLEL_UPDATES = 0

async_setup_entry = platform_setup(Platform.EVENT)
