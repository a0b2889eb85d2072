"""The adapter between netcore's sink (any thread) and the window (the GUI thread only).

Socket loops hand events to `sink`, which only appends to a list under a lock: it never
blocks a socket loop and never emits a Qt signal per event. The GUI thread drains the
list at most once per DRAIN_INTERVAL_MS and emits one batch, in order. One queued
signal per recv() would drain at a few thousand a second and freeze the window under
load; a batch per interval keeps up with any rate the sockets can make.

The first event after a quiet interval is drained at once, so a reply a person waits
for shows without the interval's delay; under load, drains are an interval apart.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from netcore.events import Event

DRAIN_INTERVAL_MS = 30  # ~33 batches a second: smooth to the eye, cheap for the GUI thread


class EventBridge(QObject):
    """Collects events from any thread; emits them in batches in the GUI thread.

    Nothing runs while nothing happens: the first event after a drain sends one queued
    wake-up (one per batch, not per event), which drains at once if the last drain was
    an interval ago, or starts a single-shot timer for the rest of the interval.
    """

    eventsArrived = Signal(list)  # list[Event], in the order they happened
    _wakeRequested = Signal()  # emitted from socket threads; delivered in the GUI thread

    def __init__(self, parent: QObject | None = None,
                 interval_ms: int = DRAIN_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._pending: list[Event] = []
        self._lock = threading.Lock()
        self._awake = False  # a wake-up is on its way, or the timer runs
        self._last_drain = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drain)
        self._wakeRequested.connect(self._wake)

    def sink(self, event: Event) -> None:
        """netcore's sink: thread-safe and quick."""
        with self._lock:
            self._pending.append(event)
            if self._awake:
                return
            self._awake = True
        self._wakeRequested.emit()

    @Slot()
    def _wake(self) -> None:
        if self._timer.isActive():
            return
        wait_ms = self._interval_ms - (time.monotonic() - self._last_drain) * 1000
        if wait_ms <= 0:
            self.drain()
        else:
            self._timer.start(int(wait_ms) + 1)

    @Slot()
    def drain(self) -> None:
        """Emit everything collected so far as one batch (GUI thread)."""
        self._timer.stop()
        self._last_drain = time.monotonic()
        with self._lock:
            batch, self._pending = self._pending, []
            self._awake = False
        if not batch:
            return
        # Threads report in the order they get to run, not always the order things
        # happened (a reply can be reported before the send that caused it); the batch is
        # put in time order. Nearly sorted already, so this costs about one pass.
        batch.sort(key=_event_time)
        self.eventsArrived.emit(batch)


def _event_time(event: Event) -> float:
    return event.at
