"""A flood counted where it happens: each reporting thread tallies its own data events,
and the window takes the tallies, not the events.

Once a flood is on (gui/event_inbox.py), a batch shows one line per connection and kind,
which stands for all of that kind's events. Folding them in the window meant touching
every event once more in the GUI thread, cold out of the cache among a hundred socket
threads: 2 to 3 µs a request served, on the one core the socket threads need too. A
thread's tally is one dictionary entry per connection and kind (the calls so far, their
bytes, the last of them), so the window's work per batch is the number of connections,
not the number of calls (bench/README.md, "the flood tally").

Each thread writes only its own tally, under its own lock, which only the window takes
besides it, for the moment it swaps the tally for an empty one: no update is lost, and
no thread waits for another socket thread.
"""

from __future__ import annotations

import threading

from netcore.events import Event

# A thread's tally: per (connection, kind), the calls, their bytes, and the last event.
Tally = dict[tuple[int | None, object], tuple[int, int, Event]]
# The window waits at most this long for a thread that holds its tally's lock (it lost
# the GIL in the middle of an update): that tally is then taken at the next batch.
TAKE_WAIT_SECONDS = 0.002


class FloodTally:
    """The tallies of every reporting thread. `add` runs in any thread; `take` in the
    window's."""

    def __init__(self) -> None:
        self._by_thread: dict[int, tuple[threading.Lock, list[Tally]]] = {}
        self._lock = threading.Lock()  # only to add a thread that tallies for the first time

    def add(self, thread: int, event: Event) -> None:
        """Counts a data event into its thread's tally (the thread that reported it)."""
        record = self._by_thread.get(thread)
        if record is None:
            record = self._start(thread)
        lock, holder = record
        key = (event[2], event[0])
        with lock:
            tally = holder[0]
            before = tally.get(key)
            if before is None:
                tally[key] = (event[8], event[7], event)
            else:
                tally[key] = (before[0] + event[8], before[1] + event[7], event)

    def _start(self, thread: int) -> tuple[threading.Lock, list[Tally]]:
        with self._lock:
            record = self._by_thread.get(thread)
            if record is None:  # a thread id is reused by a later thread: kept as it is
                record = self._by_thread[thread] = (threading.Lock(), [{}])
        return record

    def take(self) -> list[tuple[int, int, Event]]:
        """Every (calls, bytes, last event) tallied since the last take, per connection
        and kind, merged across threads (a chat relay reports a connection's sends from
        another connection's thread)."""
        merged: dict[tuple[int | None, object], tuple[int, int, Event]] = {}
        for lock, holder in list(self._by_thread.values()):
            if not holder[0]:
                continue  # read without the lock: an entry added meanwhile is taken next time
            if not lock.acquire(timeout=TAKE_WAIT_SECONDS):
                continue
            try:
                tally, holder[0] = holder[0], {}
            finally:
                lock.release()
            for key, (count, size, last) in tally.items():
                before = merged.get(key)
                if before is None:
                    merged[key] = (count, size, last)
                else:
                    latest = last if last[1] >= before[2][1] else before[2]
                    merged[key] = (before[0] + count, before[1] + size, latest)
        return list(merged.values())
