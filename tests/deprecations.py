"""Deprecation notices that name Myflix code: the test run fails on any of them.

Home Assistant reports a custom integration's use of a deprecated API as a
warning log record ("Detected that custom integration 'myflix' calls …, which
is deprecated …"); Python libraries raise ``DeprecationWarning`` (turned into
errors for Myflix's modules in pyproject.toml's ``filterwarnings``).
"""

from __future__ import annotations

import logging
import re

_DEPRECATION = re.compile(
    r"deprecat|stop working|will be removed|removed in|breaks in", re.IGNORECASE
)
_MYFLIX = re.compile(r"\bmyflix\b|custom_components[./]myflix", re.IGNORECASE)


def myflix_deprecations(records: list[logging.LogRecord]) -> list[str]:
    """The messages of warning-or-worse records that say Myflix uses something deprecated."""
    found = []
    for record in records:
        if record.levelno < logging.WARNING:
            continue
        message = record.getMessage()
        where = f"{record.pathname} {message}"
        if _DEPRECATION.search(message) and _MYFLIX.search(where):
            found.append(message)
    return found
