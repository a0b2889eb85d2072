"""The log keeps a bounded history with an exact count of what it dropped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.log_model import DETAILS, LINE_BYTES, PREVIEW_BYTES, WHAT, LogModel
from gui.log_view import LogView
from gui.repaint_limiter import show_everything_held
from netcore.events import EventKind, make_event


def _received(n: int) -> list:
    return [make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=f"{i}".encode())
            for i in range(n)]


def test_bounded_history_counts_every_dropped_line(qtbot: QtBot) -> None:
    model = LogModel(max_rows=100)
    view = LogView(model, "testLog")
    qtbot.addWidget(view)
    for _ in range(7):
        model.append(_received(40))
    assert model.rowCount() == 100
    assert model.dropped == 180
    assert model.index(99, DETAILS).data() == "39"  # the newest line is kept
    # Shown with the lines, a few times a second under a stream of them.
    qtbot.waitUntil(lambda: view.dropped_label.text().startswith("180 older lines dropped"),
                    timeout=2000)
    model.append(_received(250))  # a burst larger than the whole history
    assert model.rowCount() == 100 and model.dropped == 180 + 100 + 150
    assert model.index(0, DETAILS).data() == "150"


def test_the_count_of_dropped_lines_never_widens_the_window(qtbot: QtBot) -> None:
    """Under a flood the count grows by a digit now and then: the window beside the log
    (and the docks sharing its width) must not move each time."""
    model = LogModel(max_rows=10)
    view = LogView(model, "testLog")
    qtbot.addWidget(view)
    view.show()
    view.layout().activate()
    narrowest = view.minimumSizeHint().width()
    model.append(_received(100_000))
    qtbot.waitUntil(lambda: view.dropped_label.text().startswith("99,990 older lines dropped"),
                    timeout=2000)
    view.layout().activate()  # as the window's next layout would
    assert view.minimumSizeHint().width() == narrowest


def test_large_data_keeps_a_preview_and_the_exact_count() -> None:
    model = LogModel()
    model.append([make_event(EventKind.SENT, 1, "w", "send()", data=b"x" * 100_000)])
    assert model.index(0, 4).data() == "100,000"
    line = model.index(0, DETAILS).data()
    assert line == "x" * LINE_BYTES + f" … (+{100_000 - LINE_BYTES:,} more bytes)"
    tooltip = model.index(0, DETAILS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("(+99,488 more bytes)"), "the tooltip shows the whole preview"
    # Only the preview is kept, whoever appends: ten thousand such rows stay a few MB.
    assert len(model.rows[0].data) == PREVIEW_BYTES


def test_hiding_waiting_steps_keeps_data() -> None:
    model = LogModel()
    model.set_show_waits(False)
    model.append([make_event(EventKind.RECV_WAITING, 1, "w", "waiting in recv()"),
                  *_received(1)])
    assert [row.kind for row in model.rows] == [EventKind.RECEIVED]


def test_clearing_the_log_clears_the_dropped_count(qtbot: QtBot) -> None:
    model = LogModel(max_rows=10)
    view = LogView(model, "testLog")
    qtbot.addWidget(view)
    model.append(_received(25))
    assert view.dropped_label.text().startswith("15 older lines dropped")
    model.clear()
    assert model.rowCount() == 0 and model.dropped == 0
    assert view.dropped_label.text() == ""


def test_every_kind_of_event_has_a_label_in_the_log() -> None:
    """A new kind of event without a label would make the log view raise on every paint."""
    model = LogModel()
    model.append([make_event(kind, 1, "worker", "detail") for kind in EventKind])
    labels = [model.index(row, WHAT).data() for row in range(model.rowCount())]
    assert all(labels) and len(set(labels)) == len(EventKind)


def test_a_late_report_of_an_earlier_event_takes_its_place_in_time() -> None:
    """A reply reported in one batch and the send that caused it in the next still read
    send-then-reply: the log stays in time order."""
    model = LogModel()
    sent_at = 1000.0
    reply = make_event(EventKind.RECEIVED, 1, "client 1", "recv()", data=b"pong", at=sent_at + 0.001)
    later = make_event(EventKind.RECV_WAITING, 1, "client 1", "recv() …", at=sent_at + 0.002)
    model.append([reply, later])
    model.append([make_event(EventKind.SENT, 1, "client 1", "send()", data=b"ping", at=sent_at)])
    assert [row.kind for row in model.rows] == [EventKind.SENT, EventKind.RECEIVED,
                                                EventKind.RECV_WAITING]
    assert model.rowCount() == 3 and model.dropped == 0


def test_the_log_shows_new_lines_at_once_but_repaints_a_stream_a_few_times_a_second(
        qtbot: QtBot) -> None:
    model = LogModel()
    view = LogView(model, "testLog")
    qtbot.addWidget(view)
    view.show()
    model.append(_received(3))
    assert view.table.updatesEnabled(), "the first lines after a quiet spell show at once"
    model.append(_received(3))  # right after: part of a stream
    assert not view.table.updatesEnabled() and view.repaints.holding
    qtbot.waitUntil(lambda: view.table.updatesEnabled(), timeout=2000)
    bar = view.table.verticalScrollBar()
    assert bar.value() == bar.maximum(), "then it shows the newest lines"


def test_a_folded_flood_is_one_line_that_says_how_many_calls_and_bytes() -> None:
    model = LogModel()
    last = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()", data=b"last one")
    model.append([last._replace(count=4812, size=4_927_488)])
    assert model.index(0, WHAT).data() == "← received ×4,812"
    details = model.index(0, DETAILS).data()
    assert details.startswith("4,812 more recv() calls, 4,927,488 bytes")
    assert details.endswith("the last one's data: last one")
    waits = make_event(EventKind.RECV_WAITING, 1, "thread conn-1", "waiting in recv()")
    model.append([waits._replace(count=12)])
    assert model.index(1, WHAT).data() == "recv() … ×12"
    assert model.index(1, DETAILS).data().startswith("12 more times, too fast to list each one")


def test_a_held_log_is_painted_in_full_when_resized_or_pictured(qtbot: QtBot) -> None:
    """While a stream's repaint is held back, Qt would leave the table blank where it must
    paint it all: after a resize, and in a picture of the window."""
    model = LogModel()
    view = LogView(model, "testLog")
    qtbot.addWidget(view)
    view.show()
    model.append(_received(3))
    model.append(_received(3))  # a stream: held
    assert view.repaints.holding
    view.resize(view.width() + 40, view.height())
    assert view.table.updatesEnabled() and not view.repaints.holding
    model.append(_received(3))
    assert view.repaints.holding
    show_everything_held()  # what taking a picture of a window does first
    assert view.table.updatesEnabled() and not view.repaints.holding
