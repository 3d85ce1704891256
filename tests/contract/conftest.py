"""Fixtures for the OpenAPI contract tests."""

from __future__ import annotations

import pytest

from .openapi import OpenApiSpec, load_spec

_CACHE: dict[str, OpenApiSpec] = {}


def _spec(app: str) -> OpenApiSpec:
    if app not in _CACHE:
        _CACHE[app] = load_spec(app)  # skips the test when the documents are absent
    return _CACHE[app]


@pytest.fixture
def radarr_spec() -> OpenApiSpec:
    return _spec("radarr")


@pytest.fixture
def sonarr_spec() -> OpenApiSpec:
    return _spec("sonarr")
