"""The vault actions end to end: simulators → encrypted file → verify, and failures."""

from __future__ import annotations

import errno
import io
import json
import logging
import os
from pathlib import Path
import tarfile
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.myflix.const import (
    CONF_ARCHIVE_PATH,
    CONF_RADARR_URL,
    CONF_VAULT_FOLDER,
    CONF_VAULT_KEEP,
    CONF_VAULT_RECIPIENTS,
)
from custom_components.myflix.engine.vault import decrypt, generate_identity
from simulators.server import free_port

from .conftest import QBT_PASS, RADARR_KEY, SONARR_KEY, Backend
from .services_helpers import call, call_fails, setup_entry

PROXY_PASSWORD = "proxy-secret-pw-4242"


async def set_options(
    hass: HomeAssistant, entry: MockConfigEntry, options: dict[str, Any]
) -> None:
    """Change the options and wait for the reload (without platforms)."""
    with patch("custom_components.myflix.PLATFORMS", []):
        hass.config_entries.async_update_entry(entry, options=options)
        await hass.async_block_till_done()


def keypair() -> tuple[str, str]:
    """A fresh age identity and recipient."""
    return generate_identity()


def unpack(path: str, identity: str) -> dict[str, bytes]:
    """Decrypt a vault and return its members by name."""
    plain = decrypt(Path(path).read_bytes(), identity)
    with tarfile.open(fileobj=io.BytesIO(plain)) as archive:
        return {
            info.name: handle.read()
            for info in archive.getmembers()
            if (handle := archive.extractfile(info))
        }


@pytest.fixture
def secret_prefs(qbittorrent: Backend) -> None:
    """qBittorrent holds a proxy password: it must stay inside the vault."""
    qbittorrent.sim.state.preferences["proxy_password"] = PROXY_PASSWORD


async def test_backup_vault_saves_every_source_encrypted(
    hass: HomeAssistant,
    stack_data: dict[str, str],
    secret_prefs: None,
    radarr: Backend,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Radarr + Sonarr archives, qBittorrent export and settings, in one age file."""
    caplog.set_level(logging.DEBUG)
    identity, recipient = keypair()
    entry = await setup_entry(hass, stack_data)
    events = async_capture_events(hass, "myflix_vault_created")
    result = await call(hass, "backup_vault", {"recipients": recipient})

    folder = Path(hass.config.path("myflix-vault"))
    assert Path(result["path"]).parent == folder
    assert result["missing"] == []
    assert {m["name"].split("/")[0] for m in result["members"]} == {
        "radarr", "sonarr", "qbittorrent", "myflix",
    }  # fmt: skip
    posts = [e.path for e in radarr.sim.requests if e.method == "POST"]
    assert posts == ["/api/v3/command"]
    assert radarr.sim.backups[-1]["type"] == "manual"
    content = unpack(result["path"], identity)
    radarr_zip = next(n for n in content if n.startswith("radarr/"))
    assert radarr_zip.startswith("radarr/radarr_backup_v")
    assert content[radarr_zip].startswith(b"PK")
    settings = json.loads(content["myflix/settings.json"])
    assert settings["data"]["radarr_api_key"] == RADARR_KEY
    prefs = json.loads(content["qbittorrent/preferences.json"])
    assert prefs["proxy_password"] == PROXY_PASSWORD
    manifest = json.loads(content["manifest.json"])
    assert [m["name"] for m in manifest["members"]] == [
        m["name"] for m in result["members"]
    ]

    # Secrets never leave the encrypted file.
    assert len(events) == 1
    seen = caplog.text + json.dumps(result) + json.dumps(events[0].data, default=str)
    for secret in (RADARR_KEY, SONARR_KEY, QBT_PASS, PROXY_PASSWORD, identity):
        assert secret not in seen
    assert events[0].data["entry_id"] == entry.entry_id

    verified = await call(hass, "verify_vault", {"identity": identity})
    assert verified["path"] == result["path"]
    assert verified["intact"] is True
    assert verified["sha256"] == result["sha256"]
    assert identity not in caplog.text + json.dumps(verified)


async def test_a_backend_down_still_backs_up_the_rest(
    hass: HomeAssistant, stack_data: dict[str, str], radarr: Backend
) -> None:
    """Radarr unreachable: the vault holds the rest and says Radarr is missing."""
    identity, recipient = keypair()
    data = {**stack_data, CONF_RADARR_URL: f"http://127.0.0.1:{free_port()}"}
    await setup_entry(hass, data)
    result = await call(hass, "backup_vault", {"recipients": [recipient]})
    assert result["missing"] == [{"source": "radarr", "reason": "cannot_connect"}]
    names = set(unpack(result["path"], identity))
    assert not any(n.startswith("radarr/") for n in names)
    assert any(n.startswith("sonarr/") for n in names)


async def test_a_failed_backup_command_and_unconfigured_backends(
    hass: HomeAssistant, radarr: Backend
) -> None:
    """Radarr's Backup fails; Sonarr and qBittorrent are not configured."""
    _, recipient = keypair()
    entry = await setup_entry(
        hass, {CONF_RADARR_URL: radarr.url, "radarr_api_key": RADARR_KEY}
    )
    await set_options(hass, entry, {CONF_VAULT_RECIPIENTS: recipient})

    async def broken(body: dict[str, Any]) -> str:
        raise RuntimeError("disk full")

    with patch.object(radarr.sim, "_cmd_backup", broken):
        result = await call(hass, "backup_vault")
    assert result["missing"] == [
        {"source": "sonarr", "reason": "not_configured"},
        {"source": "qbittorrent", "reason": "not_configured"},
        {"source": "radarr", "reason": "backup_failed"},
    ]
    assert [m["source"] for m in result["members"]] == ["myflix"]


async def test_bad_recipients_are_a_clear_error(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """A non-age key names the line; none at all says where to add them."""
    await setup_entry(hass, stack_data)
    err = await call_fails(
        hass, "backup_vault", {"recipients": "age1broken"},
        ServiceValidationError, "vault_invalid_recipient",
    )  # fmt: skip
    assert "age1broken" in str(err)
    await call_fails(
        hass, "backup_vault", {}, ServiceValidationError, "vault_no_recipients"
    )
    assert not Path(hass.config.path("myflix-vault")).exists()


async def test_wrong_or_invalid_identity_is_a_clear_error(
    hass: HomeAssistant, stack_data: dict[str, str], tmp_path: Path
) -> None:
    """Another person's key, a non-key, a missing file: each says what is wrong."""
    _, recipient = keypair()
    stranger, _ = keypair()
    await setup_entry(hass, stack_data)
    await call_fails(hass, "verify_vault", {"identity": stranger},
                     ServiceValidationError, "vault_none")  # fmt: skip
    result = await call(hass, "backup_vault", {"recipients": recipient})
    name = Path(result["path"]).name
    err = await call_fails(hass, "verify_vault", {"identity": stranger, "path": name},
                           ServiceValidationError, "vault_wrong_identity")  # fmt: skip
    assert stranger not in str(err)
    err = await call_fails(hass, "verify_vault", {"identity": "AGE-SECRET-KEY-1XYZ"},
                           ServiceValidationError, "vault_invalid_identity")  # fmt: skip
    assert "XYZ" not in str(err)
    key_file = tmp_path / "key.txt"
    key_file.write_text(f"# created: today\n# public key: {recipient}\n{stranger}\n")
    await call_fails(hass, "verify_vault", {"identity_file": str(key_file)},
                     ServiceValidationError, "vault_wrong_identity")  # fmt: skip
    await call_fails(hass, "verify_vault", {"identity_file": str(tmp_path / "none")},
                     ServiceValidationError, "vault_identity_file")  # fmt: skip
    for outside in ("/etc/passwd", "../x", "notes.txt"):
        await call_fails(hass, "verify_vault", {"identity": stranger, "path": outside},
                         ServiceValidationError, "vault_not_found")  # fmt: skip
    Path(result["path"]).write_bytes(b"garbage")
    await call_fails(hass, "verify_vault", {"identity": stranger, "path": result["path"]},
                     ServiceValidationError, "vault_corrupt")  # fmt: skip


async def test_full_disk_leaves_no_partial_file(
    hass: HomeAssistant, stack_data: dict[str, str]
) -> None:
    """ENOSPC while writing: a translated error and an empty folder."""
    _, recipient = keypair()
    await setup_entry(hass, stack_data)

    def full(fd: int, data: memoryview) -> int:
        os.write(fd, data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with patch(
        "custom_components.myflix.engine.vault.files.OsFileOps.write", side_effect=full
    ):
        err = await call_fails(hass, "backup_vault", {"recipients": recipient},
                               HomeAssistantError, "vault_write_failed")  # fmt: skip
    assert "No space left" in str(err)
    assert list(Path(hass.config.path("myflix-vault")).iterdir()) == []


async def test_folder_option_archive_root_and_retention(
    hass: HomeAssistant, stack_data: dict[str, str], tmp_path: Path
) -> None:
    """The archive root hosts the vault by default; keep N deletes only ours."""
    _, recipient = keypair()
    entry = await setup_entry(hass, stack_data)
    archive = tmp_path / "archive"
    await set_options(
        hass, entry,
        {CONF_ARCHIVE_PATH: str(archive), CONF_VAULT_KEEP: 2,
         CONF_VAULT_RECIPIENTS: recipient},
    )  # fmt: skip
    folder = archive / "myflix-vault"
    folder.mkdir(parents=True)
    (folder / "movie.mkv").write_text("not ours")
    (folder / "myflix-vault-20200101T000000Z.tar.age").write_text("old")
    first = await call(hass, "backup_vault")
    assert Path(first["path"]).parent == folder
    assert first["deleted"] == []
    second = await call(hass, "backup_vault")
    assert second["deleted"] == ["myflix-vault-20200101T000000Z.tar.age"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["movie.mkv", Path(first["path"]).name, Path(second["path"]).name]
    )
    chosen = tmp_path / "chosen"
    await set_options(hass, entry, {**entry.options, CONF_VAULT_FOLDER: str(chosen)})
    third = await call(hass, "backup_vault")
    assert Path(third["path"]).parent == chosen


async def test_diagnostics_hide_the_vault_and_watchtower_secrets(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    stack_data: dict[str, str],
) -> None:
    """The Watchtower token is redacted; recipients (public keys) may show."""
    from homeassistant.setup import async_setup_component
    from pytest_homeassistant_custom_component.components.diagnostics import (
        get_diagnostics_for_config_entry,
    )

    assert await async_setup_component(hass, "diagnostics", {})
    entry = await setup_entry(
        hass,
        {**stack_data, "watchtower_url": "http://127.0.0.1:1",
         "watchtower_token": "wt-secret-token"},
    )  # fmt: skip
    text = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, entry))
    assert "wt-secret-token" not in text
    assert RADARR_KEY not in text
