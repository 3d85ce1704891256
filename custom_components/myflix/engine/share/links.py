"""Share links: the signing secret, the links issued, their use; persisted.

A token is honoured only while its link is in the registry: revoking deletes
the link (and revoking all also replaces the secret), so a revoked token stays
refused after a restart. Downloads are counted in whole files of bytes served:
every time the bytes sent for a link add up to the file's size, one download
is used. Seeking and resumed downloads therefore count what they fetch, and
splitting a file into ranges cannot get around ``max_downloads``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .tokens import (
    LinkClaims,
    TokenError,
    TokenRefusal,
    issue_token,
    new_link_id,
    new_secret,
    verify_token,
)


class ShareStore(Protocol):
    """Where the secret and the links survive a restart (HA's ``Store`` fits)."""

    async def load(self) -> Mapping[str, Any] | None:
        """Return the saved data, or None."""

    async def save(self, data: dict[str, Any]) -> None:
        """Save the data."""


@dataclass(kw_only=True)
class ShareLink:
    """One issued link and how much of it was used."""

    id: str
    path: str
    created_at: int
    expires_at: int
    max_downloads: int | None = None
    client_ip: str | None = None
    downloads: int = 0
    partial_bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the link as stored."""
        return asdict(self)

    def claims(self) -> LinkClaims:
        """Return what a token for this link says."""
        return LinkClaims(
            link_id=self.id,
            path=self.path,
            expires_at=self.expires_at,
            max_downloads=self.max_downloads,
            client_ip=self.client_ip,
        )

    @property
    def exhausted(self) -> bool:
        """Whether every allowed download was used."""
        return self.max_downloads is not None and self.downloads >= self.max_downloads


class ShareLinks:
    """The registry of links of one installation."""

    def __init__(self, store: ShareStore, clock: Callable[[], float]) -> None:
        """Keep links in ``store``; ``clock`` gives Unix seconds."""
        self._store = store
        self._clock = clock
        self._secret = b""
        self._links: dict[str, ShareLink] = {}
        self._closed = False

    def close(self) -> None:
        """Stop saving: a reloaded entry's new registry owns the store now."""
        self._closed = True

    async def restore(self) -> None:
        """Load the secret and links; make and save a secret the first time."""
        data = await self._store.load() or {}
        if secret := data.get("secret"):
            self._secret = bytes.fromhex(secret)
            self._links = {
                link["id"]: ShareLink(**link) for link in data.get("links", [])
            }
            self._prune()
        else:
            self._secret = new_secret()
            await self._save()

    async def _save(self) -> None:
        if self._closed:
            return
        await self._store.save(
            {
                "secret": self._secret.hex(),
                "links": [link.as_dict() for link in self._links.values()],
            }
        )

    def _prune(self) -> bool:
        now = self._clock()
        stale = [
            i
            for i, link in self._links.items()
            if link.expires_at <= now or link.exhausted
        ]
        for link_id in stale:
            del self._links[link_id]
        return bool(stale)

    def active(self) -> list[ShareLink]:
        """Return the links that can still be used, oldest first."""
        now = self._clock()
        return [
            link
            for link in self._links.values()
            if link.expires_at > now and not link.exhausted
        ]

    async def create(
        self,
        path: str,
        *,
        expires_in: int,
        max_downloads: int | None = None,
        client_ip: str | None = None,
    ) -> tuple[ShareLink, str]:
        """Issue a link to ``path`` (a checked share path); return it and its token."""
        now = int(self._clock())
        link = ShareLink(
            id=new_link_id(),
            path=path,
            created_at=now,
            expires_at=now + expires_in,
            max_downloads=max_downloads,
            client_ip=client_ip,
        )
        self._prune()
        self._links[link.id] = link
        await self._save()
        return link, issue_token(self._secret, link.claims())

    def token(self, link: ShareLink) -> str:
        """Return the token of an issued link."""
        return issue_token(self._secret, link.claims())

    def authorize(self, token: str, client_ip: str) -> ShareLink:
        """Return the link a token grants to ``client_ip``; raise ``TokenError`` if none."""
        claims = verify_token(self._secret, token, self._clock())
        link = self._links.get(claims.link_id)
        if link is None or link.claims() != claims:
            raise TokenError(TokenRefusal.REVOKED)
        if link.exhausted:
            raise TokenError(TokenRefusal.EXHAUSTED)
        if link.client_ip is not None and link.client_ip != client_ip:
            raise TokenError(TokenRefusal.WRONG_CLIENT)
        return link

    async def record(self, link: ShareLink, sent: int, size: int) -> int:
        """Add ``sent`` bytes of a ``size``-byte file; return the downloads completed."""
        if size <= 0:
            completed = 1 if sent == 0 else 0
        else:
            total = link.partial_bytes + sent
            completed, link.partial_bytes = divmod(total, size)
        if completed:
            link.downloads += completed
            if link.id in self._links:
                await self._save()
        return completed

    async def revoke(self, link_id: str) -> bool:
        """Revoke one link; False if there was no such link."""
        if self._links.pop(link_id, None) is None:
            return False
        await self._save()
        return True

    async def revoke_all(self) -> int:
        """Revoke every link and replace the secret; return how many were active."""
        count = len(self.active())
        self._links.clear()
        self._secret = new_secret()
        await self._save()
        return count
