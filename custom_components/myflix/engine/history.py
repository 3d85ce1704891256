"""What Myflix did on its own, with its reason and evidence, bounded and searchable.

Every record says what happened (``kind``), to what (title, hash), why
(``reason``) and from which figures (``evidence``), and, where Myflix can take
it back, how (``undo``). The newest ``MAX_RECORDS`` are kept; older ones drop
off, so the stored history has a fixed ceiling whatever runs for years.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
import re
from typing import Any

_WORDS = re.compile(r"[^\W_]+")
MAX_RECORDS = 1000
"""The history's bound per entry (the store holds at most this many records)."""
MAX_TEXT = 200
"""A title or reason is cut to this many characters (releases can be long)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One change Myflix made on its own."""

    id: int
    at: datetime
    kind: str
    title: str | None = None
    hash: str | None = None
    reason: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    undo: Mapping[str, Any] | None = None
    """What taking it back needs (None: it cannot be taken back)."""
    undone_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the record as JSON: times in ISO 8601, ``undoable`` for a person."""
        # By hand, not dataclasses.asdict: it deep-copies, 5x slower at the bound.
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "hash": self.hash,
            "reason": self.reason,
            "evidence": dict(self.evidence),
            "undo": dict(self.undo) if self.undo is not None else None,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
            "undoable": self.undo is not None and self.undone_at is None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        """Read a stored record back."""
        undone = data.get("undone_at")
        return cls(
            id=int(data["id"]),
            at=datetime.fromisoformat(data["at"]),
            kind=str(data["kind"]),
            title=data.get("title"),
            hash=data.get("hash"),
            reason=data.get("reason"),
            evidence=dict(data.get("evidence") or {}),
            undo=data.get("undo"),
            undone_at=datetime.fromisoformat(undone) if undone else None,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """A filter over the history; every field left None matches all."""

    title: str | None = None
    """Words of the title, in any case, whatever separates them."""
    hash: str | None = None
    kinds: frozenset[str] | None = None
    since: datetime | None = None
    until: datetime | None = None

    def matches(self, record: Record) -> bool:
        """Whether ``record`` passes every filter set."""
        if self.kinds is not None and record.kind not in self.kinds:
            return False
        if self.hash is not None and (record.hash or "").lower() != self.hash.lower():
            return False
        if self.title is not None and (
            record.title is None or _plain(self.title) not in _plain(record.title)
        ):
            return False
        if self.since is not None and record.at < self.since:
            return False
        return self.until is None or record.at <= self.until


class NotUndoableError(Exception):
    """The record does not exist, cannot be taken back, or already was."""

    def __init__(self, reason: str) -> None:
        """``reason``: ``unknown``, ``not_undoable`` or ``already_undone``."""
        super().__init__(reason)
        self.reason = reason


class History:
    """The newest ``limit`` records, oldest first."""

    def __init__(
        self, records: Iterable[Record] = (), limit: int = MAX_RECORDS
    ) -> None:
        """Start from stored ``records`` (the newest ``limit`` of them)."""
        self._records: deque[Record] = deque(records, maxlen=limit)
        self._next_id = max((r.id for r in self._records), default=0) + 1

    def __len__(self) -> int:
        return len(self._records)

    def add(
        self,
        *,
        at: datetime,
        kind: str,
        title: str | None = None,
        hash: str | None = None,  # noqa: A002 - the torrent's hash, as qBittorrent names it
        reason: str | None = None,
        evidence: Mapping[str, Any] | None = None,
        undo: Mapping[str, Any] | None = None,
    ) -> Record:
        """Record a change; the oldest record drops off past the bound."""
        record = Record(
            id=self._next_id,
            at=at,
            kind=kind,
            title=_cut(title),
            hash=hash.lower() if hash else None,
            reason=_cut(reason),
            evidence=dict(evidence or {}),
            undo=dict(undo) if undo is not None else None,
        )
        self._next_id += 1
        self._records.append(record)
        return record

    def find(self, query: Query, limit: int) -> tuple[list[Record], int]:
        """Return the newest ``limit`` matches, newest first, and how many matched in all."""
        matches = [
            record for record in reversed(self._records) if query.matches(record)
        ]
        return matches[:limit], len(matches)

    def get(self, record_id: int) -> Record | None:
        """Return the record with ``record_id``, if still kept."""
        return next((r for r in self._records if r.id == record_id), None)

    def check_undo(self, record_id: int) -> Record:
        """Return the record to take back; raise ``NotUndoableError`` if it cannot be."""
        record = self.get(record_id)
        if record is None:
            raise NotUndoableError("unknown")
        if record.undo is None:
            raise NotUndoableError("not_undoable")
        if record.undone_at is not None:
            raise NotUndoableError("already_undone")
        return record

    def mark_undone(self, record_id: int, at: datetime) -> Record:
        """Mark a record as taken back; return it."""
        for index, record in enumerate(self._records):
            if record.id == record_id:
                self._records[index] = replace(record, undone_at=at)
                return self._records[index]
        raise NotUndoableError("unknown")

    def as_list(self) -> list[dict[str, Any]]:
        """Every record, oldest first, for the store."""
        return [record.as_dict() for record in self._records]


def _plain(text: str) -> str:
    """Words only, in one case: "Civil.War.2024" is found by "civil war"."""
    return " ".join(_WORDS.findall(text.casefold()))


def _cut(text: str | None) -> str | None:
    return text[:MAX_TEXT] if text else text
