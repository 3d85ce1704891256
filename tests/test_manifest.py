"""Static checks of manifest.json, hacs.json and the integration's imports."""

from __future__ import annotations

import json
from pathlib import Path
import re

from awesomeversion import AwesomeVersion
from homeassistant.const import Platform

ROOT = Path(__file__).parent.parent
INTEGRATION = ROOT / "custom_components" / "myflix"

# Integrations hassfest lets any integration use without declaring them
# (script/hassfest/dependencies.py, ALLOWED_USED_COMPONENTS, 2025.4): every
# entity platform plus this list.
ALWAYS_AVAILABLE = {platform.value for platform in Platform} | {
    "alert",
    "automation",
    "conversation",
    "device_automation",
    "frontend",
    "group",
    "homeassistant",
    "input_boolean",
    "input_button",
    "input_datetime",
    "input_number",
    "input_select",
    "input_text",
    "media_source",
    "onboarding",
    "panel_custom",
    "persistent_notification",
    "person",
    "script",
    "shopping_list",
    "sun",
    "system_health",
    "system_log",
    "timer",
    "webhook",
    "websocket_api",
    "zone",
    "diagnostics",
    "file_upload",
    "repairs",
    "hardware",
    "blueprint",
    "recorder",
}


def _manifest() -> dict:
    return json.loads((INTEGRATION / "manifest.json").read_text())


def test_manifest_required_keys() -> None:
    """hassfest and HACS both accept the manifest."""
    manifest = _manifest()
    for key in (
        "domain",
        "name",
        "version",
        "documentation",
        "issue_tracker",
        "codeowners",
    ):
        assert manifest[key], key
    assert manifest["domain"] == INTEGRATION.name
    assert manifest["config_flow"] is True
    assert (INTEGRATION / "config_flow.py").is_file()
    assert manifest["iot_class"] == "local_polling"
    assert manifest["integration_type"] == "hub"
    assert AwesomeVersion(manifest["version"]).valid
    assert manifest["documentation"].startswith("https://")
    assert manifest["issue_tracker"].startswith("https://")
    assert all(owner.startswith("@") for owner in manifest["codeowners"])
    assert list(manifest)[:2] == ["domain", "name"]
    assert list(manifest)[2:] == sorted(list(manifest)[2:])


def test_requirements_have_lower_bounds() -> None:
    """Every requirement names a minimum version."""
    for requirement in _manifest()["requirements"]:
        assert re.search(r"(>=|==|~=)\s*\d", requirement), requirement


def test_hacs_json() -> None:
    """hacs.json names the integration and the minimum Home Assistant."""
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert hacs["name"] == "Myflix"
    # The oldest HA the suite runs on (requirements/oldest.txt): never older.
    oldest = (ROOT / "requirements" / "oldest.txt").read_text()
    harness = re.search(r"^pytest-homeassistant-custom-component==(\S+)", oldest, re.M)
    assert harness
    assert hacs["homeassistant"] == "2026.6.4"
    assert harness.group(1) == "0.13.340"  # pins homeassistant==2026.6.4
    assert set(hacs) <= {
        "name",
        "homeassistant",
        "hacs",
        "content_in_root",
        "zip_release",
        "filename",
        "hide_default_branch",
        "country",
        "persistent_directory",
    }


def _imported_integrations() -> set[str]:
    pattern = re.compile(
        r"^\s*(?:from\s+homeassistant\.components\.(\w+)|"
        r"from\s+homeassistant\.components\s+import\s+([\w, ]+)|"
        r"import\s+homeassistant\.components\.(\w+))",
        re.MULTILINE,
    )
    found: set[str] = set()
    for path in INTEGRATION.rglob("*.py"):
        for match in pattern.finditer(path.read_text()):
            names = match.group(1) or match.group(3) or match.group(2)
            found.update(name.strip() for name in names.split(",") if name.strip())
    return found


def test_every_imported_integration_is_declared() -> None:
    """Each homeassistant.components import is in dependencies or after_dependencies."""
    manifest = _manifest()
    declared = set(manifest["dependencies"]) | set(manifest["after_dependencies"])
    missing = _imported_integrations() - declared - ALWAYS_AVAILABLE
    assert not missing, f"declare in manifest.json: {sorted(missing)}"


def test_translations_cover_flow_errors() -> None:
    """Every error key the flow can set has an English text."""
    strings = json.loads((INTEGRATION / "translations" / "en.json").read_text())
    errors = set(strings["config"]["error"])
    source = (INTEGRATION / "config_flow.py").read_text() + (
        INTEGRATION / "backends.py"
    ).read_text()
    used = set(
        re.findall(
            r'"(no_backend|invalid_url|api_key_required|unknown|banned|invalid_auth|timeout_connect|ssl_error|cannot_connect|server_error|invalid_response)"',
            source,
        )
    )
    assert used <= errors
    assert set(strings["exceptions"]) >= used - {
        "no_backend",
        "invalid_url",
        "api_key_required",
        "unknown",
    }
