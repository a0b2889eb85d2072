"""A flood counted where it happens: each reporting thread tallies its own data events,
and the window takes the tallies, not the events.

Once a flood is on (gui/event_inbox.py), a batch shows one line per connection and kind,
which stands for all of that kind's events. Folding them in the window meant touching
every event once more in the GUI thread, cold out of the cache among a hundred socket
threads: 2 to 3 µs a request served, on the one core the socket threads need too. A
thread's tally is one dictionary entry per connection and kind (the calls so far, their
bytes, the last of them), so the window's work per batch is the number of connections,
not the number of calls (bench/HISTORY.md, "The flood tally").

Each thread writes only its own tally. The window swaps a tally for an empty one, and no
update may fall between the thread reading the tally and writing it back. A lock per
event cost the thread twice the tally itself, so the two sides use flags instead (Dekker's
protocol; Python runs one thread at a time, so each flag is read and written in order):
the thread raises `busy` and then looks at `taking`; the window raises `taking` and then
looks at `busy`. At least one of them sees the other: a thread that sees the window taking
queues its event as before a flood, and a window that sees the thread busy leaves that
tally for the next batch. (This needs the GIL: a free-threaded Python would need a lock
per tally. PySide6 turns the GIL back on where it is not declared free-threading safe.)

Order: a thread empties its tally into the queue before it queues a lifecycle step
(`flush`), and the window takes the tallies before the queue, so a connection's calls
are shown neither before its accept nor after its close.
"""

from __future__ import annotations

import time

from netcore.events import Event, EventKind

# How long a thread that empties its tally before a lifecycle step waits for the window to
# stop looking at it: tries, each letting the window run (it needs a few bytecodes).
FLUSH_TRIES = 100
ConnKind = tuple[int | None, EventKind]
# [the calls, their bytes, the last event]: a list, updated in place by its thread.
Entry = list
# Per (connection, kind), an entry. The connection of the thread's first call in the flood
# is left out of the key: its entries are keyed by the kind alone (an enum, hashed by
# identity in C), which spares each call a tuple and its hash.
Tally = dict[EventKind | ConnKind, Entry]


class ThreadTally:
    """One reporting thread's tally, and the two flags of the protocol above."""

    __slots__ = ("busy", "taking", "conn", "counts")

    def __init__(self, conn: int | None) -> None:
        self.busy = False  # the thread is updating `counts`
        self.taking = False  # the window is swapping `counts` for an empty one
        self.conn = conn  # the connection whose entries are keyed by their kind alone
        self.counts: Tally = {}

    def entries(self, counts: Tally) -> list[tuple[ConnKind, Entry]]:
        """Each entry of `counts` (this tally's, swapped out) with its connection and kind."""
        return [((self.conn, key) if type(key) is EventKind else key, entry)
                for key, entry in counts.items()]


class FloodTally:
    """The tallies of every reporting thread. `open`, `add` and `flush` run in the thread
    whose tally they touch; `take` in the window's."""

    def __init__(self) -> None:
        # Only the thread itself adds its own entry (a thread id is unique while it runs;
        # a later thread with the same id takes the entry over, as its only writer).
        self._by_thread: dict[int, ThreadTally] = {}

    def open(self, thread: int, conn: int | None) -> bool:
        """Gives `thread` (the one calling) a tally; False if it has one already. `conn`
        is the connection of its first call: a thread-per-client worker's only one, whose
        entries are the quickest to update (any other connection's calls are counted
        too, a chat relay's or a select loop's)."""
        if thread in self._by_thread:
            return False
        self._by_thread[thread] = ThreadTally(conn)
        return True

    def add(self, thread: int, event: Event) -> bool:
        """Counts a data event into the tally of `thread` (the one calling). False if the
        thread has no tally (`open`), or the window is taking that very tally this moment:
        the caller queues the event instead. Runs for each call in a flood: kept short."""
        tally = self._by_thread.get(thread)
        if tally is None:
            return False
        tally.busy = True
        if tally.taking:
            tally.busy = False
            return False
        kind = event[0]  # Event.kind; [2] is .conn, [7] .size, [8] .count
        key = kind if event[2] == tally.conn else (event[2], kind)
        counts = tally.counts
        entry = counts.get(key)
        if entry is None:
            counts[key] = [event[8], event[7], event]
        else:
            entry[0] += event[8]
            entry[1] += event[7]
            entry[2] = event
        tally.busy = False
        return True

    def flush(self, thread: int) -> list[tuple[int, int, Event]]:
        """Before `thread` (the one calling) queues a lifecycle step: what it tallied, for
        it to queue first, so that a batch never shows a connection's close before its
        last calls. Empty if the window is taking the tally this very moment (then the
        window has it, in the batch the step goes to or the one before)."""
        tally = self._by_thread.get(thread)
        if tally is None or not tally.counts:
            return []
        tally.busy = True
        # The window may be looking at this tally: it leaves a busy one alone, so wait
        # until it has looked (a few of its bytecodes; each try lets it run).
        for _ in range(FLUSH_TRIES):
            if not tally.taking:
                counts, tally.counts = tally.counts, {}
                tally.busy = False
                return [(count, size, last) for count, size, last in counts.values()]
            time.sleep(0)
        tally.busy = False  # still taking: the window may take it; never both
        return []

    def take(self) -> list[tuple[int, int, Event]]:
        """Every (calls, bytes, last event) tallied since the last take, per connection
        and kind, merged across threads (a chat relay reports a connection's sends from
        another connection's thread). A thread in the middle of an update keeps its tally
        for the next batch: it sends the window a wake-up after the update anyway."""
        merged: dict[ConnKind, tuple[int, int, Event]] = {}
        for thread, tally in list(self._by_thread.items()):
            if not tally.counts:
                self._forget(thread, tally)
                continue
            counts = self._swap(tally)
            if counts is None:
                continue
            for key, (count, size, last) in tally.entries(counts):
                before = merged.get(key)
                if before is None:
                    merged[key] = (count, size, last)
                else:
                    latest = last if last[1] >= before[2][1] else before[2]
                    merged[key] = (before[0] + count, before[1] + size, latest)
        return list(merged.values())

    def _forget(self, thread: int, tally: ThreadTally) -> None:
        """A thread that tallied nothing since the last batch (it ended, or the flood did):
        its entry goes, so that the tallies of ended threads do not pile up. The window
        stays "taking" it for good: a thread still holding the old entry finds it taken,
        and its event goes the full way through the sink, which opens a new one."""
        tally.taking = True
        if not tally.busy and not tally.counts:
            del self._by_thread[thread]
        else:
            tally.taking = False

    @staticmethod
    def _swap(tally: ThreadTally) -> Tally | None:
        """The tally's counts, an empty one in their place; None if its thread is in the
        middle of an update (it lost the GIL there): taken at the next batch. The window
        does not wait for it: giving up the GIL among a hundred busy threads, it waits
        for its turn again (with three tries and a sleep(0) between them, a flood's
        longest stall was 63 to 194 ms in four runs; with one try, 86 to 122 ms in three)."""
        tally.taking = True
        counts = None
        if not tally.busy:
            counts, tally.counts = tally.counts, {}
        tally.taking = False
        return counts
