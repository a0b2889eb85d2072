"""Checks that need a screen larger than the main window: run by
tests/gui/test_main_window_geometry.py in a pytest of their own, on a large offscreen
screen (this file's name keeps pytest from collecting it with the rest of the suite)."""

from __future__ import annotations


import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from tests.gui.conftest import SIGNAL_TIMEOUT_MS
from tests.gui.test_settings import start_again

SCREEN_WIDTH, SCREEN_HEIGHT = 1920, 1200
# Size and place of the window as a person left it: unlike the default, and on screen.
LEFT_SIZE = (1300, 900)
LEFT_PLACE = (150, 70)
FLOATING_DEMOS = QRect(1450, 250, 420, 640)
# Showing a floating dock asks the platform to raise it; the offscreen one cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture(autouse=True)
def large_screen() -> None:
    screen = QApplication.primaryScreen().geometry()
    assert (screen.width(), screen.height()) == (SCREEN_WIDTH, SCREEN_HEIGHT), (
        "run through tests/gui/test_main_window_geometry.py, which gives Qt a large screen")


def start(qtbot: QtBot, next_start: list[MainWindow]) -> MainWindow:
    window = start_again(qtbot, next_start)  # as the app makes one at each start
    qtbot.waitExposed(window)
    settle()
    return window


def settle() -> None:
    """Let the main window lay out its docks: it does so on an event it posts itself
    (each change of a dock's place, and the first show)."""
    QApplication.sendPostedEvents()


def test_size_place_and_moved_docks_come_back(qtbot: QtBot, next_start: list[MainWindow]) -> None:
    first = start(qtbot, next_start)
    assert first.size().toTuple() != LEFT_SIZE and first.pos().toTuple() != LEFT_PLACE
    first.resize(*LEFT_SIZE)
    first.move(*LEFT_PLACE)
    # What dragging a dock does: the kernel's view out of the diagrams' tabs to the left
    # side, and the demos out of the window, floating where the person put them.
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.kernel_dock)
    demos = first.docks.demo_dock
    demos.setFloating(True)
    demos.setGeometry(FLOATING_DEMOS)
    qtbot.waitUntil(lambda: first.kernel_dock.isVisible() and demos.geometry() == FLOATING_DEMOS,
                    timeout=SIGNAL_TIMEOUT_MS)
    settle()
    left_size = first.size().toTuple()  # the left dock may have widened the window
    kernel_width = first.kernel_dock.width()
    first.close()

    again = start(qtbot, next_start)
    assert again.pos().toTuple() == LEFT_PLACE
    assert again.size().toTuple() == left_size
    assert again.dockWidgetArea(again.kernel_dock) is Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.kernel_dock.isVisible() and again.kernel_dock.width() == kernel_width
    assert not again.tabifiedDockWidgets(again.kernel_dock)  # out of the diagrams' tabs
    assert again.docks.demo_dock.isFloating()
    assert again.docks.demo_dock.geometry() == FLOATING_DEMOS


def test_a_maximized_window_comes_back_maximized_and_restores_to_its_size(
        qtbot: QtBot, next_start: list[MainWindow]) -> None:
    first = start(qtbot, next_start)
    first.resize(*LEFT_SIZE)
    first.move(*LEFT_PLACE)
    qtbot.waitUntil(lambda: first.size().toTuple() == LEFT_SIZE, timeout=SIGNAL_TIMEOUT_MS)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized, timeout=SIGNAL_TIMEOUT_MS)
    first.close()

    again = start(qtbot, next_start)
    assert again.isMaximized()
    # The screen's whole size comes from the platform once the window is shown.
    qtbot.waitUntil(lambda: again.width() > LEFT_SIZE[0] and again.height() > LEFT_SIZE[1],
                    timeout=SIGNAL_TIMEOUT_MS)
    maximized_width = again.width()
    again.showNormal()  # the title bar's Restore button
    qtbot.waitUntil(lambda: not again.isMaximized() and again.width() < maximized_width,
                    timeout=SIGNAL_TIMEOUT_MS)
    assert again.size().toTuple() == LEFT_SIZE
    assert again.pos().toTuple() == LEFT_PLACE
