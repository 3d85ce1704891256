"""Run by the crash test in a subprocess: recover, then move everything, until killed.

Imports the tiering engine without Home Assistant (the integration package's
``__init__`` imports it), so a child starts in a few milliseconds. It runs
without ``site`` for the same reason; the folder holding ``xxhash`` (the one
package the engine needs) is its third argument.
"""

import os
import sys
import time
import types

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
sys.path.append(sys.argv[3])
for name in ("custom_components.myflix", "custom_components.myflix.engine"):
    module = types.ModuleType(name)
    module.__path__ = [os.path.join(REPO, *name.split("."))]
    sys.modules[name] = module

from custom_components.myflix.engine.tiering import (  # noqa: E402
    Copier,
    MoveControl,
    Mover,
    TieringConfig,
    build_plan,
)


def main() -> None:
    hot, archive = sys.argv[1], sys.argv[2]
    print("ready", flush=True)
    # Small chunks: most files span several, so one is published while the
    # next copies, as large files are for real.
    mover = Mover(archive, Copier(chunk=16384))
    mover.recover()
    config = TieringConfig(
        hot_roots=(hot,),
        archive_root=archive,
        min_age=0,
        archive_reserve=0,
        excludes=(),
    )
    plan = build_plan(config, now=time.time() + 1, ignore_watermarks=True)
    for _batch, result in mover.move_batches(plan.batches, MoveControl()):
        assert not result.skipped, result.skipped


if __name__ == "__main__":
    main()
