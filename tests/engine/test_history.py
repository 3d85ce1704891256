"""The history: bounded, searchable, undone once, stored and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.myflix.engine.history import (
    MAX_TEXT,
    History,
    NotUndoableError,
    Query,
    Record,
)

T0 = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _history(limit: int = 1000) -> History:
    history = History(limit=limit)
    history.add(
        at=T0,
        kind="killswitch_tripped",
        reason="vpn_ip_is_home",
        evidence={"torrents": 3},
        undo={"action": "release_downloads"},
    )
    history.add(
        at=T0 + timedelta(minutes=1),
        kind="healing_replaced",
        title="Civil.War.2024.1080p",
        hash="AB" * 20,
        reason="stalled",
    )
    history.add(
        at=T0 + timedelta(minutes=2), kind="share_downloaded", title="sample.bin"
    )
    return history  # fmt: skip


def test_the_bound_drops_the_oldest() -> None:
    history = History(limit=3)
    for minute in range(5):
        history.add(at=T0 + timedelta(minutes=minute), kind="port_changed")
    records, total = history.find(Query(), 10)
    assert (len(history), total) == (3, 3)
    assert [r.id for r in records] == [5, 4, 3]  # newest first, ids keep counting


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        (Query(), [3, 2, 1]),
        (Query(title="civil war"), [2]),
        (Query(title="CIVIL.war 2024"), [2]),
        (Query(title="war civil"), []),
        (Query(hash="ab" * 20), [2]),
        (Query(kinds=frozenset({"killswitch_tripped", "share_downloaded"})), [3, 1]),
        (Query(since=T0 + timedelta(minutes=1)), [3, 2]),
        (Query(until=T0), [1]),
        (Query(title="nothing like it"), []),
    ],
)
def test_filters(query: Query, ids: list[int]) -> None:
    records, total = _history().find(query, 10)
    assert ([r.id for r in records], total) == (ids, len(ids))


def test_undo_once_and_only_where_possible() -> None:
    history = _history()
    assert history.check_undo(1).undo == {"action": "release_downloads"}
    history.mark_undone(1, T0 + timedelta(hours=1))
    for record_id, reason in (
        (1, "already_undone"),
        (2, "not_undoable"),
        (9, "unknown"),
    ):
        with pytest.raises(NotUndoableError) as err:
            history.check_undo(record_id)
        assert err.value.reason == reason


def test_stored_and_read_back() -> None:
    history = _history()
    history.mark_undone(1, T0 + timedelta(hours=1))
    again = History(Record.from_dict(item) for item in history.as_list())
    assert again.as_list() == history.as_list()
    assert again.add(at=T0, kind="port_changed").id == 4  # ids go on from the stored
    first = again.as_list()[0]
    assert (first["undoable"], first["undone_at"]) == (
        False,
        "2026-12-07T13:00:00+00:00",
    )


def test_long_text_is_cut() -> None:
    history = History()
    record = history.add(at=T0, kind="healing_strike", title="x" * 1000)
    assert len(record.title or "") == MAX_TEXT
