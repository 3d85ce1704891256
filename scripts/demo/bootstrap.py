"""Finish the demo's Home Assistant: owner user, onboarding and the Myflix entry.

Everything goes through Home Assistant's own HTTP APIs (onboarding, auth,
config-entry flows), exactly what the UI would send, so nobody has to click.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
import secrets
import sys
import time
from typing import Any

import aiohttp

OWNER = {"name": "Myflix Demo", "username": "demo"}


async def _wait_for_file(path: Path, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return json.loads(path.read_text())
        await asyncio.sleep(0.2)
    sys.exit(
        f"The demo stack did not start within {timeout:.0f} s (see .demo/stack.log)"
    )


async def _wait_for_hass(
    session: aiohttp.ClientSession, url: str, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            async with session.get(f"{url}/api/onboarding") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.5)
    sys.exit(
        f"Home Assistant did not answer within {timeout:.0f} s (see .demo/home-assistant.log)"
    )


def _client_id(url: str) -> str:
    """Return the OAuth client id HA's frontend uses: the instance's own URL."""
    return f"{url}/"


async def _onboard(session: aiohttp.ClientSession, url: str, password: str) -> str:
    """Create the owner through onboarding and return an access token."""
    body = {
        **OWNER,
        "password": password,
        "client_id": _client_id(url),
        "language": "en",
    }
    async with session.post(f"{url}/api/onboarding/users", json=body) as response:
        response.raise_for_status()
        code = (await response.json())["auth_code"]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": _client_id(url),
    }
    async with session.post(f"{url}/auth/token", data=form) as response:
        response.raise_for_status()
        token = (await response.json())["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    client_id = _client_id(url)
    body = {"client_id": client_id, "redirect_uri": f"{client_id}?auth_callback=1"}
    async with session.post(
        f"{url}/api/onboarding/integration", json=body, headers=headers
    ) as response:
        response.raise_for_status()
    return str(token)


async def _run_flow(
    session: aiohttp.ClientSession,
    flows: str,
    token: str,
    *,
    start: dict[str, Any],
    steps: list[dict[str, Any]],
    failure: str,
) -> dict[str, Any]:
    """Start a flow and submit its steps as the UI would; exit unless it finished."""
    headers = {"Authorization": f"Bearer {token}"}
    # Onboarding answers before HA's config API is registered (a loaded
    # machine shows the gap): a 404 here means "not yet".
    deadline = time.monotonic() + 120
    while True:
        async with session.post(flows, json=start, headers=headers) as response:
            if response.status == 404 and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                continue
            response.raise_for_status()
            result: dict[str, Any] = await response.json()
            break
    flow_id = result["flow_id"]
    for step in steps:
        async with session.post(
            f"{flows}/{flow_id}", json=step, headers=headers
        ) as response:
            response.raise_for_status()
            result = await response.json()
    if result.get("type") != "create_entry":
        sys.exit(f"{failure}: {result.get('errors')}")
    return result


async def _add_myflix(
    session: aiohttp.ClientSession, url: str, token: str, stack: dict[str, Any]
) -> dict[str, Any]:
    """Run the Myflix config flow with the stack's addresses and keys."""
    return await _run_flow(
        session,
        f"{url}/api/config/config_entries/flow",
        token,
        start={"handler": "myflix"},
        steps=[stack["config_entry"]],
        failure="The Myflix config flow did not finish",
    )


async def _add_gemini(
    session: aiohttp.ClientSession, url: str, token: str, stack: dict[str, Any]
) -> None:
    """Add HA's Google Gemini integration with the simulated Gemini's key.

    HA must run with ``GOOGLE_GEMINI_BASE_URL`` set to the simulator's URL
    (``stack["gemini_entry"]["base_url"]``): google-genai then talks to it. Its
    agent uses the Assist API, where Myflix's tools are (``llm.py``).
    """
    await _run_flow(
        session,
        f"{url}/api/config/config_entries/flow",
        token,
        start={"handler": "google_generative_ai_conversation"},
        steps=[{"api_key": stack["gemini_entry"]["api_key"]}],
        failure="The Google Gemini config flow did not finish",
    )


async def _set_options(
    session: aiohttp.ClientSession,
    url: str,
    token: str,
    entry_id: str,
    *,
    page: str,
    fields: dict[str, Any],
) -> None:
    """Save one page of the Myflix options menu, as the UI would."""
    await _run_flow(
        session,
        f"{url}/api/config/config_entries/options/flow",
        token,
        start={"handler": entry_id},
        steps=[{"next_step_id": page}, fields],
        failure=f"The {page} options were refused",
    )


async def _turn_on_healing(
    session: aiohttp.ClientSession, url: str, token: str
) -> None:
    """Turn self-healing's switch on (it is off until a user opts in).

    Saving an options page reloads the entry: wait until the switch is back,
    and until it reads on.
    """
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        async with session.get(f"{url}/api/states", headers=headers) as response:
            response.raise_for_status()
            states = await response.json()
        switch = next(
            (s for s in states if s["entity_id"].startswith("switch.")
             and "healing" in s["entity_id"]),
            None,
        )  # fmt: skip
        if switch is not None and switch["state"] == "on":
            return
        if switch is not None and switch["state"] == "off":
            async with session.post(
                f"{url}/api/services/switch/turn_on",
                json={"entity_id": switch["entity_id"]},
                headers=headers,
            ) as response:
                response.raise_for_status()
        await asyncio.sleep(1)
    sys.exit("Self-healing's switch could not be turned on")


async def main() -> None:
    """Wait for the stack and HA, onboard, add Myflix, print how to log in."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--state-file", type=Path, required=True)
    parser.add_argument("--hass-url", default="http://127.0.0.1:8123")
    parser.add_argument("--credentials-file", type=Path, required=True)
    parser.add_argument("--share-root", type=Path, help="turn the share gateway on")
    args = parser.parse_args()

    stack = await _wait_for_file(args.state_file, 60)
    password = secrets.token_urlsafe(12)
    async with aiohttp.ClientSession() as session:
        await _wait_for_hass(session, args.hass_url, 300)
        token = await _onboard(session, args.hass_url, password)
        entry = await _add_myflix(session, args.hass_url, token, stack)
        entry_id = entry["result"]["entry_id"]
        if args.share_root is not None:
            share = {"share_roots": str(args.share_root)}
            await _set_options(
                session, args.hass_url, token, entry_id, page="share", fields=share
            )
        if vault := stack.get("vault"):  # backups need a recipient
            await _set_options(
                session,
                args.hass_url,
                token,
                entry_id,
                page="vault",
                fields={"vault_recipients": vault["recipient"], "vault_keep": 7},
            )
        if healing := stack.get("healing"):  # quick, and switched on
            await _set_options(
                session, args.hass_url, token, entry_id, page="healing", fields=healing
            )
        if "gemini_entry" in stack:
            await _add_gemini(session, args.hass_url, token, stack)
        if options := stack.get("options"):  # storage tiering's demo folders
            await _set_options(
                session, args.hass_url, token, entry_id, page="tiering", fields=options
            )
        if "healing" in stack:  # after the last reload an options page causes
            await _turn_on_healing(session, args.hass_url, token)
    args.credentials_file.write_text(
        f"user: {OWNER['username']}\npassword: {password}\nurl: {args.hass_url}\n"
    )
    args.credentials_file.chmod(0o600)
    print()
    print(f"  Home Assistant  {args.hass_url}")
    print(f"  user            {OWNER['username']}")
    print(f"  password        {password}   (also in {args.credentials_file})")
    for name, backend in stack["backends"].items():
        print(f"  {name:<15} {backend['url']}  ({backend['kind']})")
    if args.share_root is not None:
        print(f"  share root      {args.share_root}  (myflix.create_share_link)")
    if vault := stack.get("vault"):
        identity = args.credentials_file.with_name("vault-identity.txt")
        identity.write_text(vault["identity"] + "\n")
        identity.chmod(0o600)
        print(f"  vault identity  {identity}  (age -d -i {identity} <backup>.age)")
    print()


if __name__ == "__main__":
    asyncio.run(main())
