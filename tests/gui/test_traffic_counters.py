"""Byte and call counters on each side (a client window, the server's every connection),
exact under a folded flood, and a Reset that counts from zero again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from gui.main_window import MainWindow
from gui.traffic_counters import TrafficCounters
from netcore.events import EventKind, make_event
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)


def counted(received: int, recvs: int, sent: int, sends: int) -> str:
    return f"received {received:,} B in {recvs:,} recv() · sent {sent:,} B in {sends:,} send()"


def test_each_side_counts_bytes_and_calls_and_reset_starts_again(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    for text in ("hello", "world"):  # 6 bytes each, with the line ending
        send_from(client, text)
        qtbot.waitUntil(lambda: received_text(client).endswith(f"{text}\n".encode()),
                        timeout=SIGNAL_TIMEOUT_MS)
    client_line, server_line = client.counters.label, main_window.counters.label
    qtbot.waitUntil(lambda: client_line.text() == counted(12, 2, 12, 2), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: server_line.text() == counted(12, 2, 12, 2), timeout=SIGNAL_TIMEOUT_MS)

    client.counters.reset_button.click()
    assert client_line.text() == counted(0, 0, 0, 0)
    assert server_line.text() == counted(12, 2, 12, 2)  # each side resets its own
    send_from(client, "again")
    qtbot.waitUntil(lambda: client_line.text() == counted(6, 1, 6, 1), timeout=SIGNAL_TIMEOUT_MS)
    assert client.controller.bytes_in == 18  # the connection's own total is not reset


def test_a_folded_flood_is_counted_exactly(qtbot: QtBot) -> None:
    counters = TrafficCounters("test")
    qtbot.addWidget(counters)
    flood = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()")._replace(
        count=4_812, size=4_812 * 1024)
    counters.count([flood, make_event(EventKind.SENT, 1, "thread conn-1", "send()",
                                      data=b"x" * 10)])
    qtbot.waitUntil(lambda: counters.label.text() == counted(4_812 * 1024, 4_812, 10, 1),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_the_first_count_shows_at_once(qtbot: QtBot) -> None:
    """A window made a moment ago shows its first bytes without waiting for a refresh."""
    counters = TrafficCounters("test")
    qtbot.addWidget(counters)
    counters.count([make_event(EventKind.SENT, 1, "client 1", "send()", data=b"x" * 5)])
    assert counters.label.text() == counted(0, 0, 5, 1)


def test_a_new_connection_and_a_new_server_count_from_zero(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hello")
    client_line, server_line = client.counters.label, main_window.counters.label
    qtbot.waitUntil(lambda: client_line.text() == counted(6, 1, 6, 1), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: server_line.text() == counted(6, 1, 6, 1), timeout=SIGNAL_TIMEOUT_MS)
    client.disconnect_button.click()
    qtbot.waitUntil(lambda: not client.controller.busy, timeout=SIGNAL_TIMEOUT_MS)
    with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    assert client_line.text() == counted(0, 0, 0, 0)  # this connection has sent nothing yet
    with qtbot.waitSignal(main_window.server.stopped, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_button.click()
    assert server_line.text() == counted(6, 1, 6, 1)  # a stopped server's counts stay
    start_server(qtbot, main_window)
    assert server_line.text() == counted(0, 0, 0, 0)


class _Events(QObject):
    """Counts the events of one type a widget receives."""

    def __init__(self, widget: QWidget, event_type: QEvent.Type) -> None:
        super().__init__(widget)
        self.count = 0
        self._type = event_type
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self._type:
            self.count += 1
        return False


def test_counts_going_by_repaint_their_line_and_leave_the_window_be(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """A flood's counts change four times a second: only their line is drawn again. A
    QLabel there laid the whole window out at each count (and, in a window whose docks a
    person arranged, repainted all of it)."""
    start_server(qtbot, main_window)
    qtbot.waitExposed(main_window)
    counters = main_window.counters
    one_call = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()")._replace(size=1024)
    counters.count([one_call._replace(count=1_000_000, size=1024 * 1_000_000)])
    qtbot.waitUntil(lambda: "1,000,000 recv()" in counters.label.text(),
                    timeout=SIGNAL_TIMEOUT_MS)
    width = main_window.width()
    QApplication.sendPostedEvents()  # the first count's own layout is done with
    # A new layout starts where the line is: a QLabel's setText() asks its parent for one.
    layouts = _Events(counters, QEvent.Type.LayoutRequest)
    line_paints = _Events(counters.label, QEvent.Type.Paint)
    for calls in range(1_000_001, 1_000_005):  # as long as the count before
        counters.count([one_call])
        expected = counted(1024 * calls, calls, 0, 0)
        qtbot.waitUntil(lambda: counters.label.text() == expected, timeout=SIGNAL_TIMEOUT_MS)
        shown = calls - 1_000_000
        qtbot.waitUntil(lambda: line_paints.count >= shown, timeout=SIGNAL_TIMEOUT_MS)
    assert layouts.count == 0
    assert main_window.width() == width


def test_a_count_too_long_for_the_window_wraps_and_never_widens_it(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    qtbot.waitExposed(main_window)
    width = main_window.width()
    huge = make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()")._replace(
        count=4_812_345_678, size=4_927_841_280_123)
    main_window.counters.count([huge, huge._replace(kind=EventKind.SENT)])
    line = main_window.counters.label
    qtbot.waitUntil(lambda: "4,812,345,678 send()" in line.text(), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: line.height() >= line.heightForWidth(line.width()),
                    timeout=SIGNAL_TIMEOUT_MS)  # every line of it in view
    assert line.heightForWidth(line.width()) > line.fontMetrics().lineSpacing()  # two lines
    assert main_window.width() == width


def test_a_larger_text_size_makes_the_line_ask_for_room_again(qtbot: QtBot) -> None:
    counters = TrafficCounters("test")
    qtbot.addWidget(counters)
    counters.count([make_event(EventKind.SENT, 1, "client 1", "send()", data=b"x" * 5)])
    line = counters.label
    before = line.sizeHint()
    font = line.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    line.setFont(font)  # View > Text size does this to every widget
    after = line.sizeHint()
    assert after.width() > before.width() * 1.5 and after.height() > before.height() * 1.5
    assert after.width() >= line.fontMetrics().horizontalAdvance(line.text())
