"""The adapter between netcore's sink (any thread) and the window (the GUI thread only).

Socket loops hand events to `sink`, which queues them (gui/event_inbox.py): it never
emits a Qt signal per event. The GUI thread drains the queue at most once per
DRAIN_INTERVAL_MS and emits one batch, in order. One queued signal per recv() would
drain at a few thousand a second and freeze the window under load; a batch per interval
keeps up with any rate the sockets can make.

The first event after a quiet interval is drained at once, and so are a few small
batches after it, so a reply a person waits for shows without the interval's delay;
under load, drains are an interval apart. An event the GUI thread reports itself (a
send from a client window) sends no wake-up: it is shown with what follows it, the
reply most likely, or an interval later at the latest.

The window comes first: while it takes a batch or repaints (see watch_repaints), or
when its heartbeat (a timer beating every HEARTBEAT_MS while events come) is late, a
crowd of reporting threads waits for it, bounded (gui/event_inbox.py says how and why).

A flood is folded (gui/batch_folding.py). Of one connection's data events of one kind
(recv, send, the waits between them), a batch keeps the first KEPT_PER_BATCH, or
KEPT_IN_A_FLOOD (none) once the batch before was folded too; the rest become one event
that stands for all of them (its `count`, and its `size` the sum of theirs). The window's
work per batch is then bounded by the number of connections, not by the rate they report
at: a log that scrolled 60,000 lines a second could not be read anyway, and every counter
stays exact.
Once a flood is on, the socket threads count it themselves (gui/flood_tally.py): the
window then takes one entry per connection and kind, not every event.

The children of a process-per-client server run at a lower OS priority than the window
too (CHILDREN_CPU_SHARE).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.batch_folding import KEPT_DATA_BYTES, KEPT_IN_A_FLOOD, KEPT_PER_BATCH
from gui.event_inbox import SOCKET_THREAD_NICENESS, EventInbox
from gui.give_way import GIVE_WAY_MS
from netcore.events import Event

__all__ = ["CHILDREN_CPU_SHARE", "DRAIN_INTERVAL_MS", "GIVE_WAY_MS", "EventBridge", "FLOOD_DRAIN_INTERVAL_MS",
           "KEPT_DATA_BYTES", "KEPT_IN_A_FLOOD", "KEPT_PER_BATCH", "SOCKET_THREAD_NICENESS"]

DRAIN_INTERVAL_MS = 30  # ~33 batches a second: smooth to the eye, cheap for the GUI thread
# While a flood is folded, batches come this far apart: each batch costs the window work
# per connection (a few rows each), whatever the rate, so fewer batches cost less, and
# the views repaint only four times a second anyway.
FLOOD_DRAIN_INTERVAL_MS = 100
# Within an interval, a batch of at most SMALL_BATCH events is followed by up to
# QUICK_DRAINS drains at once: a send and its reply each show without waiting, while a
# flood (large batches) is drained once per interval.
SMALL_BATCH = 16
QUICK_DRAINS = 4
HEARTBEAT_MS = 10  # the GUI thread shows it gets its turn this often while events come
# Child processes further still, so that all of them together weigh this share of the
# window's thread (netcore/child_priority.py): a hundred interpreters starting up or busy
# at nice 0 left the window waiting for a CPU 87% of a flood, with stalls of 400 ms; at
# nice 19, 40% and 30 ms at p99. A few children are lowered less, so that they still get
# their turn beside another busy program. But lowered, 32 busy children served 0.62 of
# what they serve at the window's priority, where the window cost them nothing (1.10):
# they gave way to the clients too. So they run at the window's priority until the
# window is kept from running (its heartbeat GIVE_WAY_MS late, gui/give_way.py), and
# at this share from then on, until the server stops (a priority only ever falls).
# The thread that reads their pipes keeps the window's priority: holding the GIL, it
# would otherwise wait behind a hundred children while the window waits for it.
CHILDREN_CPU_SHARE = 0.5


class EventBridge(QObject):
    """Collects events from any thread; emits them in batches in the GUI thread.

    Nothing runs while nothing happens: the first event after a drain sends one queued
    wake-up (one per batch, not per event), which drains at once if the last drain was
    an interval ago, or starts a single-shot timer for the rest of the interval.
    """

    # object, not list: a list signal copies the batch into a Qt list and back, per
    # event and per slot (LoopController.eventsArrived says how much).
    eventsArrived = Signal(object)  # list[Event], in the order they happened
    _wakeRequested = Signal()  # emitted from socket threads; delivered in the GUI thread

    def __init__(self, parent: QObject | None = None,
                 interval_ms: int = DRAIN_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms
        self._inbox = EventInbox(*_calls_back(self))
        # netcore's sink, for any thread: the inbox's own method, so that a socket thread
        # never reads an attribute of this QObject (twice as slow as a plain object's).
        self.sink = self._inbox.sink
        self._interval_start = 0.0  # drains are an interval apart, except quick ones
        self._quick_drains = 0  # drains of small batches at once, in this interval
        self._last_batch_size = 0
        self._flooded = False  # the last batch folded events: a flood is on
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._drain_on_time)
        self._repaint_watches: list[_RepaintWatch] = []
        self._heartbeat = QTimer(self)
        self._heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._heartbeat_tick)
        # Queued even from the GUI thread: a drain never runs inside the netcore call that
        # reported (a send, a server being opened), only from the event loop.
        self._wakeRequested.connect(self._wake, Qt.ConnectionType.QueuedConnection)

    def watch_repaints(self, window: QWidget) -> None:
        """The window that shows this bridge's batches: while it repaints, reporting
        threads in a crowd wait (a repaint asks the models for every visible cell, each
        a call into Python that must get the GIL back from them)."""
        self._repaint_watches.append(_RepaintWatch(window, self))

    def _sink_from_window(self, event: Event) -> None:
        """The window's own report (a send it made): shown with what follows it, the
        reply most likely, or an interval later at the latest. It never waits."""
        self._inbox.queue.append(event)  # a big one (a file's chunk) came cut already
        if not self._inbox.awake and not self._timer.isActive():
            self._timer.start(self._interval_ms)

    def when_starved(self, callback: Callable[[], object] | None) -> None:
        """Call `callback` (once, from a reporting thread) when the window's heartbeat is
        GIVE_WAY_MS late: the window is kept from running. None: nobody is told."""
        self._inbox.give_way.set(callback)

    def release_waiters(self) -> None:
        """The GUI thread is about to wait for the socket threads (a stop): none of them
        may wait for it meanwhile."""
        self._inbox.release_waiters()

    @Slot()
    def _heartbeat_tick(self) -> None:
        if self._inbox.heartbeat():
            self._heartbeat.stop()  # nothing happens: no timer runs

    @Slot()
    def _wake(self) -> None:
        if not self._heartbeat.isActive():
            self._inbox.heartbeat_starts()
            self._heartbeat.start()
        now = time.monotonic()
        interval_ms = FLOOD_DRAIN_INTERVAL_MS if self._flooded else self._interval_ms
        left_ms = interval_ms - (now - self._interval_start) * 1000
        if left_ms <= 0:
            self._drain_on_time()
        elif self._last_batch_size <= SMALL_BATCH and self._quick_drains < QUICK_DRAINS:
            # A reply after a send, a few events a person is waiting to see: at once.
            self._quick_drains += 1
            self.drain()
        elif not self._timer.isActive():
            self._timer.start(int(left_ms) + 1)

    @Slot()
    def _drain_on_time(self) -> None:
        """A drain an interval after the last one: a new interval begins."""
        self._interval_start = time.monotonic()
        self._quick_drains = 0
        self.drain()

    @Slot()
    def drain(self) -> None:
        """Emit everything collected so far as one batch (GUI thread)."""
        self._timer.stop()
        # Once a flood is on (the last batch folded), each connection's data events of a
        # kind are one line per batch: it scrolls a third as fast, and costs the window
        # a third of the work per batch.
        batch, stands_for, folded = self._inbox.take_batch(
            KEPT_IN_A_FLOOD if self._flooded else KEPT_PER_BATCH)
        if not batch:
            # A wake-up whose events an earlier drain took: a flood is no less on.
            return
        self._last_batch_size = stands_for
        # A flood stays a flood for the quick drains, though it is folded.
        self._flooded = folded
        # Threads report in the order they get to run, not always the order things
        # happened (a reply can be reported before the send that caused it); the batch
        # is put in time order. Nearly sorted already: about one pass.
        batch.sort(key=_event_time)
        try:
            self.eventsArrived.emit(batch)
        finally:
            self.window_done()

    def repaint_starting(self) -> None:
        """A watched window is about to repaint: a busy spell, until window_done()."""
        self._inbox.window_busy()

    @Slot()
    def window_done(self) -> None:
        """The window has taken its batch, or repainted: waiting threads go on."""
        self._inbox.window_done()


def _calls_back(bridge: EventBridge) -> tuple[Callable[[], bool], Callable[[Event], None]]:
    """What the inbox calls: the bridge's wake-up (False once the bridge is gone), and its
    sink for the GUI thread's own events. Through a weak reference, so that a bridge (and
    its window) is freed as soon as it is dropped, not later by the cycle collector."""
    bridge_ref = weakref.ref(bridge)

    def request_wake() -> bool:
        alive = bridge_ref()
        if alive is None:
            return False
        try:
            alive._wakeRequested.emit()
        except RuntimeError:  # its Qt object is deleted, though Python still has it
            return False
        return True

    def sink_from_window(event: Event) -> None:
        alive = bridge_ref()
        if alive is not None:
            alive._sink_from_window(event)

    return request_wake, sink_from_window


def _event_time(event: Event) -> float:
    return event.at


class _RepaintWatch(QObject):
    """Tells the bridge when its window repaints (an UpdateRequest starts each repaint)."""

    def __init__(self, window: QWidget, bridge: EventBridge) -> None:
        super().__init__(window)
        self._bridge = bridge
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self._bridge.repaint_starting()
            # Runs once the repaint this request starts is over.
            QTimer.singleShot(0, self._bridge, self._bridge.window_done)  # none if it is gone
        return False
