"""Per-IP limits: a request rate, concurrent downloads and a bandwidth cap.

Every limiter reads an injected monotonic clock and never sleeps: it answers
how long to wait, and the caller decides (refuse with Retry-After, or sleep).
Per-IP state lives in a bounded LRU, so a scan from many addresses cannot
grow memory without bound.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

type Clock = Callable[[], float]
MAX_TRACKED_IPS = 4096


class TokenBucket:
    """``rate`` tokens a second, holding at most ``capacity``; starts full."""

    def __init__(self, rate: float, capacity: float, clock: Clock) -> None:
        """Fill at ``rate`` up to ``capacity``."""
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._tokens = capacity
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(
            self.capacity, self._tokens + (now - self._updated) * self.rate
        )
        self._updated = now

    def try_take(self, amount: float = 1.0) -> float:
        """Take ``amount`` if there is enough; else take nothing, return the wait."""
        self._refill()
        if self._tokens >= amount - 1e-9:  # float rounding of the refill
            self._tokens -= amount
            return 0.0
        return (amount - self._tokens) / self.rate

    def reserve(self, amount: float) -> float:
        """Take ``amount`` now, going into debt; return how long to wait for it."""
        self._refill()
        self._tokens -= amount
        return max(0.0, -self._tokens / self.rate)

    @property
    def full(self) -> bool:
        """Whether the bucket is full (its state says nothing then)."""
        self._refill()
        return self._tokens >= self.capacity


class _PerIp[T]:
    """A bounded LRU of per-IP state."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._items: OrderedDict[str, T] = OrderedDict()

    def get(self, ip: str) -> T:
        if (item := self._items.get(ip)) is None:
            item = self._items[ip] = self._factory()
            if len(self._items) > MAX_TRACKED_IPS:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(ip)
        return item


class RequestLimiter:
    """At most ``rate`` requests a second per IP, bursts of ``burst``."""

    def __init__(self, rate: float, clock: Clock, burst: float | None = None) -> None:
        """Allow ``rate`` requests a second, ``burst`` at once (default: ``rate``)."""
        capacity = burst if burst is not None else max(rate, 1.0)
        self._buckets = _PerIp(lambda: TokenBucket(rate, capacity, clock))

    def check(self, ip: str) -> float:
        """Count one request; return 0 if allowed, else the seconds until it would be."""
        return self._buckets.get(ip).try_take()


class DownloadSlots:
    """At most ``limit`` downloads at a time per IP."""

    def __init__(self, limit: int) -> None:
        """Allow ``limit`` concurrent downloads per IP."""
        self.limit = limit
        self._active: dict[str, int] = {}

    def acquire(self, ip: str) -> bool:
        """Take a slot for ``ip``; False when all of its slots are busy."""
        if self._active.get(ip, 0) >= self.limit:
            return False
        self._active[ip] = self._active.get(ip, 0) + 1
        return True

    def release(self, ip: str) -> None:
        """Give back a slot taken with ``acquire``."""
        if (count := self._active.get(ip, 0) - 1) > 0:
            self._active[ip] = count
        else:
            self._active.pop(ip, None)

    @property
    def active(self) -> int:
        """Downloads running now, over all IPs."""
        return sum(self._active.values())


class BandwidthLimiter:
    """At most ``rate`` bytes a second per IP, over all of its downloads.

    ``rate`` 0 means unlimited. The burst is one chunk, so the average over a
    few seconds stays within a few percent of the cap.
    """

    def __init__(self, rate: int, clock: Clock) -> None:
        """Cap each IP at ``rate`` bytes a second (0: no cap)."""
        self.rate = rate
        # About 20 chunks a second: smooth, without a wake-up per packet.
        self.chunk_size = min(max(rate // 20, 16 * 1024), 1024 * 1024) if rate else 0
        self._buckets = _PerIp(lambda: TokenBucket(rate, self.chunk_size, clock))

    def reserve(self, ip: str, amount: int) -> float:
        """Book ``amount`` bytes for ``ip``; return how long to wait before sending."""
        if not self.rate:
            return 0.0
        return self._buckets.get(ip).reserve(amount)
