"""Use the Myflix card on the demo dashboard in Chromium, as a person would.

Called by ``browser_check.py`` with its logged-in page: opens the card's view,
checks the queue rows and their progress against the actions' answers, sees
posters load, pauses a download and sees its row change (then resumes it),
asks to remove one and cancels, opens the card's editor, and saves
screenshots at phone and desktop width.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
import re
import time
from typing import Any, Protocol

from playwright.async_api import Page

CARD_VIEW = "/myflix-dashboard/media"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1100}
# "Poor Things (2023)", "Severance · S02E04": a title as Radarr or Sonarr gives it.
NAMED = re.compile(r"\(\d{4}\)$|· S\d\d(E\d\d)?$")
# Row states that offer a pause.
RUNNING = ("downloading", "stalled", "metadata", "queued", "struck")

# Every element with ``attribute`` under the document, through shadow roots,
# described by ``describe`` (a JS function body over ``el`` and ``q``).
_DEEP_QUERY = """
([attribute, fields]) => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.hasAttribute(attribute)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const inside = (el, selector) =>
    (el.shadowRoot && el.shadowRoot.querySelector(selector)) || el.querySelector(selector);
  return found.map((el) => {
    const out = {id: el.getAttribute(attribute)};
    for (const name of fields) out[name] = el.getAttribute(name);
    const title = inside(el, '.title');
    out.title = title ? title.textContent.trim() : null;
    const bar = inside(el, '.bar');
    out.bar = bar ? bar.style.width : null;
    return out;
  });
}
"""
_POSTERS = """
() => {
  const images = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'IMG' && el.classList.contains('poster')) images.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return images.map((img) => ({
    src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
    width: img.naturalWidth, height: img.naturalHeight,
  }));
}
"""
# Mount the card's editor beside the dashboard, change one option as ha-form
# would, and tell what the editor shows and which config it announced.
_EDITOR = """
async () => {
  const Card = customElements.get('myflix-card');
  const editor = await Card.getConfigElement();
  editor.hass = document.querySelector('home-assistant').hass;
  editor.setConfig({type: 'custom:myflix-card', days: 7, queue: true,
                    upcoming: true, vpn: true, storage: true});
  Object.assign(editor.style, {position: 'fixed', top: '60px', left: '20px',
    width: '420px', zIndex: 9999, background: 'var(--card-background-color, white)',
    padding: '16px', boxShadow: '0 2px 12px rgba(0,0,0,.4)'});
  editor.id = 'myflix-editor-under-test';
  // Inside home-assistant's tree: HA's pickers take their API from it.
  document.querySelector('home-assistant').shadowRoot.appendChild(editor);
  await editor.updateComplete;
  const announced = new Promise((resolve) => editor.addEventListener(
    'config-changed', (event) => resolve(event.detail.config), {once: true}));
  const form = await new Promise((resolve) => {
    const started = Date.now();
    const look = () => {
      const found = editor.shadowRoot && editor.shadowRoot.querySelector('ha-form');
      if (found && found.shadowRoot && found.shadowRoot.childElementCount) resolve(found);
      else if (Date.now() - started > 15000) resolve(found || null);
      else setTimeout(look, 100);
    };
    look();
  });
  if (!form) return {form: false};
  const names = (form.schema || []).map((field) => field.name);
  form.dispatchEvent(new CustomEvent('value-changed', {bubbles: true, composed: true,
    detail: {value: {...form.data, storage: false, days: 3}}}));
  const config = await Promise.race([announced,
    new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  return {form: true, fields: names, defined: !!customElements.get('ha-form'), config};
}
"""


class Hass(Protocol):
    """What the check needs of ``browser_check.Hass``."""

    async def action(self, name: str, **data: Any) -> dict[str, Any]:
        """Call a Myflix action and return its answer."""


async def _until(
    probe: Callable[[], Awaitable[Any]], what: str, timeout: float = 30.0
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := await probe():
            return value
        await asyncio.sleep(0.25)
    raise SystemExit(f"card check: {what} not within {timeout:g} s")


async def _rows(page: Page) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await page.evaluate(
        _DEEP_QUERY, ["data-row", ["data-state", "data-progress"]]
    )
    return rows


async def _expected_queue(hass: Hass) -> dict[str, float]:
    """Return what the actions say is downloading: hash → progress."""
    torrents = await hass.action("get_torrents", status="all", limit=500)
    queue = await hass.action("get_queue", limit=500)
    tracked = {
        item["download_id"].lower() for item in queue["items"] if item["download_id"]
    }
    return {
        torrent["hash"]: torrent["progress"]
        for torrent in torrents["items"]
        if torrent["progress"] < 100 or torrent["hash"] in tracked
    }


async def _row(page: Page, row_id: str) -> dict[str, Any] | None:
    return next((row for row in await _rows(page) if row["id"] == row_id), None)


async def check_card(
    page: Page,
    hass: Hass,
    open_view: Callable[[str], Awaitable[None]],
    screenshots: Path,
) -> dict[str, Any]:
    """Run the card's checks on a logged-in page; return the report."""
    report: dict[str, Any] = {}
    # The dashboard's "Pause downloads" stopped everything: start it again.
    await hass.action("resume_downloads")
    await page.set_viewport_size(DESKTOP)
    await open_view(CARD_VIEW)
    await page.locator("myflix-card").first.wait_for(state="attached", timeout=60_000)
    await _until(lambda: _rows(page), "the card's queue rows", 60)
    report["sections"] = [
        section["id"]
        for section in await page.evaluate(_DEEP_QUERY, ["data-section", []])
    ]

    # The rows are the actions' downloads, with the same progress (the card
    # may be one push behind a poll: look until both agree).
    last: dict[str, Any] = {}

    async def rows_match() -> list[dict[str, Any]] | None:
        expected = await _expected_queue(hass)
        rows = await _rows(page)
        shown = {row["id"]: float(row["data-progress"]) for row in rows}
        last.update(expected=expected, shown=shown)
        return rows if shown == expected and expected else None

    try:
        rows = await _until(rows_match, "the card's rows to match get_torrents", 45)
    except SystemExit as err:
        raise SystemExit(f"{err}: {last}") from None
    report["rows"] = rows

    # Each movie's or series' title is looked up once, after the first message:
    # the rows of the apps' downloads are then named as the apps name them.
    async def named_rows() -> list[str] | None:
        titles = [row["title"] for row in await _rows(page)]
        return titles if any(NAMED.search(title or "") for title in titles) else None

    report["titles"] = await _until(named_rows, "a row named by Radarr or Sonarr")

    report["posters"] = await _until(
        lambda: _loaded_posters(page), "a poster to load", 30
    )

    # Pause a running download: its row turns stopped; resume it again.
    running = min(
        (row for row in rows if row["data-state"] in RUNNING),
        key=lambda row: RUNNING.index(row["data-state"]),
        default=None,
    )
    if running is None:
        raise SystemExit(f"card check: no running download to pause: {rows}")
    row_id = running["id"]
    await page.locator(f'[data-row="{row_id}"] [data-action="pause"]').click()

    async def row_stopped() -> dict[str, Any] | None:
        row = await _row(page, row_id)
        return row if row and row["data-state"] == "stopped" else None

    try:
        paused = await _until(row_stopped, "the paused row to show stopped")
    except SystemExit as err:
        raise SystemExit(
            f"{err}: {running} is now {await _row(page, row_id)}"
        ) from None
    torrents = await hass.action("get_torrents", status="stopped", limit=500)
    report["pause"] = {
        "row": row_id,
        "before": running["data-state"],
        "after": paused["data-state"],
        "ha_says_stopped": row_id in {t["hash"] for t in torrents["items"]},
    }
    await page.locator(f'[data-row="{row_id}"] [data-action="resume"]').click()

    async def row_started() -> dict[str, Any] | None:
        row = await _row(page, row_id)
        return row if row and row["data-state"] != "stopped" else None

    report["pause"]["resumed"] = (await _until(row_started, "the row to resume"))[
        "data-state"
    ]

    # Remove asks first; cancelling keeps the download.
    remove = page.locator(f'[data-row="{row_id}"] [data-action="remove"]')
    if await remove.count():
        await remove.click()
        confirm = page.locator(f'[data-row="{row_id}"] [data-action="confirm-remove"]')
        await confirm.wait_for(state="visible", timeout=10_000)
        await page.locator(
            f'[data-row="{row_id}"] [data-action="cancel-remove"]'
        ).click()
        await confirm.wait_for(state="detached", timeout=10_000)
        report["remove_asked_then_cancelled"] = await _row(page, row_id) is not None

    await _launch_screen_gone(page)
    await page.screenshot(path=str(screenshots / "card-desktop.png"), full_page=True)
    report["editor"] = await page.evaluate(_EDITOR)
    await page.locator("#myflix-editor-under-test").screenshot(
        path=str(screenshots / "card-editor.png")
    )
    await page.set_viewport_size(PHONE)
    await open_view(CARD_VIEW)
    await _until(lambda: _rows(page), "the card's rows at phone width", 60)
    await _until(lambda: _loaded_posters(page), "a poster at phone width", 30)
    await _launch_screen_gone(page)
    await page.screenshot(path=str(screenshots / "card-phone.png"), full_page=True)
    report["screenshots"] = [
        str(screenshots / name)
        for name in ("card-desktop.png", "card-editor.png", "card-phone.png")
    ]
    await page.set_viewport_size(DESKTOP)
    return report


async def _loaded_posters(page: Page) -> list[dict[str, Any]]:
    posters: list[dict[str, Any]] = await page.evaluate(_POSTERS)
    return [poster for poster in posters if poster["loaded"]]


async def _launch_screen_gone(page: Page) -> None:
    """Wait until HA's launch screen has faded out (it would show in a screenshot)."""
    await page.wait_for_function(
        "() => !document.getElementById('ha-launch-screen')", timeout=30_000
    )
