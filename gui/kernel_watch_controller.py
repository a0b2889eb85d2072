"""Runs netcore's KernelWatch on a QThread and hands its reports to the GUI thread.

The watched sockets are those the app uses now, plus those it used in the last
RECENT_SECONDS: a connection closed from this side stays in TIME_WAIT for a minute
after the program let go of it, and that is worth seeing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal, Slot

from gui.threads import LoopThread
from netcore.kernel_view import (BACKGROUND_INTERVAL_SECONDS, TIME_WAIT_SECONDS,
                                 WATCH_INTERVAL_SECONDS, KernelReport, KernelWatch, Watched)

RECENT_SECONDS = 2 * TIME_WAIT_SECONDS
STOP_TIMEOUT_MS = 2000


class KernelWatchController(QObject):
    """Starts reading once there are sockets to watch; shut_down() ends the thread.

    The window says which sockets the app uses now with use() (see
    netcore.kernel_view.Watched); those it used recently stay watched for a while.
    """

    reportArrived = Signal(object)  # a KernelReport, in the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._in_use: frozenset[Watched] = frozenset()
        # Emitted from the watch's thread: this object lives in the GUI thread, so the
        # signal is queued to it (a few reports a second).
        self._watch = KernelWatch(self.reportArrived.emit, BACKGROUND_INTERVAL_SECONDS)
        self._watchers: set[str] = set()  # who needs frequent readings now (watch_closely)
        self._thread: LoopThread | None = None
        self._last_used: dict[Watched, float] = {}
        self.latest: KernelReport | None = None
        self._shut_down = False
        self.reportArrived.connect(self._remember)

    def use(self, in_use: Iterable[Watched]) -> None:
        """The sockets the app uses now: the server's port, each client's connection."""
        self._in_use = frozenset(pair for pair in in_use if pair != (0, 0))
        self._refresh()

    def _refresh(self) -> None:
        """Watch the sockets in use now, and those used in the last RECENT_SECONDS."""
        if self._shut_down:
            return  # a report queued before shut_down() must not start the thread again
        now = time.monotonic()
        for pair in self._in_use:
                self._last_used[pair] = now
        self._last_used = {pair: seen for pair, seen in self._last_used.items()
                           if now - seen < RECENT_SECONDS}
        self._watch.watch(self._last_used)
        if self._thread is None and self._last_used:
            self._thread = LoopThread(self._watch.run, "kernel-view", self)
            self._thread.start_loop()

    def watch_closely(self, who: str, closely: bool) -> None:
        """Read a few times a second while someone needs it (the kernel's pane on screen,
        a demo that counts from it); every BACKGROUND_INTERVAL_SECONDS otherwise."""
        if closely:
            self._watchers.add(who)
        else:
            self._watchers.discard(who)
        self._watch.set_interval(WATCH_INTERVAL_SECONDS if self._watchers
                                 else BACKGROUND_INTERVAL_SECONDS)

    @property
    def reading_interval(self) -> float:
        """Seconds between two readings now."""
        return self._watch.interval

    @property
    def watched(self) -> frozenset[Watched]:
        return frozenset(self._last_used)

    @Slot(object)
    def _remember(self, report: KernelReport) -> None:
        self.latest = report
        self._refresh()  # lets go of sockets unused for RECENT_SECONDS

    def shut_down(self) -> None:
        self._shut_down = True
        if self._thread is not None:
            self._thread.stop_and_wait(self._watch.stop, STOP_TIMEOUT_MS)
            self._thread = None
