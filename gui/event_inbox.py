"""Where socket threads leave their events for the window: the thread-facing half of the
event bridge (gui/event_bridge.py), on a plain Python object.

Every event of every socket thread passes through `EventInbox.sink`, and those threads
share the interpreter (one core, one GIL) with the window, so each microsecond here is
one the server does not serve in. The sink only queues the event: a deque's append is
atomic, so no lock is taken, and the window folds a flood when it takes the batch
(`take_batch`, in the GUI thread). Once a flood is on, the sink adds each data event to
its thread's tally instead (gui/flood_tally.py), and the window takes the tallies: a few
entries per connection, not every event. And the object is not a QObject: an attribute
read on a QObject (a Shiboken wrapper) costs twice that of a plain object. Folding under
a lock, on the QObject, had cost each event 1.6 µs, a large part of what the window cost
the thread model (bench/HISTORY.md, "The window's cost: the sink").

The window comes first. Python runs one thread at a time (the GIL), and the GUI thread
gives it up at every call into Qt; with a hundred busy socket threads around, it waits
for it again each time, and a batch that takes milliseconds alone took a second. So,
once at least CROWD socket threads report between two heartbeats, or the children of a
process-per-client server report (through one thread, but a hundred of them):
- while the window takes a batch, or repaints, a reporting thread waits in the sink
  until the window is done;
- when the window's heartbeat (ticked by the bridge every few milliseconds while events
  come) is STARVED_MS late, reporting threads wait for its next beat, which lets
  RELEASED_PER_BEAT of them go on at a time.
And whoever reports waits while MAX_PENDING events wait for the window. No wait is
longer than MAX_SINK_WAIT_MS, and before the window itself waits for the socket threads
(a stop) it releases them (release_waiters). The server slows down to what the window
can show, the way TCP's flow control slows a sender down to its reader. This is the one
place a sink may wait; netcore's Sink contract says "quick", and this is quick except
while the window is behind.

Threads that report data (Linux) also run at a lower OS priority (a higher nice value)
than the GUI thread, so the window gets the CPU whenever it has work.
"""

from __future__ import annotations

import collections
import os
import sys
import threading
import time
from collections.abc import Callable

from gui.batch_folding import KEPT_PER_BATCH, fold, trimmed
from gui.flood_tally import FloodTally
from gui.give_way import GiveWayAlarm
from netcore.events import DATA_KINDS, Event

# Of each event's data, what is queued for the window: more than it shows, so that an echo
# of 1 KiB is queued as it is, without a copy, and cut to KEPT_DATA_BYTES
# (gui/batch_folding.py) when the window takes it (most are folded away by then); a recv()
# of 64 KiB is cut at once.
QUEUED_DATA_BYTES = 1024
STARVED_MS = 25  # a heartbeat this late: the GUI thread is kept from running
_STARVED_SECONDS = STARVED_MS / 1000
# Threads reporting between two heartbeats before any of them waits for the window: one
# or two busy threads cannot keep the GUI thread from the GIL for long (Python hands it
# over every 5 ms), so a select loop never waits. The thread that forwards the events of
# a process-per-client server's children always counts as a crowd (see sink()).
CROWD = 4
# Events queued for the window at most; beyond that, reporting threads wait for it to take
# them (bounded, as every wait here), crowd or not. With each event's data cut to
# QUEUED_DATA_BYTES when it is queued, what waits for the window stays small (~25 MB at
# most) however far behind it falls. A flood of 150,000 events a second queues 15,000
# between two of its batches.
MAX_PENDING = 20_000
MAX_SINK_WAIT_MS = 200  # a socket thread never waits longer for the window
# Threads waiting for the window's next heartbeat that each beat lets go on: the ones that
# waited longest (a Condition wakes its waiters in order), the others at the next beats,
# a few milliseconds apart. All at once, a hundred threads woke together at each beat, and
# the window, ready to run, waited for the CPU behind them: in floods measured alternately,
# with all at once, p99 36.5 to 74.7 ms and longest stalls 77 to 710 ms (two runs in seven
# over the targets); with 32, p99 35.4 to 46.2 ms and longest 69 to 166 ms (none over; in
# fifteen runs over the day, three), at about a fifth fewer events a second; and the
# window pair of `compare` 0.94 and 0.99 against 0.84 and 0.87. 8 or 16 gave such stalls
# too, at a third fewer events a second.
RELEASED_PER_BEAT = 32
_MAX_SINK_WAIT_SECONDS = MAX_SINK_WAIT_MS / 1000
# How far below the GUI thread's OS priority socket threads run. They share one core with
# the GUI thread (netcore/cpu.py), where a thread at nice 10 weighs a tenth of the window.
# Measured alternately on 2026-12-04 (bench/HISTORY.md): in a 100-client flood of the thread
# model the window waited for a CPU 20 to 29% of the time (p99 stalls 20 to 28 ms, longest
# 29 to 51 ms, four runs), against 46 to 60% at nice 4 (p99 31 to 54 ms, longest 86 to
# 170 ms, five runs); and the window cost the thread model as much at either (`compare`:
# 0.84 to 0.94 in five runs, 0.78 to 0.97 in six), as it did the select model: the socket
# threads mostly wait for the GIL, not for the CPU. (On 2026-12-01, before the flood tally
# and the waits for the window, nice 10 had cost a fifth of the thread model's speed.)
SOCKET_THREAD_NICENESS = 10


class EventInbox:
    """The queue of events for the window, and what reporting threads need to know to
    wait for it. `sink` runs in any thread; everything else in the GUI thread."""

    def __init__(self, request_wake: Callable[[], bool],
                 sink_from_window: Callable[[Event], None]) -> None:
        # Events not yet taken by the window, in the order they were reported. Socket
        # threads append and the GUI thread pops, each atomic: no lock per event.
        self.queue: collections.deque[Event] = collections.deque()
        # Sends the bridge its queued wake-up; False if the bridge is gone.
        self._request_wake = request_wake
        self._sink_from_window = sink_from_window
        # Set by the first event after a batch was taken, whose thread sends the wake-up;
        # cleared by the window before it takes the queue.
        self.awake = False
        # Waits take the lock; the sink's quick path reads flags without it: a flag read a
        # moment early only lets a thread report one more event before it waits.
        self._lock = threading.Lock()
        self._shown = threading.Condition(self._lock)  # the window finished a batch
        self._beat = threading.Condition(self._lock)  # the heartbeat ticked
        self.heartbeat_on = False  # the window's heartbeat ticks: lateness means starving
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
        # While a flood is on (the last batch folded), each thread tallies its data events
        # (gui/flood_tally.py) instead of queueing them: the window then touches a few
        # entries per connection and batch, not every event.
        self.tallying = False
        self._tally = FloodTally()
        # Tells the window's server once the window is far behind (gui/give_way.py).
        self.give_way = GiveWayAlarm()

    def sink(self, event: Event) -> None:
        """netcore's sink: thread-safe and quick; waits (bounded) only while the window
        takes a batch, is behind, or has MAX_PENDING events still to take. Runs for every
        event: kept short, its quick path free of locks."""
        # Events are read by index on this path (Event.kind is [0], .at [1], .worker [3],
        # .data [4]): a NamedTuple's field name costs a lookup more, three times a request.
        if len(event[4]) > QUEUED_DATA_BYTES:
            event = trimmed(event)
        thread = _get_ident()
        if self.tallying and event[0] in DATA_KINDS and self._tally.add(thread, event):
            # A flood's call, counted in its thread's tally: the quickest path, taken
            # three times a request. (The GUI thread never has a tally.)
            self._recent_reporters.add(thread)
            if not self.awake:
                self._send_wake()
            if self.give_way.callback is not None:
                self.give_way.check(event[1], self.heartbeat_on, self._last_beat, self.awake)
            if self._window_busy or (self.heartbeat_on
                                     and event[1] - self._last_beat > _STARVED_SECONDS):
                self._wait_if_crowded(event, False)
            return
        if thread == self._gui_thread:
            self._sink_from_window(event)  # the window's own (a send it made): never waits
            return
        queue = self.queue
        if event[0] in DATA_KINDS:
            # Not tallied: no flood, or the thread's first call in one, or the window is
            # taking this thread's tally this very moment. A tally opens only here, on
            # the full path, so a thread has met `_first_report_from` below (its lower
            # priority) by its second call, before it ever takes the quick path.
            if not (self.tallying and self._tally.open(thread, event[2])
                    and self._tally.add(thread, event)):
                queue.append(event)
        else:
            # A lifecycle step comes after the calls this thread tallied: they go first.
            for count, size, last in self._tally.flush(thread):
                queue.append(trimmed(last, count, size))
            queue.append(event)
        if thread not in self._reporting_threads:
            self._first_report_from(thread, event)
        self._recent_reporters.add(thread)
        if not self.awake:
            self._send_wake()
        if self.give_way.callback is not None:
            self.give_way.check(event[1], self.heartbeat_on, self._last_beat, self.awake)
        if self._window_unresponsive:
            return
        overfull = len(queue) > MAX_PENDING
        if overfull or self._window_busy or (
                self.heartbeat_on and event[1] - self._last_beat > _STARVED_SECONDS):
            self._wait_if_crowded(event, overfull)

    def _send_wake(self) -> None:
        """The first event since the window took a batch: wakes it up. (Two threads may
        both send one: the second wake-up finds little to drain.)"""
        self.give_way.woken_at = time.monotonic()
        self.awake = True
        if not self._request_wake():
            self._orphaned()

    def _wait_if_crowded(self, event: Event, overfull: bool) -> None:
        """The window is busy, starved, or (`overfull`) behind: the reporting thread waits
        if it is one of a crowd. A process-per-client child's events are forwarded by the
        thread that reads every child's pipe: a crowd by itself, because it reads a busy
        child's batches one after another and would hold the GIL throughout."""
        if (overfull or len(self._recent_reporters) >= CROWD
                or event[3].startswith("pid ")):
            self._wait(event[1])

    def _wait(self, reported_at: float) -> None:
        """Until the window has taken its batch or repainted, or, if its heartbeat was
        late at `reported_at`, until it has had its turn again. Each is checked again
        under the lock: the window may have caught up since the sink looked.

        A wait that times out just ends: the thread reports one more event and may wait
        again. (Giving up on waiting altogether after a slow repaint would let a hundred
        threads take the GIL back from the window, and it would fall further behind.)"""
        with self._lock:
            if self._window_unresponsive:
                return
            if self._window_busy or len(self.queue) > MAX_PENDING:
                spells = self._busy_spells
                self._shown.wait_for(
                    lambda: self._busy_spells != spells or self._window_unresponsive,
                    _MAX_SINK_WAIT_SECONDS)
            elif (self.heartbeat_on
                  and reported_at - self._last_beat > _STARVED_SECONDS):
                beats = self._beats
                self._beat.wait_for(lambda: self._beats != beats or self._window_unresponsive,
                                    _MAX_SINK_WAIT_SECONDS)

    def _orphaned(self) -> None:
        """The window is gone and a server still reports (one that did not stop in time):
        nobody will take its events, so none are kept (a deque of no length drops what
        is appended), and nobody waits for the window."""
        self.queue = collections.deque(maxlen=0)
        self.tallying = False
        self._window_unresponsive = True

    def _first_report_from(self, thread: int, event: Event) -> None:
        """A thread reports for the first time, or has reported only lifecycle steps so
        far. Once it reports data, it yields the CPU to the window.

        Only threads that move data: an accept loop is left alone, because the children
        a process-per-client server starts from it would inherit its priority; and so is
        the thread that forwards those children's events (gui/event_bridge.py's
        CHILDREN_CPU_SHARE says why).

        A hundred busy socket threads and the one GUI thread share the CPU as equals; the
        window would get a hundredth of it. A lower priority (a higher nice value) for
        the reporting threads leaves the window its turn whenever it has work, and
        changes nothing while it has none. Only Linux gives each thread its own.
        """
        if event.worker.startswith("pid "):
            self._reporting_threads.add(thread)
        elif event.kind in DATA_KINDS:
            self._reporting_threads.add(thread)
            if sys.platform.startswith("linux"):
                _lower_priority(threading.get_native_id(), SOCKET_THREAD_NICENESS)

    # The GUI thread's side.

    def take_batch(self, keep_each: int = KEPT_PER_BATCH) -> tuple[list[Event], int, bool]:
        """The queued events as a batch, in the order reported, a flood folded: of the
        data events of one connection and kind, the first `keep_each` stay, the rest
        become one event that stands for all of them (its count, and its size the sum
        of theirs). The threads' tallies come with it, one event per connection and kind
        (gui/flood_tally.py). Also gives how many events the batch stands for, and
        whether a flood is on: some connection reported more than KEPT_PER_BATCH of a
        kind; from then on, data events are tallied until a batch folds nothing.

        Crowded reporters wait from here until window_done(): the batch is being taken.
        """
        # Before the queue is taken: a thread that queues an event after this sends a
        # new wake-up, and one that queued it before is in this batch.
        self.awake = False
        queue = self.queue
        # The tallies before the queue: a connection's accept, queued before its first
        # call was tallied, is then in this batch or an earlier one, never after its
        # calls. (Its close is not shown before them either: a thread empties its tally
        # into the queue before it queues a lifecycle step, FloodTally.flush.)
        tallied = self._tally.take()
        if not queue and not tallied:
            # Nothing since the last batch (the flood is over, or an earlier batch took
            # what this wake-up was for): queued again until a batch folds. Not on the
            # heartbeat's first idle beat: in a flood, that falls between two batches.
            self.tallying = False
            return [], 0, False
        with self._lock:
            self._window_busy = True
        popleft = queue.popleft
        # Only as many as are queued now: socket threads may add more meanwhile; those
        # are the next batch's.
        events = [popleft() for _ in range(len(queue))]
        batch, stands_for, folded = fold(events, tallied, keep_each)
        # A flood goes on: until a batch folds nothing, data events are tallied.
        self.tallying = folded
        return batch, stands_for, folded

    def window_busy(self) -> None:
        """The window is about to repaint: a busy spell, until window_done().

        Without the lock: the window must not wait for a socket thread that holds it
        (and may itself wait for the GIL)."""
        self._window_busy = True

    def window_done(self) -> None:
        """The window has taken its batch, or repainted: waiting threads go on."""
        with self._lock:
            self._busy_spells += 1
            self._window_busy = False
            self._window_unresponsive = False
            self._shown.notify_all()

    def heartbeat_starts(self) -> None:
        with self._lock:
            self._last_beat = time.monotonic()
            self.heartbeat_on = True

    def heartbeat(self) -> bool:
        """The window's heartbeat ticked: it had its turn. True if nothing happens any
        more (no event queued, no busy spell): the heartbeat may stop."""
        with self._lock:
            self._last_beat = time.monotonic()
            self._beats += 1
            self._recent_reporters.clear()
            self._beat.notify(RELEASED_PER_BEAT)
            idle = not self.awake and not self._window_busy
            if idle:
                self.heartbeat_on = False
        return idle

    def release_waiters(self) -> None:
        """The GUI thread is about to wait for the socket threads (a stop): none of them
        may wait for it meanwhile."""
        with self._lock:
            self._window_unresponsive = True
            self.heartbeat_on = False  # until events come again
            self._shown.notify_all()
            self._beat.notify_all()


def _lower_priority(task_id: int, niceness: int) -> None:
    """A nice value `niceness` above this process's (Linux: a thread id works too)."""
    try:
        own = os.getpriority(os.PRIO_PROCESS, os.getpid())
        os.setpriority(os.PRIO_PROCESS, task_id, own + niceness)
    except OSError:
        pass  # not allowed, or it has ended: the window just gets no head start


_get_ident = threading.get_ident
