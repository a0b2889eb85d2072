"""The bridge from socket threads to the window: batches, in time order, idle when quiet."""

from __future__ import annotations

import threading
import time

import shiboken6
from pytestqt.qtbot import QtBot

from gui.event_bridge import (DRAIN_INTERVAL_MS, FLOOD_DRAIN_INTERVAL_MS, KEPT_DATA_BYTES,
                              KEPT_PER_BATCH, SMALL_BATCH, EventBridge)
from netcore.events import EventKind, make_event


def test_events_from_another_thread_arrive_as_one_batch_in_time_order(qtbot: QtBot) -> None:
    bridge = EventBridge()
    later = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"reply")
    earlier = make_event(EventKind.SENT, 1, "conn-1 sender", "send()", data=b"ask",
                         at=later.at - 0.001)

    def report() -> None:  # as socket threads do: the reply is reported first
        bridge.sink(later)
        bridge.sink(earlier)

    with qtbot.waitSignal(bridge.eventsArrived, timeout=2000) as arrived:
        worker = threading.Thread(target=report)
        worker.start()
        worker.join(2)
    assert arrived.args[0] == [earlier, later]


def test_the_drain_timer_sleeps_while_nothing_happens(qtbot: QtBot) -> None:
    bridge = EventBridge()
    assert not bridge._timer.isActive()
    with qtbot.waitSignal(bridge.eventsArrived, timeout=2000):
        bridge.sink(make_event(EventKind.ACCEPTED, 1, "accept loop", "accept()"))
    qtbot.waitUntil(lambda: not bridge._timer.isActive(), timeout=2000)


def report_from_a_socket_thread(bridge: EventBridge, events: list) -> None:
    worker = threading.Thread(target=lambda: [bridge.sink(e) for e in events],
                              name="test socket thread")
    worker.start()
    worker.join(2)
    assert not worker.is_alive()


def test_a_reply_shows_at_once_but_a_flood_is_drained_once_per_interval(qtbot: QtBot) -> None:
    """The window's own send waits for what follows it; the reply (a small batch from a
    socket thread) shows with it at once, not at the next drain interval. After a large
    batch (a flood), the rest of the interval waits."""
    from PySide6.QtCore import QCoreApplication
    bridge = EventBridge(interval_ms=60_000)  # long enough that no test machine is slower
    batches: list[list] = []
    bridge.eventsArrived.connect(batches.append)

    def received(text: bytes) -> object:
        return make_event(EventKind.RECEIVED, 1, "client 1", "recv()", data=text)

    sent = make_event(EventKind.SENT, 1, "client 1", "send()", data=b"ping")
    bridge.sink(sent)  # from the GUI thread, as a window's send is
    QCoreApplication.processEvents()
    assert batches == [] and bridge._timer.isActive(), "shown an interval later at the latest"
    reply = received(b"pong")
    report_from_a_socket_thread(bridge, [reply])
    QCoreApplication.processEvents()  # delivers the one queued wake-up
    assert batches == [[sent, reply]], "shown together, at once"
    assert not bridge._timer.isActive()

    flood = [received(b"%d" % n) for n in range(SMALL_BATCH + 1)]
    report_from_a_socket_thread(bridge, flood)
    QCoreApplication.processEvents()
    flood_batch = batches[-1]
    assert flood_batch[:KEPT_PER_BATCH] == flood[:KEPT_PER_BATCH], "within the quick drains"
    after = received(b"after the flood")
    report_from_a_socket_thread(bridge, [after])
    QCoreApplication.processEvents()
    assert batches[-1] is flood_batch and bridge._timer.isActive(), "the rest of the interval waits"
    bridge._timer.timeout.emit()  # what the timer does when the interval is over
    assert not bridge._timer.isActive()
    assert batches[-1] == [after]


def test_a_flood_is_folded_per_connection_and_every_count_stays_exact(qtbot: QtBot) -> None:
    """Beyond the first few of a batch, one connection's recvs become one event that
    stands for all of them: the window's work per batch is bounded by the connections,
    not by the rate they report at, and no byte goes uncounted."""
    bridge = EventBridge()
    floods = {conn: [make_event(EventKind.RECEIVED, conn, f"thread conn-{conn}", "recv()",
                                data=b"x" * conn * 10) for _ in range(500)]
              for conn in (1, 2)}
    with qtbot.waitSignal(bridge.eventsArrived, timeout=2000) as arrived:
        report_from_a_socket_thread(bridge, floods[1] + floods[2])
    batch = arrived.args[0]
    assert len(batch) == 2 * (KEPT_PER_BATCH + 1)
    for conn, flood in floods.items():
        events = [e for e in batch if e.conn == conn]
        assert events[:KEPT_PER_BATCH] == flood[:KEPT_PER_BATCH]
        folded = events[-1]
        assert folded.count == len(flood) - KEPT_PER_BATCH
        assert sum(e.size for e in events) == sum(e.size for e in flood) == 500 * conn * 10
        assert folded.at == flood[-1].at, "it stands where the last of them happened"


def test_while_a_flood_is_folded_batches_come_further_apart(qtbot: QtBot) -> None:
    """A folded batch costs the window work per connection whatever the rate: during a
    flood, fewer of them; once it is over, the usual interval again."""
    from PySide6.QtCore import QCoreApplication
    bridge = EventBridge()
    batches: list[list] = []
    bridge.eventsArrived.connect(batches.append)
    flood = [make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"x")
             for _ in range(SMALL_BATCH * 4)]
    report_from_a_socket_thread(bridge, flood)
    QCoreApplication.processEvents()
    assert batches and batches[-1][-1].count > 1, "folded"
    report_from_a_socket_thread(bridge, flood[:1])
    QCoreApplication.processEvents()
    assert bridge._timer.remainingTime() > DRAIN_INTERVAL_MS, "the next batch waits longer"
    assert bridge._timer.remainingTime() <= FLOOD_DRAIN_INTERVAL_MS + 10  # a coarse timer
    qtbot.waitUntil(lambda: len(batches) == 2, timeout=2000)
    assert batches[-1][-1].count == 1, "nothing to fold: the flood is over"
    report_from_a_socket_thread(bridge, flood[:1])
    QCoreApplication.processEvents()
    assert not bridge._timer.isActive() or bridge._timer.remainingTime() <= DRAIN_INTERVAL_MS


def test_the_window_keeps_only_a_preview_of_each_events_data(qtbot: QtBot) -> None:
    """What waits for the window stays small, however big each recv() was."""
    bridge = EventBridge()
    big = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"y" * 65536)
    with qtbot.waitSignal(bridge.eventsArrived, timeout=2000) as arrived:
        report_from_a_socket_thread(bridge, [big])
    (shown,) = arrived.args[0]
    assert shown.data == b"y" * KEPT_DATA_BYTES and shown.size == 65536


def test_a_big_recv_is_queued_as_a_preview_before_the_window_takes_it() -> None:
    """What waits for the window is small from the moment it is reported: a window that
    falls behind a flood of 64 KiB recvs holds previews, not the recvs."""
    bridge = EventBridge()
    big = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"y" * 65536)
    report_from_a_socket_thread(bridge, [big])
    bridge.sink(big)  # the window's own send of a file's chunk, from the GUI thread
    for queued in bridge._inbox.queue:
        assert queued.data == b"y" * KEPT_DATA_BYTES and queued.size == 65536
    assert len(bridge._inbox.queue) == 2
    bridge._inbox.queue.clear()


def test_a_reporter_waits_while_the_window_has_the_most_it_may_queue(
        qtbot: QtBot, monkeypatch) -> None:
    """Even one thread alone (a select loop, never a crowd) waits for the window once
    MAX_PENDING events wait for it, and goes on when the window takes them: the window's
    memory stays bounded however far behind it falls, and no event is lost."""
    import gui.event_inbox
    monkeypatch.setattr(gui.event_inbox, "MAX_PENDING", 5)
    monkeypatch.setattr(gui.event_inbox, "_MAX_SINK_WAIT_SECONDS", 30.0)  # until taken
    bridge = EventBridge()
    batches: list[list] = []
    bridge.eventsArrived.connect(batches.append)
    lifecycle = [make_event(EventKind.ACCEPTED, conn, "select loop", "accept()")
                 for conn in range(1, 11)]  # never folded: each one counts
    reported: list[int] = []

    def report() -> None:
        for number, event in enumerate(lifecycle, 1):
            bridge.sink(event)
            reported.append(number)

    bridge.blockSignals(True)  # the window is behind: it takes nothing for now
    worker = threading.Thread(target=report, name="test select loop")
    worker.start()
    try:
        # The sixth event waits, the worker asleep on the condition the window's next
        # batch wakes.
        qtbot.waitUntil(lambda: bool(bridge._inbox._shown._waiters), timeout=2000)
        assert len(reported) == 5 and len(bridge._inbox.queue) == 6
        bridge.blockSignals(False)
        bridge.drain()  # the window catches up; the rest wake it as usual
        qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    finally:
        bridge.release_waiters()
        worker.join(5)
    qtbot.waitUntil(lambda: sum(len(b) for b in batches) == 10, timeout=2000)
    assert [e for b in batches for e in b] == lifecycle


def test_a_dropped_bridge_is_freed_at_once_not_by_the_cycle_collector(qtbot: QtBot) -> None:
    """The inbox calls the bridge back through a weak reference: a closed window and its
    bridge are freed when the last reference goes, not at the collector's next pass."""
    import gc
    import weakref
    gc.disable()
    try:
        bridge = EventBridge()
        bridge.sink(make_event(EventKind.ACCEPTED, 1, "accept loop", "accept()"))
        freed = weakref.ref(bridge)
        del bridge
        assert freed() is None
    finally:
        gc.enable()


def test_events_reported_at_the_same_time_keep_the_order_they_were_reported_in(
        qtbot: QtBot) -> None:
    """A clock that ticks coarsely gives several steps the same time: the window still
    shows accept before recv, recv before send, and close last."""
    steps = [EventKind.ACCEPTED, EventKind.RECEIVED, EventKind.SENT, EventKind.PEER_CLOSED,
             EventKind.CLOSED]
    at = make_event(EventKind.ACCEPTED, 1, "thread conn-1", "").at
    events = [make_event(kind, 1, "thread conn-1", kind.value, at=at) for kind in steps]
    bridge = EventBridge()
    with qtbot.waitSignal(bridge.eventsArrived, timeout=2000) as arrived:
        report_from_a_socket_thread(bridge, events)
    assert [event.kind for event in arrived.args[0]] == steps


def test_a_server_that_outlives_its_window_reports_into_nothing(qtbot: QtBot) -> None:
    """A server that did not stop in time keeps reporting after its window is gone: its
    events are dropped, not kept without end for a window that will never take them,
    and the reporting thread neither waits nor fails."""
    bridge = EventBridge()
    sink, inbox = bridge.sink, bridge._inbox
    bridge.deleteLater()  # the window closes: its Qt object goes, Python's may stay
    qtbot.waitUntil(lambda: not shiboken6.isValid(bridge), timeout=2000)
    flood = [make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"x")
             for _ in range(1000)]
    worker = threading.Thread(target=lambda: [sink(e) for e in flood], name="test late server")
    worker.start()
    worker.join(5)
    assert not worker.is_alive() and len(inbox.queue) == 0


def test_while_a_flood_goes_on_each_connection_is_one_line_per_kind_and_batch(
        qtbot: QtBot) -> None:
    """The first batch of a flood shows how it began; after it, each connection's recvs of
    a batch are one line that stands for all of them, counted exactly."""
    bridge = EventBridge()
    batches: list[list] = []
    bridge.eventsArrived.connect(batches.append)

    def flood(conn: int, count: int) -> list:
        return [make_event(EventKind.RECEIVED, conn, f"thread conn-{conn}", "recv()",
                           data=b"x" * conn) for _ in range(count)]

    report_from_a_socket_thread(bridge, flood(1, 50) + flood(2, 50))
    qtbot.waitUntil(lambda: len(batches) == 1, timeout=2000)
    assert len(batches[0]) == 2 * (KEPT_PER_BATCH + 1), "how it began, then the rest"
    report_from_a_socket_thread(bridge, flood(1, 30) + flood(2, 40) + flood(3, 1))
    qtbot.waitUntil(lambda: len(batches) == 2, timeout=2000)
    lines = {event.conn: event for event in batches[1]}
    assert len(batches[1]) == 3
    assert (lines[1].count, lines[1].size) == (30, 30)
    assert (lines[2].count, lines[2].size) == (40, 80)
    assert (lines[3].count, lines[3].size) == (1, 3), "a lone recv is itself"


def test_a_heartbeat_lets_the_longest_waiting_threads_go_on_a_few_at_a_time(
        qtbot: QtBot, monkeypatch) -> None:
    """Threads that found the window starved wait for its next heartbeat; a beat lets
    RELEASED_PER_BEAT of them go on, those that waited longest, and the next beat the
    rest. A hundred threads let go together kept the window, ready to run, waiting for
    the CPU behind them (bench/HISTORY.md, "2026-12-02, later")."""
    import gui.event_inbox
    from gui.event_inbox import RELEASED_PER_BEAT
    monkeypatch.setattr(gui.event_inbox, "_MAX_SINK_WAIT_SECONDS", 30.0)  # only beats end it
    bridge = EventBridge()
    inbox = bridge._inbox
    inbox.heartbeat_starts()
    late = inbox._last_beat + 1.0  # reported a second after the last beat: starved
    waiting = RELEASED_PER_BEAT + 3
    went_on: list[int] = []

    def wait_for_the_beat(number: int) -> None:
        inbox._wait(late)
        went_on.append(number)

    threads = []
    try:
        for number in range(waiting):
            thread = threading.Thread(target=wait_for_the_beat, args=(number,),
                                      name=f"test reporter {number}")
            thread.start()
            threads.append(thread)
            # One after another: the order they wait in is the order they go on in.
            qtbot.waitUntil(lambda: len(inbox._beat._waiters) == number + 1, timeout=2000)
        inbox.heartbeat()
        qtbot.waitUntil(lambda: len(went_on) == RELEASED_PER_BEAT, timeout=5000)
        assert len(inbox._beat._waiters) == waiting - RELEASED_PER_BEAT, "the rest still wait"
        assert sorted(went_on) == list(range(RELEASED_PER_BEAT)), "the longest waiting first"
        inbox.heartbeat()
        qtbot.waitUntil(lambda: len(went_on) == waiting, timeout=5000)
    finally:
        bridge.release_waiters()
        for thread in threads:
            thread.join(5)
    assert not any(thread.is_alive() for thread in threads)


def test_a_heartbeat_fallen_far_behind_is_told_once(qtbot: QtBot) -> None:
    """The window has a process-per-client server's children give way to it when a report
    comes GIVE_WAY_MS after its last heartbeat (gui/event_bridge.py's CHILDREN_CPU_SHARE),
    not sooner, and once."""
    from gui.event_inbox import STARVED_MS
    from gui.give_way import GIVE_WAY_MS
    bridge = EventBridge()
    inbox = bridge._inbox
    told: list[str] = []
    bridge.when_starved(lambda: told.append(threading.current_thread().name))
    inbox.heartbeat_starts()
    beat = inbox._last_beat

    def report(late_ms: float) -> None:
        bridge.sink(make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x",
                               at=beat + late_ms / 1000))

    def report_from_a_socket_thread(late_ms: float) -> None:
        thread = threading.Thread(target=report, args=(late_ms,), name="test reporter")
        thread.start()
        thread.join(5)
        assert not thread.is_alive()

    try:
        report_from_a_socket_thread((STARVED_MS + GIVE_WAY_MS) / 2)
        assert told == [], "starved a little: the children keep their priority"
        report_from_a_socket_thread(GIVE_WAY_MS + 10)
        assert told == ["test reporter"], "told from the thread that reported"
        report_from_a_socket_thread(GIVE_WAY_MS + 20)
        assert told == ["test reporter"], "once"
    finally:
        bridge.release_waiters()
        inbox.queue.clear()


def test_a_wake_up_the_window_has_not_taken_for_long_is_told_too(qtbot: QtBot) -> None:
    """A burst after a quiet spell: no heartbeat yet (it starts when the window takes the
    wake-up), and a window kept from running never starts it."""
    from gui.give_way import GIVE_WAY_MS
    bridge = EventBridge()
    inbox = bridge._inbox
    told: list[bool] = []
    bridge.when_starved(lambda: told.append(True))

    def report_from_a_socket_thread(late_ms: float) -> None:
        def report() -> None:
            at = (inbox.give_way.woken_at if inbox.awake else time.monotonic()) + late_ms / 1000
            bridge.sink(make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x", at=at))
        thread = threading.Thread(target=report, name="test reporter")
        thread.start()
        thread.join(5)
        assert not thread.is_alive()

    try:
        report_from_a_socket_thread(0)  # sends the wake-up, which this test never takes
        assert inbox.awake and not inbox.heartbeat_on
        report_from_a_socket_thread(GIVE_WAY_MS / 2)
        assert told == []
        report_from_a_socket_thread(GIVE_WAY_MS + 10)
        assert told == [True]
    finally:
        bridge.release_waiters()
        inbox.queue.clear()
