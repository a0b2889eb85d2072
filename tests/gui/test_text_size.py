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
        action(main_window, "&Larger text").trigger()
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
