"""Completed download handling: the apps check their downloads every minute.

Radarr and Sonarr refresh the downloads they track once a minute and import
the ones that finished (``downloadFolderImported`` in history). The simulator
runs that check lazily: before answering a queue or history request, once a
minute of its own clock has passed since the last check.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .queue import DownloadQueue

CHECK_EVERY = timedelta(minutes=1)


class DownloadMonitor(DownloadQueue):
    """Imports finished downloads on the apps' one-minute check."""

    def _init_state(self) -> None:
        super()._init_state()
        #: False keeps finished downloads queued (importPending) until a scan,
        #: as when the user turns Completed Download Handling off
        self.completed_download_handling = True
        self._last_check: datetime | None = None

    async def check_downloads(self, *, due: bool = False) -> None:
        """Import what finished, if the one-minute check is due (or the clock went back).

        ``due``: the caller keeps the schedule (the demo stack's timer).
        """
        now, last = self.now(), self._last_check
        if not self.completed_download_handling or (
            not due and last is not None and timedelta(0) <= now - last < CHECK_EVERY
        ):
            return
        self._last_check = now
        await self.import_finished(pending_only=True)
