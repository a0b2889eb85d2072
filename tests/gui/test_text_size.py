"""Larger text for a projector: View > Larger text grows every table's text and rows."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow


def action(window: MainWindow, text: str):
    return next(a for a in window.menuBar().actions()[1].menu().actions() if a.text() == text)


def test_larger_text_grows_the_fonts_and_the_rows(qtbot: QtBot, main_window: MainWindow) -> None:
    start_points = QApplication.font().pointSizeF()
    log = main_window.log_view.table
    start_row = log.verticalHeader().defaultSectionSize()
    try:
        action(main_window, "&Larger text").trigger()
        action(main_window, "&Larger text").trigger()  # (taken once the first is in)
        qtbot.waitUntil(lambda: not main_window.menus.text_room.busy, timeout=2000)
        assert QApplication.font().pointSizeF() > start_points * 1.4
        qtbot.waitUntil(lambda: log.verticalHeader().defaultSectionSize() > start_row * 1.2,
                        timeout=2000)
        kernel_rows = main_window.kernel_pane.table.verticalHeader().defaultSectionSize()
        assert kernel_rows == log.verticalHeader().defaultSectionSize()
        action(main_window, "&Normal text size").trigger()
        assert QApplication.font().pointSizeF() == start_points
        qtbot.waitUntil(lambda: log.verticalHeader().defaultSectionSize() == start_row,
                        timeout=2000)
    finally:
        main_window.text_size.normal()


def test_larger_text_enlarges_the_conversation_chart_with_its_zoom(
        qtbot: QtBot, main_window: MainWindow) -> None:
    from netcore.events import EventKind, make_event
    main_window.docks.conversation_dock.raise_()
    pane = main_window.docks.conversation_pane
    pane.conversation.note_server_port(9)
    pane.take_server_events([make_event(EventKind.ACCEPTED, 1, "accept loop",
                                        peer="127.0.0.1:5000"),
                             make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x")])
    pane.apply_now()
    chart = pane.chart

    def lane_gap() -> float:  # pixels on the screen between the first two lanes
        first, second = (chart.mapFromScene(chart.lane_x(lane.index), 0).x()
                         for lane in pane.conversation.lanes[:2])
        return abs(second - first)

    normal = lane_gap()
    try:
        action(main_window, "&Larger text").trigger()
        action(main_window, "&Larger text").trigger()
        qtbot.waitUntil(lambda: lane_gap() > normal * 1.4, timeout=2000)
        larger = lane_gap()
        pane.zoom_in_button.click()  # the person's zoom on top of the text size
        assert lane_gap() > larger * 1.2
    finally:
        main_window.text_size.normal()
    qtbot.waitUntil(lambda: lane_gap() < larger, timeout=2000)
