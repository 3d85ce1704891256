"""The run fails when Myflix code uses something deprecated (tests/deprecations.py)."""

from __future__ import annotations

import logging
import warnings

import pytest

from tests.deprecations import myflix_deprecations

# What HA 2026.10 logged for Myflix before it moved off these APIs.
HA_REPORT = (
    "Detected that custom integration 'myflix' calls `device_registry.async_get_device`, "
    "which is deprecated because device identifiers and connections are no longer "
    "unique across config entries"
)


def _record(
    message: str, level: int = logging.WARNING, path: str = "frame.py"
) -> logging.LogRecord:
    return logging.LogRecord(
        "homeassistant.helpers.frame", level, path, 1, message, None, None
    )


def test_home_assistant_reports_naming_myflix_are_found() -> None:
    records = [
        _record(HA_REPORT),
        _record(
            "The deprecated function show_advanced_options was called from myflix."
        ),
        _record(
            "x will be removed in 2027.1", path="/c/custom_components/myflix/flow.py"
        ),
    ]
    assert len(myflix_deprecations(records)) == 3


def test_other_records_are_not() -> None:
    records = [
        _record(HA_REPORT, level=logging.INFO),
        _record("Detected that custom integration 'other' calls a deprecated helper"),
        _record("myflix: Radarr answered 500"),
    ]
    assert myflix_deprecations(records) == []


def test_a_deprecation_warning_from_myflix_code_is_an_error() -> None:
    with pytest.raises(DeprecationWarning, match="auth"):
        warnings.warn_explicit(
            "The 'auth' parameter is deprecated",
            DeprecationWarning,
            "http.py",
            62,
            module="custom_components.myflix.clients.http",
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn_explicit(
            "elsewhere", DeprecationWarning, "x.py", 1, module="aiohttp.client"
        )
    assert len(caught) == 1
