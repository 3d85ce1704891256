"""Screenshot a page of the running demo in headless Debian Chromium, logged in.

    .venv/bin/python scripts/demo/screenshot.py /lovelace/0 overview.png

It logs in through Home Assistant's own login flow with the demo credentials,
then opens the page with the auth callback the frontend understands, so the
browser stores the tokens exactly as after a manual login.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
from pathlib import Path
import re
import subprocess
import tempfile

import aiohttp
from browser_check import CHROMIUM_FLAGS as BROWSER_FLAGS, Hass

DEFAULT_URL = "http://127.0.0.1:8123"
# Playwright adds --headless itself; the chromium CLI needs it spelled out.
CHROMIUM_FLAGS = ["--headless", *BROWSER_FLAGS]


async def _auth_code(url: str, username: str, password: str) -> str:
    async with aiohttp.ClientSession() as session:
        return await Hass(session, url).auth_code(username, password)


def main() -> None:
    """Log in and take the screenshot."""
    parser = argparse.ArgumentParser()
    parser.add_argument("path", help="page path, e.g. /config/integrations")
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "--credentials", type=Path, default=Path(".demo/credentials.txt")
    )
    parser.add_argument("--size", default="1280,1000")
    args = parser.parse_args()
    text = args.credentials.read_text()
    user = re.search(r"user: (\S+)", text)
    password = re.search(r"password: (\S+)", text)
    if not user or not password:
        raise SystemExit(f"No credentials in {args.credentials}")
    found = re.search(r"url: (\S+)", text)
    hass = found.group(1) if found else DEFAULT_URL
    code = asyncio.run(_auth_code(hass, user.group(1), password.group(1)))
    state = base64.b64encode(
        json.dumps({"hassUrl": hass, "clientId": f"{hass}/"}).encode()
    )
    url = f"{hass}{args.path}?auth_callback=1&code={code}&state={state.decode()}"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             f"--window-size={args.size}", "--virtual-time-budget=15000",
             f"--screenshot={args.output.resolve()}", url],
            check=True, capture_output=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()
