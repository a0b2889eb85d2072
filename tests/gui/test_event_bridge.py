"""The bridge from socket threads to the window: batches, in time order, idle when quiet."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from gui.event_bridge import EventBridge
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


def test_the_first_event_after_a_quiet_spell_is_shown_at_once(qtbot: QtBot) -> None:
    """A reply a person waits for must not wait for the next drain interval; events right
    after it are batched for the rest of the interval."""
    from PySide6.QtCore import QCoreApplication
    bridge = EventBridge(interval_ms=60_000)  # long enough that no test machine is slower
    batches: list[list] = []
    bridge.eventsArrived.connect(batches.append)
    first = make_event(EventKind.RECEIVED, 1, "client 1", "recv()", data=b"reply")
    bridge.sink(first)
    QCoreApplication.processEvents()  # delivers the one queued wake-up, nothing more
    assert batches == [[first]]
    assert not bridge._timer.isActive()

    second = make_event(EventKind.RECEIVED, 1, "client 1", "recv()", data=b"more")
    third = make_event(EventKind.RECEIVED, 1, "client 1", "recv()", data=b"and more")
    bridge.sink(second)
    QCoreApplication.processEvents()
    bridge.sink(third)
    assert batches == [[first]] and bridge._timer.isActive(), "the rest of the interval waits"
    bridge.drain()  # what the timer does when the interval is over
    assert not bridge._timer.isActive()
    assert batches == [[first], [second, third]]
