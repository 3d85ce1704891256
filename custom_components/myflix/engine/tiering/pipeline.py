"""Move batches with two files in flight: one verified and published, the next copied.

The second stage of a large file (read back, publish, remove the sources) runs
on a thread of its own while the next file's first stage (copy) runs on the
caller's; a small file finishes inline. Results come back per batch, once every
file of the batch is settled.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
import threading
from typing import TYPE_CHECKING

from .control import BatchResult, FileSkippedError, MoveControl
from .models import Batch, FileMove

if TYPE_CHECKING:
    from .mover import Mover, StagedMove


def move_batches(
    mover: Mover, batches: Iterable[Batch], control: MoveControl
) -> Iterator[tuple[Batch, BatchResult]]:
    """Move batches in order; yield each once every file of it is settled.

    The next file (of the same batch or the next one) copies while the one
    before is verified and published. Stops between files when told, and
    yields the batch it stopped in as ``stopped``.
    """
    settling: deque[tuple[Batch, BatchResult]] = deque()
    publishing: tuple[FileMove, Future[None], BatchResult] | None = None
    try:
        for batch in batches:
            result = BatchResult()
            if batch.relocation is not None:
                mover.journal.add_relocation(batch.relocation)
            for move in batch.moves:
                if control.stop.is_set() or control.abort.is_set():
                    result.stopped = True
                    break
                try:
                    staged = mover.start(move, control)
                except FileSkippedError as err:
                    if not _skipped(move, err, result):
                        break
                    continue
                if publishing is not None:
                    _collect(*publishing, control)
                publishing = move, _finish_soon(mover, staged, control), result
                # Nothing of the batches before is in flight any more.
                while settling:
                    yield settling.popleft()
            settling.append((batch, result))
            if result.stopped:
                break
    except BaseException:
        # Never leave a file publishing behind an error (or a closed run).
        if publishing is not None and not publishing[1].done():
            publishing[1].exception()
        raise
    if publishing is not None:
        _collect(*publishing, control)
    yield from settling


def _finish_soon(
    mover: Mover, staged: StagedMove, control: MoveControl
) -> Future[None]:
    """Finish a large file on a thread of its own; a small one right away.

    A thread per file (not a pool) ends with its file, so a run abandoned
    between files leaves no thread behind.
    """
    done: Future[None] = Future()

    def finish() -> None:
        try:
            mover.finish(staged, control)
        except BaseException as err:  # noqa: BLE001 - handed to the caller
            done.set_exception(err)
        else:
            done.set_result(None)

    if staged.size <= mover.copier.chunk:
        finish()
    else:
        threading.Thread(target=finish, name="myflix-tiering-publish").start()
    return done


def _skipped(move: FileMove, err: FileSkippedError, result: BatchResult) -> bool:
    """Count a file left behind; return whether the batch goes on."""
    if err.reason == "aborted":
        result.stopped = True
        return False
    result.skipped.append((move.sources[0], err.reason))
    return True


def _collect(
    move: FileMove,
    publishing: Future[None],
    result: BatchResult,
    control: MoveControl,
) -> None:
    """Wait for a file's second stage and count it."""
    try:
        publishing.result()
    except FileSkippedError as err:
        _skipped(move, err, result)
        return
    result.moved_files += 1
    result.moved_bytes += move.size
    control.progress(move, move.size)
