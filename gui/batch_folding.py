"""Folding a flood into a batch the window can show (the GUI thread's side of
gui/event_inbox.py).

Of one connection's data events of one kind (recv, send, the waits between them), a
batch shows the first few one by one; the rest become one event that stands for all of
them: its `count`, and its `size` the sum of theirs. The window's work per batch is then
bounded by the number of connections, not by the rate they report at, and every counter
stays exact. Each event keeps only as much of its data as a view shows.
"""

from __future__ import annotations

import operator

from gui.flood_tally import ConnKind
from gui.log_model import PREVIEW_BYTES
from netcore.events import DATA_KINDS, Event, build_event

KEPT_DATA_BYTES = PREVIEW_BYTES  # of each event's data, all any view shows
# Data events of one kind per connection that a batch shows one by one; the rest of them
# are folded into one. Two: a person sees a connection's exchanges go by, each of its
# steps, and a flood costs the window a few rows per connection per batch.
KEPT_PER_BATCH = 2
# The same, once the batch before was folded too (a flood goes on): one line per connection
# and kind per batch, which stands for all of them. Nobody reads twenty lines a second of
# each connection; the first batch of a flood still shows how it began. It made the thread
# model serve 0.79 and 0.83 of its speed with the window instead of 0.77 and 0.74.
KEPT_IN_A_FLOOD = 0


def fold(events: list[Event], tallied: list[tuple[int, int, Event]],
         keep_each: int) -> tuple[list[Event], int, bool]:
    """`events` (in the order reported) and the threads' tallies (count, size, last event)
    as one batch: of the data events of one connection and kind, the first `keep_each`
    stay, the rest are folded into one. Also gives how many calls the batch stands for,
    and whether it is a flood: some connection reported more than KEPT_PER_BATCH of a
    kind."""
    # Each connection's data events of each kind, by their place in the list: one
    # dictionary lookup per event (about 0.45 µs an event, all told). What is shown
    # one by one keeps the order it was reported in (the batch is sorted by time
    # later, and a sort keeps the order of equal times).
    shown: list[int] = []  # places of the events shown one by one
    groups: dict[ConnKind, list[int]] = {}
    group_of = groups.get
    for place, event in enumerate(events):
        kind = event[0]
        if kind in DATA_KINDS:
            key = (event[2], kind)
            group = group_of(key)
            if group is None:
                groups[key] = [place]
            else:
                group.append(place)
        else:
            shown.append(place)
    folds: list[Event] = []
    folded = False
    for group in groups.values():
        # A flood by the calls they stand for: a tally emptied into the queue is one
        # event for thousands of calls.
        if (len(group) > KEPT_PER_BATCH
                or sum(map(_count_of, map(events.__getitem__, group))) > KEPT_PER_BATCH):
            folded = True
        shown += group[:keep_each]
        if len(group) == keep_each + 1:
            shown.append(group[-1])  # one left: it stands for itself
        elif len(group) > keep_each:
            rest = list(map(events.__getitem__, group[keep_each:]))
            folds.append(trimmed(rest[-1], sum(map(_count_of, rest)),
                                 sum(map(_size_of, rest))))
    shown.sort()
    batch = [trimmed(event) if len(event[4]) > KEPT_DATA_BYTES else event
             for event in map(events.__getitem__, shown)]
    batch += folds
    stands_for = sum(map(_count_of, events))
    for count, size, last in tallied:
        batch.append(trimmed(last, count, size))
        stands_for += count
        if count > KEPT_PER_BATCH:
            folded = True
    return batch, stands_for, folded


_size_of = operator.itemgetter(7)  # Event.size
_count_of = operator.itemgetter(8)  # Event.count


def trimmed(event: Event, count: int | None = None, size: int | None = None) -> Event:
    """The event with only as much of its data as the window shows (the exact size stays),
    standing for `count` calls that moved `size` bytes if they are given (a fold)."""
    kind, at, conn, worker, data, detail, peer, event_size, event_count = event
    # build_event builds it in C; NamedTuple's _replace() is Python, a microsecond.
    return build_event(Event, (kind, at, conn, worker, data[:KEPT_DATA_BYTES], detail, peer,
                               event_size if size is None else size,
                               event_count if count is None else count))
