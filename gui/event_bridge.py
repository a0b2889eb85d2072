"""The adapter between netcore's sink (any thread) and the window (the GUI thread only).

Socket loops hand events to `sink`, which only appends to a list under a lock: it never
blocks a socket loop and never emits a Qt signal per event. A timer in the GUI thread
drains the list a few dozen times a second and emits one batch, in order. One queued
signal per recv() would drain at a few thousand a second and freeze the window under
load; a batch per tick keeps up with any rate the sockets can make.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from netcore.events import Event

DRAIN_INTERVAL_MS = 30  # ~33 batches a second: smooth to the eye, cheap for the GUI thread


class EventBridge(QObject):
    """Collects events from any thread; emits them in batches in the GUI thread.

    The drain timer runs only while events come: the first event after a quiet spell
    wakes it (one queued signal per burst, not per event), and a drain that finds
    nothing stops it, so an idle window with many clients costs no wake-ups.
    """

    eventsArrived = Signal(list)  # list[Event], in the order they happened
    _wakeRequested = Signal()  # emitted from socket threads; delivered in the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Event] = []
        self._lock = threading.Lock()
        self._awake = False  # the timer runs, or a wake-up is on its way
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
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
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def drain(self) -> None:
        """Emit everything collected so far as one batch (GUI thread)."""
        with self._lock:
            if not self._pending:
                self._awake = False
                self._timer.stop()
                return
            batch, self._pending = self._pending, []
        # Threads report in the order they get to run, not always the order things
        # happened (a reply can be reported before the send that caused it); the batch is
        # put in time order. Nearly sorted already, so this costs about one pass.
        batch.sort(key=_event_time)
        self.eventsArrived.emit(batch)


def _event_time(event: Event) -> float:
    return event.at
