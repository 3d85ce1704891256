"""Per-IP limits and byte ranges, on an injected clock."""

from __future__ import annotations

import pytest

from custom_components.myflix.engine.share import (
    BandwidthLimiter,
    ByteRange,
    DownloadSlots,
    RangeNotSatisfiableError,
    RequestLimiter,
    TokenBucket,
    limits,
    parse_range,
)


class Clock:
    """A settable monotonic clock."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_request_limiter_is_per_ip_and_refills() -> None:
    """A burst passes, the next request waits; other IPs are not affected."""
    clock = Clock()
    limiter = RequestLimiter(10, clock)
    assert [limiter.check("a") for _ in range(10)] == [0.0] * 10
    assert limiter.check("a") == pytest.approx(0.1)
    assert limiter.check("b") == 0.0
    clock.now += 0.1
    assert limiter.check("a") == 0.0
    assert limiter.check("a") > 0


def test_bucket_reserve_goes_into_debt() -> None:
    """Reserving more than is there returns the wait that pays it back."""
    clock = Clock()
    bucket = TokenBucket(100, 50, clock)
    assert bucket.reserve(50) == 0.0
    assert bucket.reserve(100) == pytest.approx(1.0)
    assert not bucket.full
    clock.now += 1.5
    assert bucket.full


def test_bandwidth_cap_paces_to_the_rate() -> None:
    """Sending chunk after chunk at the given waits averages the cap."""
    clock = Clock()
    cap = BandwidthLimiter(1_000_000, clock)
    assert cap.chunk_size == 50_000
    sent, start = 0, clock.now
    while sent < 10_000_000:
        clock.now += cap.reserve("a", cap.chunk_size)
        sent += cap.chunk_size
    rate = sent / (clock.now - start)
    assert rate == pytest.approx(1_000_000, rel=0.01)
    assert BandwidthLimiter(0, clock).reserve("a", 10**9) == 0.0


def test_download_slots() -> None:
    """At most ``limit`` at a time per IP; releasing frees one."""
    slots = DownloadSlots(2)
    assert slots.acquire("a")
    assert slots.acquire("a")
    assert not slots.acquire("a")
    assert slots.acquire("b")
    assert slots.active == 3
    slots.release("a")
    assert slots.acquire("a")
    for ip in ("a", "a", "b", "b"):
        slots.release(ip)
    assert slots.active == 0


def test_per_ip_state_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan from many addresses keeps only the most recent ones."""
    monkeypatch.setattr(limits, "MAX_TRACKED_IPS", 3)
    clock = Clock()
    limiter = RequestLimiter(1, clock)
    for ip in ("a", "b", "c", "a", "d"):
        limiter.check(ip)
    assert list(limiter._buckets._items) == ["c", "a", "d"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-99", ByteRange(0, 99, 1000)),
        ("bytes=100-", ByteRange(100, 999, 1000)),
        ("bytes=-100", ByteRange(900, 999, 1000)),
        ("bytes=-5000", ByteRange(0, 999, 1000)),
        ("bytes=990-5000", ByteRange(990, 999, 1000)),
        ("bytes=0-0,5-9", None),
        ("items=0-9", None),
        ("bytes=-", None),
        ("bytes=9-1", None),
    ],
)
def test_parse_range(header: str | None, expected: ByteRange | None) -> None:
    """One range is honoured; anything else is the whole file."""
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize(
    ("header", "size"),
    [("bytes=1000-", 1000), ("bytes=-0", 1000), ("bytes=-1", 0), ("bytes=0-", 0)],
)
def test_unsatisfiable_ranges(header: str, size: int) -> None:
    """A range outside the file is refused (416)."""
    with pytest.raises(RangeNotSatisfiableError):
        parse_range(header, size)


def test_byte_range_helpers() -> None:
    """Length, whole-file and the Content-Range header."""
    assert ByteRange(0, 999, 1000).whole
    assert not ByteRange(1, 999, 1000).whole
    assert ByteRange(10, 19, 1000).length == 10
    assert ByteRange(10, 19, 1000).content_range() == "bytes 10-19/1000"
