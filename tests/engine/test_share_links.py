"""The link registry: issue, authorise, count, revoke; all of it survives a restart."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.myflix.engine.share import (
    ShareLinks,
    TokenError,
    TokenRefusal,
)
from tests.memory_store import MemoryStore

NOW = 1_800_000_000.0


class Clock:
    """A settable Unix clock."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


async def _links(
    store: MemoryStore | None = None, clock: Clock | None = None
) -> ShareLinks:
    links = ShareLinks(store or MemoryStore(), clock or Clock())
    await links.restore()
    return links


def _refusal(links: ShareLinks, token: str, ip: str = "203.0.113.1") -> TokenRefusal:
    with pytest.raises(TokenError) as info:
        links.authorize(token, ip)
    return info.value.reason


async def test_issue_authorize_and_restore() -> None:
    """A link works, and still works after a restart with the stored secret."""
    store = MemoryStore()
    links = await _links(store)
    assert store.saves == 1  # the secret is made and saved once
    link, token = await links.create("movies/a.mkv", expires_in=60)
    assert links.authorize(token, "198.51.100.2") == link
    assert links.token(link) == token
    restored = await _links(store)
    assert restored.authorize(token, "198.51.100.2").path == "movies/a.mkv"
    assert [lnk.id for lnk in restored.active()] == [link.id]


async def test_secret_is_per_installation() -> None:
    """Another installation's registry refuses the token as forged."""
    link_token = (await (await _links()).create("movies/a.mkv", expires_in=60))[1]
    assert _refusal(await _links(), link_token) is TokenRefusal.FORGED


async def test_expiry_and_pruning() -> None:
    """An expired link is refused, then dropped from the store on the next save."""
    clock = Clock()
    store = MemoryStore()
    links = await _links(store, clock)
    _link, token = await links.create("movies/a.mkv", expires_in=60)
    clock.now += 60
    assert _refusal(links, token) is TokenRefusal.EXPIRED
    assert links.active() == []
    await links.create("movies/b.mkv", expires_in=60)
    assert store.data is not None
    assert [lnk["path"] for lnk in store.data["links"]] == ["movies/b.mkv"]


async def test_revoke_one_and_all_persist() -> None:
    """Revoked tokens stay refused after a restart; revoking all renews the secret."""
    store = MemoryStore()
    links = await _links(store)
    first, token1 = await links.create("movies/a.mkv", expires_in=600)
    _second, token2 = await links.create("movies/b.mkv", expires_in=600)
    assert await links.revoke(first.id)
    assert not await links.revoke(first.id)
    assert _refusal(links, token1) is TokenRefusal.REVOKED
    restored = await _links(store)
    assert _refusal(restored, token1) is TokenRefusal.REVOKED
    assert restored.authorize(token2, "203.0.113.1").path == "movies/b.mkv"
    assert await restored.revoke_all() == 1
    assert _refusal(restored, token2) is TokenRefusal.FORGED
    assert _refusal(await _links(store), token2) is TokenRefusal.FORGED


async def test_client_ip_binding() -> None:
    """A link bound to an address refuses every other one."""
    links = await _links()
    _link, token = await links.create(
        "movies/a.mkv", expires_in=60, client_ip="203.0.113.9"
    )
    assert links.authorize(token, "203.0.113.9")
    assert _refusal(links, token, "203.0.113.10") is TokenRefusal.WRONG_CLIENT


async def test_downloads_are_counted_in_whole_files_of_bytes() -> None:
    """Ranges add up; each file's worth of bytes uses one download; then it is exhausted."""
    store = MemoryStore()
    links = await _links(store)
    link, token = await links.create("movies/a.mkv", expires_in=60, max_downloads=2)
    assert await links.record(link, 400, 1000) == 0
    assert await links.record(link, 700, 1000) == 1  # 1100: one file, 100 over
    assert link.downloads == 1
    assert link.partial_bytes == 100
    assert await links.record(link, 900, 1000) == 1
    assert _refusal(links, token) is TokenRefusal.EXHAUSTED
    assert links.active() == []
    # An empty file counts each request as a download.
    empty, _token = await links.create("movies/e.txt", expires_in=60)
    assert await links.record(empty, 0, 0) == 1


async def test_record_on_a_revoked_link_does_not_save() -> None:
    """A download finishing after its link was revoked does not bring it back."""
    store = MemoryStore()
    links = await _links(store)
    link, _token = await links.create("movies/a.mkv", expires_in=60)
    await links.revoke(link.id)
    saves = store.saves
    assert await links.record(link, 10, 10) == 1
    assert store.saves == saves
    assert links.active() == []


async def test_closed_registry_stops_saving() -> None:
    """After an unload, the old registry leaves the store to its successor."""
    store = MemoryStore()
    links = await _links(store)
    link, _token = await links.create("movies/a.mkv", expires_in=60)
    links.close()
    saves = store.saves
    assert await links.revoke(link.id)
    assert await links.record(link, 10, 10) == 1
    assert store.saves == saves


@settings(max_examples=300, deadline=None)
@given(
    revoke=st.lists(st.booleans(), min_size=1, max_size=6),
    expires=st.lists(st.integers(min_value=1, max_value=100), min_size=6, max_size=6),
    elapsed=st.integers(min_value=0, max_value=120),
)
async def test_only_live_unrevoked_links_authorize(
    revoke: list[bool], expires: list[int], elapsed: int
) -> None:
    """Whatever was revoked and whenever it is asked, exactly the live links work."""
    clock = Clock()
    links = await _links(clock=clock)
    issued = [
        (await links.create(f"movies/{i}.mkv", expires_in=expires[i]), gone)
        for i, gone in enumerate(revoke)
    ]
    for (link, _token), gone in issued:
        if gone:
            await links.revoke(link.id)
    clock.now += elapsed
    for (link, token), gone in issued:
        if gone:
            assert _refusal(links, token) in (
                TokenRefusal.REVOKED,
                TokenRefusal.EXPIRED,
            )
        elif elapsed >= link.expires_at - NOW:
            assert _refusal(links, token) is TokenRefusal.EXPIRED
        else:
            assert links.authorize(token, "203.0.113.1") == link
