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
    """The five contracts hold on the code as it is.

    clients/ and engine/ never import homeassistant; clients/ never import
    engine/; the base modules (entry type, base entity, ...) import no
    feature; the features' HA-free adapters never import homeassistant; a
    feature reaches another only through its package's runtime keys (and the
    few documented dependencies).
    """
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in " ".join(result.stdout.split())


def _planted(tmp_path: Path, path: str, line: str) -> str:
    """Lint a copy of the integration with ``line`` added to ``path``; the report."""
    shutil.copytree(ROOT / "custom_components", tmp_path / "custom_components")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "custom_components" / "myflix" / path
    before = planted.read_text() if planted.exists() else ""
    planted.write_text(before + line + "  # noqa\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    return " ".join(result.stdout.split())


def test_a_violation_is_caught(tmp_path: Path) -> None:
    """A client that imports Home Assistant or an engine makes the check fail."""
    report = _planted(
        tmp_path,
        "clients/leak.py",
        "from homeassistant.core import HomeAssistant  # noqa\n"
        "from custom_components.myflix import engine",
    )
    assert "3 kept, 2 broken" in report
    assert "custom_components.myflix.clients.leak -> homeassistant (l.1)" in report
    assert (
        "custom_components.myflix.clients.leak -> custom_components.myflix.engine (l.2)"
        in report
    )


def test_a_base_module_importing_a_feature_is_caught(tmp_path: Path) -> None:
    """The entry type importing a feature (the old import circle) fails the check."""
    report = _planted(
        tmp_path, "entry.py", "from .features.healing.runner import HealingRuntime"
    )
    # It also ties every feature to healing through the entry type.
    assert "3 kept, 2 broken" in report
    assert (
        "custom_components.myflix.entry -> custom_components.myflix.features.healing.runner"
        in report
    )


def test_an_adapter_importing_home_assistant_is_caught(tmp_path: Path) -> None:
    """A feature's HA-free adapters stay free of Home Assistant."""
    report = _planted(
        tmp_path,
        "features/healing/adapters.py",
        "from homeassistant.core import HomeAssistant",
    )
    assert "4 kept, 1 broken" in report
    assert (
        "custom_components.myflix.features.healing.adapters -> homeassistant" in report
    )


def test_a_feature_reaching_into_another_is_caught(tmp_path: Path) -> None:
    """Healing may read qBittorrent's key, not another feature's internals."""
    report = _planted(
        tmp_path,
        "features/healing/io.py",
        "from custom_components.myflix.features.tiering.runner import TieringRuntime",
    )
    assert "4 kept, 1 broken" in report
    assert (
        "custom_components.myflix.features.healing.io ->"
        " custom_components.myflix.features.tiering.runner" in report
    )
