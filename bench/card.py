"""Card: the first frame of a full message, and a one-row delta, in headless Chromium.

    scripts/run .venv/bin/python bench/card.py [--runs 20] [--delta-runs 50]
        [--screenshots DIR]

Serves ``bench/card_page.html`` and the committed bundle
(``custom_components/myflix/frontend/myflix-card.js``, build it first with
``scripts/card build``) from a loopback ``http.server``, and opens the page in
Debian's Chromium through Playwright. The page holds a fake ``hass`` whose
``subscribeMessage`` keeps the card's callback; the timing loops run in the
page (``window.bench``), so no Playwright round trip lands inside a measure.

- first frame: a fresh card per run; from handing it the full message to the
  frame after its render was painted (``updateComplete`` of the card and of
  every row, then two ``requestAnimationFrame``s), ``performance.now()``. A
  long queue is drawn a screenful (40 rows) first and the rest in steps of 80,
  one step a frame (``card/src/draw-budget.ts``); "whole list drawn" times
  until the card's ``data-rows`` says all 500 are drawn, and that frame.
- one-row delta: one card; a delta with one changed row on screen; "work" is
  until drawn and laid out (``updateComplete``, then a forced layout), "frame"
  until the next animation frame. The row elements' render counter must grow
  by one per delta: only the changed row redraws.

Chromium runs without its 60 fps cap (``--disable-frame-rate-limit``,
``--disable-gpu-vsync``) so that a frame is waited for only as long as the
work takes, not until the next vsync; the idle frame line shows what waiting
for a frame costs alone. Two baselines from the same run: an empty card (empty
lists) for the first frame, a one-row card for the delta.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import statistics
import sys
import threading
from typing import Any

from playwright.async_api import Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "bench" / "card_page.html"
BUNDLE = ROOT / "custom_components" / "myflix" / "frontend" / "myflix-card.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Frames as fast as the work allows, not every 16.7 ms.
    "--disable-frame-rate-limit", "--disable-gpu-vsync",
]  # fmt: skip
# A poster: a grey 2:3 rectangle.
POSTER = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="120">'
    b'<rect width="80" height="120" fill="#8a9bb0"/></svg>'
)
FIRST_FRAME_BUDGET_MS = 100.0
DELTA_BUDGET_MS = 16.0
ROWS, RELEASES = 500, 200


class Handler(SimpleHTTPRequestHandler):
    """The page at /, the bundle at /myflix-card.js, any /poster/… as one SVG."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(PAGE.read_bytes(), "text/html; charset=utf-8")
        elif path == "/myflix-card.js":
            self._send(BUNDLE.read_bytes(), "text/javascript; charset=utf-8")
        elif path.startswith("/poster/"):
            self._send(POSTER, "image/svg+xml", cache=True)
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str, *, cache: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        """Quiet: one line per poster would bury the table."""


@contextmanager
def serve() -> Iterator[str]:
    """Serve the page on a free loopback port; yield its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def first_frame(
    page: Page, rows: int, releases: int, runs: int
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = await page.evaluate(
        "([rows, releases, runs]) =>"
        " bench.firstFrame(bench.fullMessage(rows, releases), runs)",
        [rows, releases, runs],
    )
    return times


async def one_row_delta(
    page: Page, rows: int, releases: int, runs: int
) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(
        "([rows, releases, runs]) =>"
        " bench.oneRowDelta(bench.fullMessage(rows, releases), runs)",
        [rows, releases, runs],
    )
    return result


async def screenshots(page: Page, folder: Path) -> None:
    """The big card at desktop and phone width, and a small one in French."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, width, rows, config, language in (
        ("desktop", 1280, ROWS, {"max_rows": 8}, "en"),
        ("phone", 390, ROWS, {"max_rows": 6}, "en"),
        ("phone-fr", 390, 4, {}, "fr"),
        ("empty", 1280, 0, {}, "en"),
    ):
        await page.set_viewport_size({"width": width, "height": 900})
        await page.evaluate(
            "([rows, config, language]) => bench.show(rows, 12, config, language)",
            [rows, config, language],
        )
        await page.wait_for_timeout(300)  # posters
        await page.screenshot(path=folder / f"card-{name}.png", full_page=True)
    print(f"screenshots in {folder}")


def line(label: str, values: list[float], baseline: list[float] | None = None) -> str:
    median, tail = statistics.median(values), p95(values)
    ratio = ""
    if baseline:
        ratio = (
            f"{median / statistics.median(baseline):6.1f}x {tail / p95(baseline):6.1f}x"
        )
    return f"  {label:<34} {median:8.2f} {tail:8.2f}  {ratio}"


async def main(args: argparse.Namespace) -> int:
    if not BUNDLE.exists():
        print(f"{BUNDLE} is missing: run scripts/card build", file=sys.stderr)
        return 1
    with serve() as url:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS
            )
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            await page.goto(url)
            await page.wait_for_function("window.benchReady === true")

            # Warm up: the JIT and Chromium's caches, not measured.
            await first_frame(page, ROWS, RELEASES, 2)
            idle: list[float] = await page.evaluate(
                "(runs) => bench.idleFrame(runs)", 50
            )
            empty = await first_frame(page, 0, 0, args.runs)
            big = await first_frame(page, ROWS, RELEASES, args.runs)
            small_delta = await one_row_delta(page, 1, 0, args.delta_runs)
            big_delta = await one_row_delta(page, ROWS, RELEASES, args.delta_runs)
            if args.screenshots:
                await screenshots(page, Path(args.screenshots))
            await browser.close()

    print(
        f"myflix-card in Chromium: {args.runs} fresh cards, {args.delta_runs} deltas each"
    )
    print(f"  {'ms':<34} {'median':>8} {'p95':>8}  {'ratio to baseline (median, p95)'}")
    print(line("idle frame (nothing drawn)", idle))
    print(line("first frame, empty card", empty["first"]))
    print(
        line(
            f"first frame, {ROWS} rows + {RELEASES} releases",
            big["first"],
            empty["first"],
        )
    )
    print(
        line(
            f"whole list drawn, {ROWS} rows + {RELEASES} rel.",
            big["whole"],
            empty["first"],
        )
    )
    print(line("1-row delta work, 1-row card", small_delta["work"]))
    print(
        line(f"1-row delta work, {ROWS} rows", big_delta["work"], small_delta["work"])
    )
    print(line("1-row delta to frame, 1-row card", small_delta["frames"]))
    print(
        line(
            f"1-row delta to frame, {ROWS} rows",
            big_delta["frames"],
            small_delta["frames"],
        )
    )
    renders = sorted(set(big_delta["renders"]))
    print(
        f"  rows drawn: {big_delta['rows']}; row elements redrawn per 1-row delta: {renders}"
    )

    failures = list(errors)
    if big_delta["rows"] != ROWS:
        failures.append(f"the card drew {big_delta['rows']} rows, not {ROWS}")
    if renders != [1]:
        failures.append(f"a one-row delta redrew {renders} row elements, not 1")
    first_ms, delta_ms = (
        statistics.median(big["first"]),
        statistics.median(big_delta["frames"]),
    )
    budget = (
        f"first frame {first_ms:.1f} ms (budget {FIRST_FRAME_BUDGET_MS:.0f}), "
        f"1-row delta {delta_ms:.1f} ms (budget {DELTA_BUDGET_MS:.0f})"
    )
    over = first_ms > FIRST_FRAME_BUDGET_MS or delta_ms >= DELTA_BUDGET_MS
    print(
        f"summary: card at {ROWS} rows + {RELEASES} releases: {budget}"
        f"{' OVER BUDGET' if over else ''}"
    )
    for failure in failures:
        print(f"failed: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--runs", type=int, default=20, help="fresh cards per first-frame case"
    )
    parser.add_argument(
        "--delta-runs", type=int, default=50, help="one-row deltas per case"
    )
    parser.add_argument(
        "--screenshots", metavar="DIR", help="save screenshots of the card here"
    )
    sys.exit(asyncio.run(main(parser.parse_args())))
