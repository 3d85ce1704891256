"""The ready dashboard in a real browser: scripts/develop's HA, Debian's Chromium.

Starts the demo exactly as ``scripts/develop`` does (simulated stack, real
qbittorrent-nox, the newest HA on PyPI with the frontend and the Myflix dashboard),
then ``scripts/demo/browser_check.py`` logs in with headless Chromium, reads
the cards, presses "Pause downloads" and saves a screenshot; then it uses the
Myflix card: rows against the actions, posters, a pause, the editor, phone and
desktop screenshots.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import contextlib
import json
import os
from pathlib import Path
import re
import signal
import sys
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
READY_WITHIN = 300.0  # seconds: HA's first start compiles translations, etc.


@pytest.fixture(name="demo")
async def demo_fixture(tmp_path: Path) -> AsyncIterator[Path]:
    """Run ``scripts/develop`` with its files in ``tmp_path``; stop it afterwards."""
    demo_dir = tmp_path / "demo"
    process = await asyncio.create_subprocess_exec(
        str(ROOT / "scripts" / "develop"),
        cwd=ROOT,
        # Free ports: a developer's own demo may be running on the usual ones.
        env={
            **os.environ,
            "MYFLIX_DEMO_DIR": str(demo_dir),
            "MYFLIX_DEMO_PORTS": "free",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole
    )
    assert process.stdout is not None
    output: list[str] = []
    try:
        async with asyncio.timeout(READY_WITHIN):
            while line := (await process.stdout.readline()).decode():
                output.append(line)
                if "Ready after" in line:
                    break
        assert any("Ready after" in line for line in output), "".join(output)
        yield demo_dir
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have exited
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as a user stops it
        try:
            async with asyncio.timeout(60):
                await process.communicate()
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)


async def test_dashboard_shows_live_values_and_its_buttons_work(
    demo: Path, tmp_path: Path
) -> None:
    """Cards show HA's states; a button press changes a state and its card."""
    screenshot = tmp_path / "myflix-dashboard.png"
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "scripts" / "demo" / "browser_check.py"),
        "--demo-dir", str(demo), "--screenshot", str(screenshot),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    async with asyncio.timeout(360):
        stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()[-3000:]
    report: dict[str, Any] = json.loads(stdout)

    assert report["missing_entities"] == []  # every card's entity exists
    # The newest HA on PyPI loads every Myflix entry; each entity has a state.
    myflix = report["myflix"]
    assert myflix["entries"], myflix
    assert all(entry["state"] == "loaded" for entry in myflix["entries"]), myflix
    assert myflix["entities"] > 40, myflix
    assert myflix["without_state"] == [], myflix
    tiles = report["tiles"]
    for name in ("Movies", "Series", "Stopped"):
        assert tiles[name]["state"].isdigit(), tiles[name]
        assert tiles[name]["state"] in tiles[name]["shown"].split(), tiles[name]
    assert tiles["Movies"]["state"] != "0"  # the demo library is not empty
    assert tiles["Killswitch"]["state"] == "armed"
    # Translated, not the raw state (the report says what a reload, if any, fixed).
    assert "Armed" in tiles["Killswitch"]["shown"], tiles["Killswitch"]

    pause = report["pause"]
    assert int(pause["after"]) > int(pause["before"])
    assert pause["after"] in pause["tile_after"].split()
    png = screenshot.read_bytes()
    assert png.startswith(b"\x89PNG")
    assert len(png) > 20_000
    # Kept for people: the last run's screenshots next to the demo's files.
    (ROOT / ".demo").mkdir(exist_ok=True)
    (ROOT / ".demo" / "dashboard-test.png").write_bytes(png)
    _assert_the_card_works(report["card"])


def _assert_the_card_works(card: dict[str, Any]) -> None:
    """The Myflix card on the demo dashboard: rows, posters, pause, remove, editor."""
    assert card["sections"] == ["queue", "upcoming", "vpn", "storage"], card
    # browser_check waited for the rows to equal get_torrents' downloads.
    rows = card["rows"]
    assert rows, card
    for row in rows:
        assert row["title"], row
        assert row["bar"], row
        assert row["bar"].endswith("%"), row
        assert float(row["bar"].rstrip("%")) == pytest.approx(
            float(row["data-progress"]), abs=0.5
        ), row
    # Radarr's and Sonarr's downloads are named as the apps name them.
    assert any(
        re.search(r"\(\d{4}\)$|· S\d\d(E\d\d)?$", title) for title in card["titles"]
    ), card["titles"]
    # Real images from the simulators, through HA's poster view.
    posters = card["posters"]
    assert posters, card
    assert all(poster["src"].startswith("/api/myflix/posters/") for poster in posters)
    assert all(poster["height"] > poster["width"] > 0 for poster in posters), posters
    pause = card["pause"]
    assert (pause["after"], pause["ha_says_stopped"]) == ("stopped", True), pause
    assert pause["resumed"] != "stopped", pause
    assert card["remove_asked_then_cancelled"] is True
    editor = card["editor"]
    assert editor["form"], editor
    assert {"days", "queue", "upcoming", "vpn", "storage"} <= set(editor["fields"])
    assert editor["config"]["storage"] is False, editor
    assert editor["config"]["days"] == 3, editor
    for shot in card["screenshots"]:
        png = Path(shot).read_bytes()
        assert png.startswith(b"\x89PNG"), shot
        assert len(png) > 10_000, shot
        (ROOT / ".demo" / Path(shot).name).write_bytes(png)
