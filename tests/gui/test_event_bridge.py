"""The bridge from socket threads to the window: batches, in time order, idle when quiet."""

from __future__ import annotations

import threading

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
