"""Import Myflix's engines without Home Assistant, for benchmarks and their children.

The integration package's ``__init__`` imports Home Assistant; empty stand-ins
for it and for ``engine`` let ``custom_components.myflix.engine.*`` load alone
(milliseconds, a few MB), which is what a measurement of the engine wants.
"""

from __future__ import annotations

from pathlib import Path
import sys
import types

ROOT = Path(__file__).resolve().parent.parent


def import_engine_alone() -> None:
    """Make ``custom_components.myflix.engine`` importable without its parent."""
    for name in ("custom_components.myflix", "custom_components.myflix.engine"):
        module = types.ModuleType(name)
        module.__path__ = [str(ROOT.joinpath(*name.split(".")))]
        sys.modules.setdefault(name, module)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
