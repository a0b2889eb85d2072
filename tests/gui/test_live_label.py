"""The server's state line holds its height while the server runs: the connections table
and the log below it stay where they are as clients come and go."""

from __future__ import annotations

import socket

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from gui.live_label import LiveLabel
from gui.main_window import MainWindow
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server

SHORT = "Listening on 127.0.0.1:5000 (3 clients connected)."
LONG = "Listening on 127.0.0.1:5000, waiting in accept() for a client (3 clients connected)."


def _label_between(qtbot: QtBot, short: str, long: str) -> LiveLabel:
    """A label as wide as the short sentence and a bit: the long one takes two lines."""
    label = LiveLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    width = metrics.horizontalAdvance(short) + metrics.averageCharWidth() * 4
    assert metrics.horizontalAdvance(long) > width
    label.resize(width, metrics.height())
    return label


def _unheld_height(qtbot: QtBot, like: LiveLabel, text: str, width: int) -> int:
    """The height a label that holds nothing gives `text` at `width`, in `like`'s font."""
    twin = LiveLabel()
    qtbot.addWidget(twin)
    twin.setFont(like.font())
    twin.setText(text)
    return twin.heightForWidth(width)


def test_a_held_label_keeps_the_height_of_its_longest_text(qtbot: QtBot) -> None:
    label = _label_between(qtbot, SHORT, LONG)
    width = label.width()
    label.setText(SHORT)
    one_line = label.heightForWidth(width)
    label.hold_height()
    label.setText(LONG)
    two_lines = label.heightForWidth(width)
    assert two_lines > one_line
    label.setText(SHORT)
    assert label.heightForWidth(width) == two_lines  # held: nothing below it moves
    assert label.heightForWidth(width * 3) == one_line  # a layout trying a wider one
    label.fit_height()
    assert label.heightForWidth(width) == one_line  # let go: it fits its text again


def test_a_held_label_flows_again_when_its_width_changes(qtbot: QtBot) -> None:
    label = _label_between(qtbot, SHORT, LONG)
    label.hold_height()
    label.setText(LONG)
    label.setText(SHORT)
    wider = label.fontMetrics().horizontalAdvance(LONG) * 2
    label.resize(wider, label.height())  # the person made the window wider
    one_line = label.heightForWidth(wider)
    assert one_line == _unheld_height(qtbot, label, SHORT, wider)
    label.setText(LONG)  # fits on one line at this width too
    assert label.heightForWidth(wider) == one_line


def test_a_hold_starts_from_the_next_text_not_the_one_before(qtbot: QtBot) -> None:
    """The server says it listens before its state line says so: a long "Stopped ..."
    sentence there must not keep the running server's line tall."""
    label = _label_between(qtbot, SHORT, LONG)
    width = label.width()
    label.setText(LONG)
    two_lines = label.heightForWidth(width)
    label.hold_height()
    label.setText(SHORT)
    one_line = label.heightForWidth(width)
    assert one_line < two_lines
    label.setText(LONG)
    label.setText(SHORT)
    assert label.heightForWidth(width) == two_lines  # held from SHORT on


def test_a_smaller_text_size_lets_a_held_label_shrink(qtbot: QtBot) -> None:
    label = _label_between(qtbot, SHORT, LONG)
    width = label.width()
    label.hold_height()
    label.setText(LONG)
    label.setText(SHORT)
    held = label.heightForWidth(width)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() / 2)
    label.setFont(font)  # View > Text size does this to every widget
    assert label.heightForWidth(width) == _unheld_height(qtbot, label, SHORT, width) < held


def _top_of(widget: QWidget, window: MainWindow) -> int:
    QApplication.sendPostedEvents()  # the layout a new text asked for
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_the_table_stays_put_as_the_state_line_changes_while_the_server_runs(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    qtbot.waitExposed(main_window)
    state = main_window.state_label
    table = main_window.findChild(QTableView, "connectionsTable")
    port = main_window.server.address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        qtbot.waitUntil(lambda: "(1 client connected)" in state.text(),
                        timeout=SIGNAL_TIMEOUT_MS)
        # The window's first layout (its narrowest): the sentence with the client takes
        # two lines, the one without it one.
        metrics = state.fontMetrics()
        alone = f"Listening on 127.0.0.1:{port}, waiting in accept() for a client."
        assert metrics.horizontalAdvance(alone) <= state.width()  # (PySide6 6.12: equal)
        assert metrics.horizontalAdvance(state.text()) > state.width()
        qtbot.waitUntil(lambda: state.height() > metrics.lineSpacing() * 1.5,
                        timeout=SIGNAL_TIMEOUT_MS)  # the sentence with the client: two lines
        table_top = _top_of(table, main_window)
    qtbot.waitUntil(lambda: state.text() == alone, timeout=SIGNAL_TIMEOUT_MS)
    assert _top_of(table, main_window) == table_top  # one line now, the same height
    main_window.stop_button.click()
    qtbot.waitUntil(lambda: main_window.server.address is None, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: _top_of(table, main_window) < table_top,
                    timeout=SIGNAL_TIMEOUT_MS)  # stopped: the line fits its text again


def test_a_label_given_the_width_it_asks_for_shows_its_text_on_one_line(
        qtbot: QtBot) -> None:
    """The counters' line, a row with room to spare: at the width it asked for, a count
    must not wrap its last word ("send()") to a line of its own."""
    label = LiveLabel()
    qtbot.addWidget(label)
    one_line = label.heightForWidth(10_000)
    wrapped = []
    for step in range(1, 200):  # counts of every length, digits of every width
        bytes_count, calls = 7_777_777 * step ** 3, 1_111 * step
        label.setText(f"received {bytes_count:,} B in {calls:,} recv() · "
                      f"sent {bytes_count:,} B in {calls:,} send()")
        if label.heightForWidth(label.sizeHint().width()) > one_line:
            wrapped.append(label.text())
    assert wrapped == []
