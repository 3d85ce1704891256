"""The three-layer rule is checked by import-linter, and the check itself bites."""

from __future__ import annotations

from pathlib import Path
import shutil
import subprocess
import sys

ROOT = Path(__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_layers_are_kept() -> None:
    """clients/ and engine/ never import homeassistant; clients/ never import engine/.

    And the base modules (entry type, base entity, ...) import no feature.
    """
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in " ".join(result.stdout.split())


def test_a_violation_is_caught(tmp_path: Path) -> None:
    """A client that imports Home Assistant or an engine makes the check fail."""
    shutil.copytree(ROOT / "custom_components", tmp_path / "custom_components")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    clients = tmp_path / "custom_components" / "myflix" / "clients"
    (clients / "leak.py").write_text(
        "from homeassistant.core import HomeAssistant  # noqa\n"
        "from custom_components.myflix import engine  # noqa\n"
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    report = " ".join(result.stdout.split())
    assert "2 kept, 2 broken" in report
    assert "custom_components.myflix.clients.leak -> homeassistant (l.1)" in report
    assert (
        "custom_components.myflix.clients.leak -> custom_components.myflix.engine (l.2)"
        in report
    )


def test_a_base_module_importing_a_feature_is_caught(tmp_path: Path) -> None:
    """The entry type importing a feature (the old import circle) fails the check."""
    shutil.copytree(ROOT / "custom_components", tmp_path / "custom_components")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    entry = tmp_path / "custom_components" / "myflix" / "entry.py"
    entry.write_text(
        entry.read_text()
        + "from .features.healing.runner import HealingRuntime  # noqa\n"
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    report = " ".join(result.stdout.split())
    assert "3 kept, 1 broken" in report
    assert (
        "custom_components.myflix.entry -> custom_components.myflix.features.healing.runner"
        in report
    )


def test_an_adapter_importing_home_assistant_is_caught(tmp_path: Path) -> None:
    """A feature's HA-free adapters stay free of Home Assistant."""
    shutil.copytree(ROOT / "custom_components", tmp_path / "custom_components")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    adapters = tmp_path / "custom_components/myflix/features/healing/adapters.py"
    adapters.write_text(
        adapters.read_text() + "from homeassistant.core import HomeAssistant  # noqa\n"
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    report = " ".join(result.stdout.split())
    assert "3 kept, 1 broken" in report
    assert (
        "custom_components.myflix.features.healing.adapters -> homeassistant" in report
    )
