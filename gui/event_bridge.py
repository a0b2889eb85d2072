"""The adapter between netcore's sink (any thread) and the window (the GUI thread only).

Socket loops hand events to `sink`, which appends to a list under a lock: it never emits
a Qt signal per event. The GUI thread drains the list at most once per DRAIN_INTERVAL_MS
and emits one batch, in order. One queued signal per recv() would drain at a few
thousand a second and freeze the window under load; a batch per interval keeps up with
any rate the sockets can make.

The first event after a quiet interval is drained at once, and so are a few small
batches after it, so a reply a person waits for shows without the interval's delay;
under load, drains are an interval apart. An event the GUI thread reports itself (a
send from a client window) sends no wake-up: it is shown with what follows it, the
reply most likely, or an interval later at the latest.

The window comes first. Python runs one thread at a time (the GIL), and the GUI thread
gives it up at every call into Qt; with a hundred busy socket threads around, it waits
for it again each time, and a batch that takes milliseconds alone took a second. So,
once at least CROWD socket threads report between two heartbeats, or the children of a
process-per-client server report (through one thread, but a hundred of them):
- while the window takes a batch, or repaints (see watch_repaints), a reporting thread
  waits in the sink until the window is done;
- a heartbeat timer in the GUI thread beats every HEARTBEAT_MS while events come; when
  it is STARVED_MS late (the GUI thread cannot get its turn), reporting threads wait for
  its next beat.
No wait is longer than MAX_SINK_WAIT_MS, and before the window itself waits for the
socket threads (a stop) it releases them (release_waiters). The server slows down to
what the window can show (the cost of showing everything), the way TCP's flow control
slows a sender down to its reader. This is the one place a sink may wait; netcore's
Sink contract says "quick", and this is quick except while the window is behind.

A flood is folded. Of one connection's data events of one kind (recv, send, the waits
between them), a batch keeps the first KEPT_PER_BATCH; the rest become one event that
stands for all of them (its `count`, and its `size` the sum of theirs). The window's work
per batch is then bounded by the number of connections, not by the rate they report at:
a log that scrolled 60,000 lines a second could not be read anyway, and every counter
stays exact.

Threads that report data (Linux) and the children of a process-per-client server also
run at a lower OS priority (a higher nice value) than the GUI thread, so the window
gets the CPU whenever it has work.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.log_model import PREVIEW_BYTES
from netcore.events import DATA_KINDS, Event, EventKind

KEPT_DATA_BYTES = PREVIEW_BYTES  # of each event's data, all any view shows
# Data events of one kind per connection that a batch shows one by one; the rest of them
# are folded into one. Two: a person sees a connection's exchanges go by, each of its
# steps, and a flood costs the window a few rows per connection per batch.
KEPT_PER_BATCH = 2
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
STARVED_MS = 25  # a heartbeat this late: the GUI thread is kept from running
_STARVED_SECONDS = STARVED_MS / 1000
# Threads reporting between two heartbeats before any of them waits for the window: one
# or two busy threads cannot keep the GUI thread from the GIL for long (Python hands it
# over every 5 ms), so a select loop never waits. The thread that forwards the events of
# a process-per-client server's children always counts as a crowd (see sink()).
CROWD = 4
MAX_SINK_WAIT_MS = 200  # a socket thread never waits longer for the window
# How far below the GUI thread's OS priority socket threads run. They share one core with
# the GUI thread (netcore/cpu.py), where nice 4 leaves the window more than twice their
# share when both want it; further down, the programs the server talks to, on that core
# too, would take it from them (nice 10 cost a fifth of the thread model's speed).
SOCKET_THREAD_NICENESS = 4
# Child processes further still, from the moment each is spawned (ServerController.start),
# so that all of them together weigh this share of the window's thread
# (netcore/child_priority.py): a hundred interpreters starting up or busy at nice 0 left
# the window waiting for a CPU 87% of a flood, with stalls of 400 ms; at nice 19, 40% and
# 30 ms at p99. (Lowered later, at their first data event, their start-up ran at the
# window's priority.) A few children are lowered less, so that they still get their turn
# beside another busy program.
# The thread that reads their pipes keeps the window's priority: holding the GIL, it
# would otherwise wait behind a hundred children while the window waits for it.
CHILDREN_CPU_SHARE = 0.5


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
        # Of the pending batch: how many data events each (connection, kind) reported, and
        # those beyond KEPT_PER_BATCH, folded: [count, bytes, the latest of them].
        self._data_counts: dict[tuple[int | None, EventKind], int] = {}
        self._folds: dict[tuple[int | None, EventKind], list] = {}
        self._lock = threading.Lock()
        self._shown = threading.Condition(self._lock)  # the window finished a batch
        self._beat = threading.Condition(self._lock)  # the heartbeat ticked
        self._awake = False  # a socket thread's wake-up is on its way, or waits for the timer
        self._last_beat = time.monotonic()
        self._beats = 0
        self._recent_reporters: set[int] = set()  # threads that reported since the last beat
        self._window_busy = False  # taking a batch, or repainting
        self._busy_spells = 0  # ended so far
        # Set when the window is about to wait for these very threads (a stop): nobody
        # waits for it until it has shown a batch again.
        self._window_unresponsive = False
        self._gui_thread = threading.get_ident()  # never waits for itself
        self._reporting_threads: set[int] = {self._gui_thread}
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
        self._heartbeat_on = False  # read by socket threads, under the lock
        # Queued even from the GUI thread: a drain never runs inside the netcore call that
        # reported (a send, a server being opened), only from the event loop.
        self._wakeRequested.connect(self._wake, Qt.ConnectionType.QueuedConnection)

    def watch_repaints(self, window: QWidget) -> None:
        """The window that shows this bridge's batches: while it repaints, reporting
        threads in a crowd wait (a repaint asks the models for every visible cell, each
        a call into Python that must get the GIL back from them)."""
        self._repaint_watches.append(_RepaintWatch(window, self))

    def sink(self, event: Event) -> None:
        """netcore's sink: thread-safe and quick; waits (bounded) only while the window
        takes a batch or is behind. Runs for every event: kept short."""
        thread = _get_ident()
        if thread == self._gui_thread:
            self._sink_from_window(event)
            return
        worker = event.worker
        kind = event.kind
        # A process-per-client child's events are forwarded by the thread that reads every
        # child's pipe. The children run below the window from their spawn on
        # (ServerController.start); that thread keeps the window's priority, because the
        # window and the children both wait for it.
        from_children = worker.startswith("pid ")
        if not from_children and thread not in self._reporting_threads and kind in DATA_KINDS:
            self._first_report_from(thread)
        with self._lock:
            self._collect(event, kind)
            wake = not self._awake
            self._awake = True
            recent_reporters = self._recent_reporters
            recent_reporters.add(thread)
            # The thread that reads the children's pipes is a crowd by itself: it reads a
            # busy child's batches one after another, and would hold the GIL throughout.
            crowded = from_children or len(recent_reporters) >= CROWD
            if crowded and not self._window_unresponsive:
                if self._window_busy:
                    self._wait_for_window()
                elif event.at - self._last_beat > _STARVED_SECONDS and self._heartbeat_on:
                    self._wait_for_heartbeat()
        if wake:
            self._wakeRequested.emit()

    def _sink_from_window(self, event: Event) -> None:
        """The window's own report (a send it made): shown with what follows it, the
        reply most likely, or an interval later at the latest. It never waits."""
        with self._lock:
            self._collect(event, event.kind)
            schedule = not self._awake
        if schedule and not self._timer.isActive():
            self._timer.start(self._interval_ms)

    def _collect(self, event: Event, kind: EventKind) -> None:
        """Under the lock: add the event to the pending batch; a data event beyond the
        first few of its connection and kind is folded into the others."""
        if kind not in DATA_KINDS:
            self._pending.append(_trimmed(event))
            return
        key = (event.conn, kind)
        reported = self._data_counts.get(key, 0)
        self._data_counts[key] = reported + 1
        if reported < KEPT_PER_BATCH:
            self._pending.append(_trimmed(event))
            return
        fold = self._folds.get(key)
        if fold is None:
            self._folds[key] = [1, event.size, event]
        else:
            fold[0] += 1
            fold[1] += event.size
            fold[2] = event  # trimmed when the batch is taken: most are replaced first

    def release_waiters(self) -> None:
        """The GUI thread is about to wait for the socket threads (a stop): none of them
        may wait for it meanwhile."""
        with self._lock:
            self._window_unresponsive = True
            self._heartbeat_on = False  # until events come again
            self._shown.notify_all()
            self._beat.notify_all()

    # A wait that times out just ends: the thread reports one more event and may wait
    # again. (Giving up on waiting altogether after a slow repaint would let a hundred
    # threads take the GIL back from the window, and it would fall further behind.)

    def _wait_for_window(self) -> None:
        """Under the lock: until the window has taken its batch, or repainted."""
        spells = self._busy_spells
        self._shown.wait_for(lambda: self._busy_spells != spells or self._window_unresponsive,
                             MAX_SINK_WAIT_MS / 1000)

    def _wait_for_heartbeat(self) -> None:
        """Under the lock: until the GUI thread has had its turn again."""
        beats = self._beats
        self._beat.wait_for(lambda: self._beats != beats or self._window_unresponsive,
                            MAX_SINK_WAIT_MS / 1000)

    @Slot()
    def _heartbeat_tick(self) -> None:
        with self._lock:
            self._last_beat = time.monotonic()
            self._beats += 1
            self._recent_reporters.clear()
            self._beat.notify_all()
            idle = not self._awake and not self._window_busy
            if idle:
                self._heartbeat_on = False
        if idle:
            self._heartbeat.stop()  # nothing happens: no timer runs

    def _first_report_from(self, thread: int) -> None:
        """A socket thread reports data for the first time: it yields the CPU to the window.

        Only threads that move data: an accept loop is left alone, because the children
        a process-per-client server starts from it would inherit its priority.

        A hundred busy socket threads and the one GUI thread share the CPU as equals; the
        window would get a hundredth of it. A lower priority (a higher nice value) for
        the reporting threads leaves the window its turn whenever it has work, and
        changes nothing while it has none. Only Linux gives each thread its own.
        """
        self._reporting_threads.add(thread)
        if sys.platform.startswith("linux"):
            _lower_priority(threading.get_native_id(), SOCKET_THREAD_NICENESS)

    @Slot()
    def _wake(self) -> None:
        if not self._heartbeat.isActive():
            with self._lock:
                self._last_beat = time.monotonic()
                self._heartbeat_on = True
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
        with self._lock:
            batch, self._pending = self._pending, []
            folds, self._folds = self._folds, {}
            self._data_counts = {}
            self._awake = False
            self._window_busy = bool(batch)
        # A flood stays a flood for the quick drains, though it is folded.
        self._last_batch_size = len(batch)
        self._flooded = bool(folds)
        for count, size, latest in folds.values():
            batch.append(_trimmed(latest)._replace(count=count, size=size))
            self._last_batch_size += count
        if not batch:
            return
        # Threads report in the order they get to run, not always the order things
        # happened (a reply can be reported before the send that caused it); the batch
        # is put in time order. Nearly sorted already: about one pass.
        batch.sort(key=_event_time)
        try:
            self.eventsArrived.emit(batch)
        finally:
            self.window_done()

    def repaint_starting(self) -> None:
        """A watched window is about to repaint: a busy spell, until window_done().

        Without the lock: the window must not wait for a socket thread that holds it
        (and may itself wait for the GIL), and a thread that reads the flag a moment
        early just reports one more event before it waits."""
        self._window_busy = True

    @Slot()
    def window_done(self) -> None:
        """The window has taken its batch, or repainted: waiting threads go on."""
        with self._lock:
            self._busy_spells += 1
            self._window_busy = False
            self._window_unresponsive = False
            self._shown.notify_all()


def _lower_priority(task_id: int, niceness: int) -> None:
    """A nice value `niceness` above this process's (Linux: a thread id works too)."""
    try:
        own = os.getpriority(os.PRIO_PROCESS, os.getpid())
        os.setpriority(os.PRIO_PROCESS, task_id, own + niceness)
    except OSError:
        pass  # not allowed, or it has ended: the window just gets no head start


_get_ident = threading.get_ident


def _trimmed(event: Event) -> Event:
    """The event with only as much of its data as the window shows (the exact size stays):
    what waits for the window stays small however far behind it falls."""
    if len(event.data) > KEPT_DATA_BYTES:
        return event._replace(data=event.data[:KEPT_DATA_BYTES])
    return event


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
