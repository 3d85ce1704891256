"""The venv holds exactly what Home Assistant itself pins for what the tests load.

HA no longer installs its integrations' requirements in a test venv, so
requirements/<line>.txt pins them; a version HA does not ship (as pycares 5 beside
HA 2025.4's aiodns once was) would test a combination no user runs.
"""

from __future__ import annotations

from importlib import metadata
import json
from pathlib import Path

import homeassistant
from packaging.requirements import Requirement

COMPONENTS = Path(homeassistant.__file__).parent / "components"
LOADED_BY_TESTS = (
    "conversation",
    "frontend",
    "prometheus",
    "google_generative_ai_conversation",
)


def _pins(domains: tuple[str, ...]) -> dict[str, str]:
    """Requirement name → pinned version, over the domains and their dependencies."""
    pins: dict[str, str] = {}
    todo, seen = list(domains), set()
    while todo:
        domain = todo.pop()
        manifest_path = COMPONENTS / domain / "manifest.json"
        if domain in seen or not manifest_path.exists():
            continue
        seen.add(domain)
        manifest = json.loads(manifest_path.read_text())
        for text in manifest.get("requirements", []):
            requirement = Requirement(text)
            (version,) = [
                s.version for s in requirement.specifier if s.operator == "=="
            ]
            pins[requirement.name] = version
        todo += manifest.get("dependencies", []) + manifest.get(
            "after_dependencies", []
        )
    return pins


def test_home_assistant_pins_are_installed_as_pinned() -> None:
    pins = _pins(LOADED_BY_TESTS)
    assert {"hassil", "home-assistant-frontend", "google-genai"} <= set(pins)
    wrong = {}
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert wrong == {}, "HA pins (pinned, installed): update requirements/"
