"""After Send, a client window holds its repaint until the reply is in, one frame at most
(gui/repaint_hold.py): the send and its reply are painted together, and nothing, not even
sends faster than frames, holds the window still for longer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.repaint_hold import RepaintHold
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)


class PaintCounter(QObject):
    """Counts a window's paints, and how many came while its hold was on."""

    def __init__(self, window: QWidget, hold: RepaintHold) -> None:
        super().__init__(window)
        self.paints = 0
        self.paints_while_held = 0
        self._hold = hold
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            self.paints_while_held += self._hold.held
        return False


def window_with_label(qtbot: QtBot) -> tuple[QWidget, QLabel, RepaintHold, PaintCounter]:
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("before", window)
    hold = RepaintHold(window)
    counter = PaintCounter(window, hold)
    window.show()
    qtbot.waitUntil(lambda: counter.paints >= 1, timeout=SIGNAL_TIMEOUT_MS)  # shown
    counter.paints = 0
    return window, label, hold, counter


def test_a_change_while_held_is_painted_when_the_hold_ends_by_itself(qtbot: QtBot) -> None:
    window, label, hold, counter = window_with_label(qtbot)
    hold.hold()
    label.setText("after")  # asks for a repaint
    assert hold.held
    qtbot.waitUntil(lambda: not hold.held, timeout=SIGNAL_TIMEOUT_MS)  # a frame, no reply
    qtbot.waitUntil(lambda: counter.paints >= 1, timeout=SIGNAL_TIMEOUT_MS)
    assert counter.paints_while_held == 0


def test_sends_faster_than_frames_do_not_hold_the_window_still(qtbot: QtBot) -> None:
    window, label, hold, counter = window_with_label(qtbot)
    changes = [0]

    def send_again() -> None:  # what a 1 ms auto-repeat does: a hold and a change each time
        hold.hold()
        changes[0] += 1
        label.setText(f"sent {changes[0]}")

    repeat = QTimer()
    repeat.timeout.connect(send_again)
    repeat.start(1)
    try:
        qtbot.waitUntil(lambda: counter.paints >= 3, timeout=SIGNAL_TIMEOUT_MS)
    finally:
        repeat.stop()
    assert counter.paints_while_held == 0


def test_the_reply_is_painted_and_the_hold_is_over_once_it_is_in(qtbot: QtBot,
                                                               main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    counter = PaintCounter(client, client.repaint_hold)
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    paints_before_reply = counter.paints
    assert not client.repaint_hold.held  # released by the reply's batch, if not earlier
    qtbot.waitUntil(lambda: counter.paints > paints_before_reply, timeout=SIGNAL_TIMEOUT_MS)
    assert counter.paints_while_held == 0
