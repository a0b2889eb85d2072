"""Live pictures refresh at most a few times a second, and not while they are off the
screen: a dock tabbed behind another draws nothing, and is complete once its tab is chosen."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPathItem, QWidget
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.refresh_throttle import RefreshThrottle, on_screen
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)

INTERVAL_MS = 200


def test_a_stream_of_requests_refreshes_at_once_then_once_per_interval(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    refreshes: list[int] = []
    throttle = RefreshThrottle(widget, lambda: refreshes.append(1), INTERVAL_MS)
    throttle.request()
    assert len(refreshes) == 1, "the first change after a quiet spell shows at once"
    for _ in range(50):
        throttle.request()
    assert len(refreshes) == 1 and throttle.holding, "the rest wait for the interval"
    qtbot.waitUntil(lambda: len(refreshes) == 2, timeout=SIGNAL_TIMEOUT_MS)
    assert not throttle.holding


def test_a_hidden_widget_is_refreshed_once_it_is_seen(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    refreshes: list[int] = []
    throttle = RefreshThrottle(widget, lambda: refreshes.append(1), INTERVAL_MS)
    for _ in range(20):
        throttle.request()
    assert refreshes == [] and throttle.holding
    widget.show()
    throttle.seen(True)
    assert refreshes == [1]


def _arrow_lines(window: MainWindow) -> int:
    chart = window.docks.conversation_pane.chart
    return sum(isinstance(item, QGraphicsPathItem) for item in chart.scene().items())


def test_the_conversation_behind_its_tab_draws_nothing_until_its_tab_is_chosen(
        qtbot: QtBot, main_window: MainWindow) -> None:
    docks = main_window.docks
    docks.call_flow_dock.raise_()
    qtbot.waitUntil(lambda: not on_screen(docks.conversation_pane.chart),
                    timeout=SIGNAL_TIMEOUT_MS)
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    pane = docks.conversation_pane
    qtbot.waitUntil(lambda: len(pane.conversation.arrows) >= 5, timeout=SIGNAL_TIMEOUT_MS)
    assert _arrow_lines(main_window) == 0, "nobody can see it: nothing is drawn"

    docks.conversation_dock.raise_()
    # Tall enough to show all five arrows at once (the dock starts lower than that).
    main_window.resize(1100, 1300)
    main_window.resizeDocks([docks.conversation_dock], [600], Qt.Orientation.Vertical)
    # Three handshake arrows, the request and its echo; and a line per lane.
    qtbot.waitUntil(lambda: _arrow_lines(main_window) >= len(pane.conversation.arrows),
                    timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: pane.chart.viewport().height() >= 300, timeout=SIGNAL_TIMEOUT_MS)
    pane.chart.verticalScrollBar().setValue(0)
    picture = pane.chart.grab().toImage()
    colours = [picture.pixelColor(x, y) for x in range(picture.width())
               for y in range(picture.height())]
    # The request is drawn in blue (client to server), its echo in green.
    assert any(c.blue() > c.red() + 80 and c.blue() > c.green() + 40 for c in colours)
    assert any(c.green() > c.red() + 50 and c.green() > c.blue() + 30 for c in colours)


def test_the_chart_painted_before_its_held_refresh_shows_the_lanes_it_has_drawn(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """A lane that came after the last refresh has no place yet: a paint meanwhile (a
    scroll, a picture) titles the lanes already drawn, and the new one comes with the
    refresh."""
    docks = main_window.docks
    docks.conversation_dock.raise_()
    pane = docks.conversation_pane
    qtbot.waitUntil(lambda: on_screen(pane.chart), timeout=SIGNAL_TIMEOUT_MS)
    start_server(qtbot, main_window, ServerModel.THREAD)
    open_connected_client(qtbot, main_window)
    pane.apply_now()
    drawn = len(pane.conversation.lanes)
    # As if it had just refreshed: the next one is held for a minute.
    pane.chart.refreshes._last_refresh = time.monotonic() + 60
    second = open_connected_client(qtbot, main_window)
    send_from(second, "hi")
    qtbot.waitUntil(lambda: len(pane.conversation.lanes) > drawn, timeout=SIGNAL_TIMEOUT_MS)
    assert pane.chart.refreshes.holding
    pane.chart.viewport().repaint()  # an exception in the paint fails the test (pytest-qt)
    pane.chart.refreshes._last_refresh = 0.0
    pane.apply_now()
    assert not pane.chart.refreshes.holding
