"""A flood tallied by the threads that report it: every call and byte counted exactly while
the window takes the tallies, and the window back to single lines once the flood ends."""

from __future__ import annotations

import collections
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from gui.batch_folding import KEPT_PER_BATCH
from gui.event_inbox import EventInbox
from gui.flood_tally import FloodTally
from netcore.events import Event, EventKind, make_event

THREADS = 8
EVENTS_PER_THREAD = 3_000
JOIN_SECONDS = 30.0


def _in_a_socket_thread(work: Callable[[], None]) -> None:
    """Runs `work` in a thread of its own (the inbox's creator is its GUI thread)."""
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(JOIN_SECONDS)
    assert not thread.is_alive()


def _count(tally: FloodTally, thread: int, event: Event,
           queued: collections.deque[Event]) -> None:
    """What the sink does with a flood's call: into the thread's tally (opened at its first
    call), or queued while the window takes that very tally."""
    if not tally.add(thread, event) and not (tally.open(thread, event.conn)
                                             and tally.add(thread, event)):
        queued.append(event)


def _received(conn: int, size: int) -> Event:
    return make_event(EventKind.RECEIVED, conn, f"thread conn-{conn}", "recv()",
                      data=b"x" * size)


@pytest.fixture
def threads_switch_often() -> Iterator[None]:
    """Python hands the GIL over every microsecond, not every 5 ms: a thread is then often
    interrupted in the middle of an update, where a lost one would show."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_every_call_and_byte_is_counted_while_the_window_takes_the_tallies(
        threads_switch_often: None) -> None:
    tally = FloodTally()
    queued: collections.deque[Event] = collections.deque()  # while the window takes a tally
    reported = {"calls": [0] * THREADS, "bytes": [0] * THREADS, "relayed": [0] * THREADS}

    def report(number: int) -> None:
        thread = threading.get_ident()
        for call in range(EVENTS_PER_THREAD):
            size = 1 + (call * 7 + number) % 1500
            _count(tally, thread, _received(number + 1, size), queued)
            reported["calls"][number] += 1
            reported["bytes"][number] += size
            if call % 10 == 0:  # a chat relay: every thread sends to connection 100
                _count(tally, thread, make_event(EventKind.SENT, 100, f"thread conn-{number}",
                                                 "send()", data=b"y"), queued)
                reported["relayed"][number] += 1

    threads = [threading.Thread(target=report, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    taken: dict[tuple[int | None, EventKind], list[int]] = {}

    def take() -> None:
        counted = tally.take() + [(event.count, event.size, event) for event in
                                  (queued.popleft() for _ in range(len(queued)))]
        for count, size, last in counted:
            totals = taken.setdefault((last.conn, last.kind), [0, 0])
            totals[0] += count
            totals[1] += size

    deadline = time.monotonic() + JOIN_SECONDS
    while any(thread.is_alive() for thread in threads) and time.monotonic() < deadline:
        take()  # the window, taking tallies while the threads still add to them
        time.sleep(0.001)
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    take()
    assert not any(thread.is_alive() for thread in threads)
    for number in range(THREADS):
        assert taken[(number + 1, EventKind.RECEIVED)] == [reported["calls"][number],
                                                           reported["bytes"][number]]
    relayed = sum(reported["relayed"])
    assert taken[(100, EventKind.SENT)] == [relayed, relayed]
    assert tally.take() == []  # nothing counted twice


def test_a_flood_is_tallied_and_the_window_shows_single_lines_again_after_it() -> None:
    inbox = EventInbox(lambda: True, lambda event: None)
    sizes = list(range(1, 201))

    last_reported = [0.0]

    def flood() -> None:
        for size in sizes:
            event = _received(1, size)
            inbox.sink(event)
            last_reported[0] = event.at

    _in_a_socket_thread(flood)
    batch, stands_for, folded = inbox.take_batch()
    assert folded and inbox.tallying  # the flood began: from now on it is tallied
    assert stands_for == len(sizes)
    assert sum(event.count for event in batch) == len(sizes)
    _in_a_socket_thread(flood)
    assert not inbox.queue  # tallied, not queued
    batch, stands_for, folded = inbox.take_batch(0)
    assert [(event.count, event.size) for event in batch] == [(len(sizes), sum(sizes))]
    assert batch[0].at == last_reported[0]  # the last call stands for them
    assert folded and inbox.tallying

    _in_a_socket_thread(lambda: inbox.sink(_received(1, 5)))  # the flood is over
    batch, stands_for, folded = inbox.take_batch(0)
    assert [(event.count, event.size) for event in batch] == [(1, 5)]
    assert not folded and not inbox.tallying
    calls = KEPT_PER_BATCH + 1

    def a_few() -> None:
        for _ in range(calls):
            inbox.sink(_received(1, 5))

    _in_a_socket_thread(a_few)
    assert len(inbox.queue) == calls  # queued again: the next batch shows them one by one


def test_a_call_tallied_while_the_window_takes_that_tally_is_queued_instead() -> None:
    tally = FloodTally()
    queued: collections.deque[Event] = collections.deque()
    thread = threading.get_ident()
    _count(tally, thread, _received(1, 5), queued)
    tally._by_thread[thread].taking = True  # the window, in the middle of its swap
    _count(tally, thread, _received(1, 6), queued)
    assert [event.size for event in queued] == [6]
    assert tally.flush(thread) == []  # nor does the thread take it back meanwhile
    tally._by_thread[thread].taking = False
    assert [(count, size) for count, size, _ in tally.take()] == [(1, 5)]


def test_the_tally_of_a_thread_that_tallied_nothing_since_is_forgotten() -> None:
    tally = FloodTally()
    queued: collections.deque[Event] = collections.deque()
    thread = threading.get_ident()
    _count(tally, thread, _received(1, 5), queued)
    entry = tally._by_thread[thread]
    assert [(count, size) for count, size, _ in tally.take()] == [(1, 5)]
    assert tally.take() == []
    assert thread not in tally._by_thread  # an ended thread's entry does not stay
    _count(tally, thread, _received(1, 6), queued)  # the same thread again: a new entry
    assert tally._by_thread[thread] is not entry and not queued
    assert [(count, size) for count, size, _ in tally.take()] == [(1, 6)]


def test_a_close_is_never_shown_before_the_calls_that_came_before_it() -> None:
    """One thread for every connection (the select model): connection 1's calls, its
    close, then connection 2's calls, and the window takes the batch while the thread is
    in the middle of its next update. Connection 1's calls are in the batch, before its
    close; connection 2's are in the next batch."""
    inbox = EventInbox(lambda: True, lambda event: None)
    inbox.tallying = True  # a flood is on
    threads: list[int] = []

    def report() -> None:
        threads.append(threading.get_ident())
        for _ in range(3):
            inbox.sink(_received(1, 10))
        inbox.sink(make_event(EventKind.CLOSED, 1, "select loop", "close()"))
        for _ in range(2):
            inbox.sink(_received(2, 20))

    _in_a_socket_thread(report)
    inbox._tally._by_thread[threads[0]].busy = True  # as if in the middle of an update
    batch, _, _ = inbox.take_batch(0)
    batch.sort(key=lambda event: event.at)  # as the bridge shows it
    assert [(event.conn, event.kind, event.count, event.size) for event in batch] == [
        (1, EventKind.RECEIVED, 3, 30), (1, EventKind.CLOSED, 1, 0)]
    inbox._tally._by_thread[threads[0]].busy = False
    batch, _, _ = inbox.take_batch(0)
    assert [(event.conn, event.kind, event.count, event.size) for event in batch] == [
        (2, EventKind.RECEIVED, 2, 40)]


def test_a_tally_emptied_before_a_step_still_counts_as_a_flood() -> None:
    """A select loop empties its tally before each accept: the batch stands for every
    call, and the flood goes on being tallied."""
    inbox = EventInbox(lambda: True, lambda event: None)
    inbox.tallying = True

    def report() -> None:
        for _ in range(500):
            inbox.sink(_received(1, 3))
        inbox.sink(make_event(EventKind.ACCEPTED, 2, "select loop", "accept()"))

    _in_a_socket_thread(report)
    batch, stands_for, folded = inbox.take_batch(0)
    assert stands_for == 501 and folded and inbox.tallying
    assert sorted((event.kind.value, event.count) for event in batch) == [
        ("accepted", 1), ("received", 500)]


def test_a_flood_that_stopped_is_no_longer_tallied_once_a_batch_finds_nothing() -> None:
    inbox = EventInbox(lambda: True, lambda event: None)
    inbox.tallying = True
    assert inbox.take_batch(0) == ([], 0, False)  # a wake-up after the flood's last batch
    assert not inbox.tallying  # a person's next message shows as itself
