"""One decision pass: pure, over a snapshot and the strike book (no I/O).

The pass never deletes anything itself: it returns decisions, and the
healer applies the ones at the limit. It updates the book it is given, so a
dry run passes a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from custom_components.myflix.clients.slices import Steps, finish

from .models import (
    Action,
    Decision,
    Details,
    Gate,
    HealingConfig,
    PrivateHandling,
    Protection,
    Reason,
    Snapshot,
)
from .rules import (
    SUSPECT_STATES,
    index_queues,
    is_unregistered,
    may_be_slow,
    measured_speed,
    queue_reason,
    search_for,
    state_reason,
)
from .strikes import Strike, StrikeBook

_STORAGE_REASONS = frozenset({Reason.FAILED, Reason.MISSING_FILES})
_STORAGE_STATES = frozenset({"error", "missingFiles"})
# Reasons that cannot get better by waiting: at the limit on the first strike.
_DEFINITIVE = frozenset({Reason.UNREGISTERED})

type NoDetails = Mapping[str, Details]


def saturated(snapshot: Snapshot, config: HealingConfig) -> bool:
    """Tell whether qBittorrent runs at (or near) its global download limit."""
    limit = snapshot.dl_limit
    return limit > 0 and snapshot.dl_speed >= config.bandwidth_guard * limit


def suspects(
    snapshot: Snapshot, book: StrikeBook, config: HealingConfig
) -> tuple[list[str], list[str]]:
    """Hashes worth a detail read: (tracker lists, privacy)."""
    return finish(suspects_stepwise(snapshot, book, config))


def suspects_stepwise(
    snapshot: Snapshot, book: StrikeBook, config: HealingConfig
) -> Steps[tuple[list[str], list[str]]]:
    """``suspects``, one step per torrent.

    Trackers for managed, unprotected torrents in a suspect state, at most
    ``tracker_reads``: those with an empty ``tracker`` first (no tracker
    works), then the most struck. A non-empty ``tracker`` proves nothing:
    4.x names a working tracker there, but 5.x names the failing one too
    (an unregistered torrent on 5.3.0 lists its tracker, status 5). Privacy
    only for flagged ones whose listing does not say (qBittorrent 4.x).
    """
    index = index_queues(snapshot.queues)
    trackers: list[tuple[bool, int, str]] = []
    privacy: list[str] = []
    for torrent_hash, torrent in snapshot.torrents.items():
        yield
        entry = index.get(torrent_hash.upper())
        managed = entry is not None or torrent.category in snapshot.categories
        if not managed or config.protected_tag in torrent.tags:
            continue
        flagged = state_reason(torrent) is not None or (
            entry is not None and queue_reason(entry[1]) is not None
        )
        if torrent.state in SUSPECT_STATES:
            strike = book.strikes.get(torrent_hash)
            trackers.append(
                (bool(torrent.tracker), -(strike.count if strike else 0), torrent_hash)
            )
        if (flagged or torrent_hash in book.strikes) and torrent.private is None:
            privacy.append(torrent_hash)
    trackers.sort()
    return [h for _, _, h in trackers[: config.tracker_reads]], privacy


def decide(
    snapshot: Snapshot,
    book: StrikeBook,
    config: HealingConfig,
    details: NoDetails | None = None,
) -> tuple[list[Decision], int]:
    """Strike, reset or flag every torrent; return (decisions, watched count)."""
    return finish(decide_stepwise(snapshot, book, config, details))


def decide_stepwise(
    snapshot: Snapshot,
    book: StrikeBook,
    config: HealingConfig,
    details: NoDetails | None = None,
) -> Steps[tuple[list[Decision], int]]:
    """``decide``, one step per torrent, for a caller that pauses between steps."""
    now = snapshot.now
    book.forget(now, after=config.forget_after, remember=config.remember_replaced)
    if snapshot.gate is not Gate.OPEN:
        # Nothing moves without the network: a speed measured across the
        # outage would call every torrent slow once it comes back.
        book.samples.clear()
        return [], 0
    details = details or {}
    index = index_queues(snapshot.queues)
    torrents = snapshot.torrents
    busy = saturated(snapshot, config)
    managed_count = broken_storage = 0
    for torrent_hash, torrent in torrents.items():
        if torrent.category in snapshot.categories or torrent_hash.upper() in index:
            managed_count += 1
            broken_storage += torrent.state in _STORAGE_STATES
    storage_outage = (
        broken_storage > config.storage_guard and broken_storage * 2 > managed_count
    )
    decisions: list[Decision] = []
    watched = 0
    samples = book.samples
    for torrent_hash in [h for h in samples if h not in torrents]:
        del samples[torrent_hash]
    for torrent_hash, torrent in torrents.items():
        yield
        upper = torrent_hash.upper()
        entry = index.get(upper)
        app = entry[0] if entry else snapshot.categories.get(torrent.category)
        items = entry[1] if entry else []
        if (gone := book.replaced.get(upper)) is not None:
            if entry is not None:  # the *arr grabbed the very same release again
                book.replaced[upper] = replace(gone, looped=True)
                decisions.append(
                    Decision(
                        hash=torrent_hash,
                        title=torrent.name,
                        action=Action.LOOP,
                        app=entry[0],
                        queue_id=items[0].id,
                    )
                )
            continue  # a private one we released keeps seeding, untouched
        reason = state_reason(torrent)
        detail = details.get(torrent_hash)
        if (
            detail is not None
            and detail.trackers
            and torrent.state in SUSPECT_STATES
            and is_unregistered(detail.trackers)
        ):
            reason = Reason.UNREGISTERED
        if reason is None and items:
            reason = queue_reason(items)
        if may_be_slow(torrent):
            previous = samples.get(torrent_hash)
            speed = measured_speed(previous, now, torrent.completed, config.min_sample)
            if previous is None or speed is not None:
                samples[torrent_hash] = (now, torrent.completed)
            if reason is None and speed is not None and speed < config.min_speed:
                reason = Reason.SLOW
        else:
            samples.pop(torrent_hash, None)
        if app is not None and (reason is not None or torrent.progress < 1):
            watched += 1
        strike = book.strikes.get(torrent_hash)
        if strike is not None and _progressed(strike, torrent.completed, now, config):
            del book.strikes[torrent_hash]
            decisions.append(
                Decision(
                    hash=torrent_hash,
                    title=torrent.name,
                    action=Action.RESET,
                    reason=strike.reason,
                    app=app,
                )
            )
            strike = None
        if reason is None:
            continue
        private = torrent.private
        if private is None and detail is not None:
            private = detail.private
        # Privacy unknown (a failed read on 4.x) counts as private: never risk
        # deleting what a private tracker needs seeded.
        private = private is not False
        protection = _protection(
            torrent.tags,
            torrent.added_on.timestamp() if torrent.added_on else None,
            now=now,
            app=app,
            reason=reason,
            private=private,
            busy=busy,
            storage_outage=storage_outage,
            config=config,
        )
        count = strike.count if strike else 0
        if protection is not None:
            decisions.append(
                Decision(
                    hash=torrent_hash,
                    title=torrent.name,
                    action=Action.SKIP,
                    reason=reason,
                    app=app,
                    strikes=count,
                    protection=protection,
                )
            )
            continue
        if strike is not None and now - strike.last < config.strike_spacing:
            action = Action.WAIT
        else:
            count = config.max_strikes if reason in _DEFINITIVE else count + 1
            book.strikes[torrent_hash] = Strike(
                count=count,
                reason=reason,
                first=strike.first if strike else now,
                last=now,
                completed=torrent.completed,
                title=torrent.name,
            )
            action = Action.STRIKE
        if count >= config.max_strikes and action is Action.STRIKE:
            if not items:
                action = Action.REPORT
            elif private:
                action = Action.RELEASE
            else:
                action = Action.REPLACE
        decisions.append(
            Decision(
                hash=torrent_hash,
                title=torrent.name,
                action=action,
                reason=reason,
                app=app,
                strikes=count,
                queue_id=items[0].id if items else None,
                search=search_for(app, items)
                if action in (Action.REPLACE, Action.RELEASE) and app
                else None,
            )
        )
    return decisions, watched


def _protection(
    tags: list[str],
    added: float | None,
    *,
    now: float,
    app: str | None,
    reason: Reason,
    private: bool,
    busy: bool,
    storage_outage: bool,
    config: HealingConfig,
) -> Protection | None:
    """Why a flagged torrent gets no strike (None: it does)."""
    if app is None:
        return Protection.UNMANAGED
    if config.protected_tag in tags:
        return Protection.TAG
    if private and config.private_handling is PrivateHandling.SKIP:
        return Protection.PRIVATE
    if added is not None and now - added < config.min_age:
        return Protection.YOUNG
    if reason is Reason.SLOW and busy:
        return Protection.BANDWIDTH
    if reason in _STORAGE_REASONS and storage_outage:
        return Protection.STORAGE
    return None


def _progressed(
    strike: Strike, completed: int, now: float, config: HealingConfig
) -> bool:
    """Tell whether a download made real progress since its last strike.

    That is the byte threshold, and for a slow one also more than the speed
    floor would have brought.
    """
    gained = completed - strike.completed
    if strike.reason is Reason.SLOW:
        return gained >= max(
            config.progress_reset, config.min_speed * (now - strike.last)
        )
    return gained >= config.progress_reset
