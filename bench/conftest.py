"""The set-up bench reuses the test suite's HA fixtures and simulators."""

from tests.conftest import (  # noqa: F401
    auto_enable_custom_integrations,
    qbittorrent,
    radarr,
    setup_homeassistant,
    sonarr,
    stack_data,
)
