"""Checks of the main window's first layout on a screen of a given size: run by
tests/gui/test_first_layout.py in a pytest of its own per screen, the size given to Qt's
offscreen plugin (this file's name keeps pytest from collecting it with the rest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from gui.diagram_view import DESIGN_TEXT_UNITS, DiagramView, ZoomableDiagram
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from gui.tcp_state_diagram import (LABEL_TEXT_SIZE, SMALLEST_READABLE_PIXELS,
                                    STATE_TEXT_SIZE)
from tests.gui.conftest import SIGNAL_TIMEOUT_MS
from tests.gui.test_demos import NARRATION_LINES, narration_lines_seen, run_demo
from tests.gui.test_settings import start_again

# A screen this tall has room for the demos below the diagrams (a 1920 x 1080 projector,
# less its task bar); a 1366 x 768 laptop's has not.
TALL_ENOUGH_FOR_DEMOS = 1000
# The call flow's smallest words (13/17 of its main text) at 9 px: about the smallest held
# readable on a laptop (gui/first_layout.py); the state machine's transition labels (13
# units of its 17) drawn, not left to their tooltips.
READABLE_MAIN_TEXT = {"callFlowDock": 9 * 17 / 13,
                      "kernelDock": SMALLEST_READABLE_PIXELS * STATE_TEXT_SIZE / LABEL_TEXT_SIZE}
# A screen narrower than a 1366 x 768 laptop's (1024 x 768) has no room for the call flow
# at its own size: it is shown whole, smaller.
ROOMY_WIDTH = 1366


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window as it first starts (no settings), laid out on the screen."""
    windows: list[MainWindow] = []
    started = start_again(qtbot, windows)
    qtbot.waitExposed(started)
    QApplication.sendPostedEvents()  # the docks are laid out on an event of the window's
    yield started
    for made in windows:
        made.close()


def whole_picture_in_view(diagram: ZoomableDiagram, view: DiagramView) -> bool:
    seen = diagram.visibleRegion().boundingRect()
    return (seen.contains(diagram.to_widget(diagram.drawing))
            and not view.horizontalScrollBar().isVisible()
            and not view.verticalScrollBar().isVisible())


def in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def main_text_pixels(diagram: ZoomableDiagram) -> float:
    """How high the diagram's main text (the calls' names) is drawn, in pixels."""
    return DESIGN_TEXT_UNITS * diagram.scale()


def test_the_window_fits_the_screen_and_shows_the_whole_call_flow_readable(
        qtbot: QtBot, window: MainWindow) -> None:
    free = window.screen().availableGeometry()
    assert free.contains(window.frameGeometry()), (free, window.frameGeometry())
    assert window.width() >= free.width() * 0.9 and window.height() >= free.height() * 0.85, \
        "it uses the screen"
    pane = window.call_flow_pane
    diagram, view = pane.diagram, pane.view
    assert on_screen(diagram)
    assert whole_picture_in_view(diagram, view), (view.viewport().size(), diagram.drawn_size())
    # Its calls' names as large as the app's own text: its smallest words (13 of 17) are
    # then about 9 px at the usual 12 px.
    if free.width() >= ROOMY_WIDTH:
        assert main_text_pixels(diagram) >= diagram.text_pixels() - 0.01
    # Still whole with a call's explanation below it (its signature and two lines).
    pane.show_step("server", "accept()")
    QApplication.sendPostedEvents()
    qtbot.waitUntil(lambda: whole_picture_in_view(diagram, view), timeout=SIGNAL_TIMEOUT_MS)


def test_fit_to_pane_makes_the_call_flow_as_large_as_its_pane_allows(
        qtbot: QtBot, window: MainWindow) -> None:
    diagram, view = window.call_flow_pane.diagram, window.call_flow_pane.view
    before = main_text_pixels(diagram)
    window.findChild(QPushButton, "callFlowFit").click()
    qtbot.waitUntil(lambda: whole_picture_in_view(diagram, view), timeout=SIGNAL_TIMEOUT_MS)
    assert main_text_pixels(diagram) >= before  # there was room to spare, or none
    room, drawn = view.viewport().size(), diagram.drawn_size()
    assert drawn.width() >= room.width() - 2 or drawn.height() >= room.height() - 2


def test_the_demos_are_beside_the_diagrams_or_come_out_for_a_demo(
        qtbot: QtBot, window: MainWindow) -> None:
    from gui.first_layout import bring_out_demos, put_back_demos
    docks = window.docks
    tall = window.screen().availableGeometry().height() >= TALL_ENOUGH_FOR_DEMOS
    if tall:
        assert on_screen(docks.demo_pane.demo_list) and on_screen(docks.demo_pane.narration)
    else:
        # A tab beside the diagrams: the call flow keeps the room it needs.
        assert docks.demo_dock in window.tabifiedDockWidgets(docks.call_flow_dock)
        bring_out_demos(window, docks)  # as a demo does when it shows a diagram
        qtbot.waitUntil(lambda: on_screen(docks.demo_pane.narration), timeout=SIGNAL_TIMEOUT_MS)
    assert on_screen(window.call_flow_pane.diagram)
    assert not in_window(window.call_flow_pane).intersects(in_window(docks.demo_pane))
    put_back_demos(window, docks)  # as the demo's end does
    qtbot.waitUntil(lambda: on_screen(window.log_view.table), timeout=SIGNAL_TIMEOUT_MS)
    assert on_screen(window.connections_table)
    assert tall or docks.demo_dock in window.tabifiedDockWidgets(docks.call_flow_dock)

def test_after_a_demo_its_narration_and_diagrams_are_readable(
        qtbot: QtBot, window: MainWindow) -> None:
    run_demo(qtbot, window, "one-at-a-time")
    QApplication.sendPostedEvents()
    assert narration_lines_seen(window) >= NARRATION_LINES, narration_lines_seen(window)
    docks = window.docks
    for dock, pane in ((docks.call_flow_dock, window.call_flow_pane),
                       (docks.kernel_dock, window.kernel_pane)):
        dock.raise_()  # as the demo's steps do (DemoContext.show_view), Fit pressed
        pane.view.show_whole()
        diagram, view = pane.diagram, pane.view
        qtbot.waitUntil(lambda: on_screen(diagram) and whole_picture_in_view(diagram, view),
                        timeout=SIGNAL_TIMEOUT_MS)
        roomy = window.screen().availableGeometry().width() >= ROOMY_WIDTH
        assert not roomy or main_text_pixels(diagram) >= READABLE_MAIN_TEXT[dock.objectName()], (
            dock.objectName(), main_text_pixels(diagram), view.viewport().size())
    assert narration_lines_seen(window) >= NARRATION_LINES


def test_reset_settings_brings_the_first_layout_back_on_the_screen(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    docks = window.docks
    first_width = docks.call_flow_dock.width()
    free = window.screen().availableGeometry()
    window.resize(900, 600)
    window.move(free.topLeft() + QPoint(300, 150))
    qtbot.waitUntil(lambda: window.width() == 900, timeout=SIGNAL_TIMEOUT_MS)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Reset)
    window.reset_settings_action.trigger()
    qtbot.waitUntil(lambda: free.contains(window.frameGeometry()), timeout=SIGNAL_TIMEOUT_MS)
    QApplication.sendPostedEvents()
    qtbot.waitUntil(lambda: docks.call_flow_dock.width() == first_width,
                    timeout=SIGNAL_TIMEOUT_MS)
    docks.call_flow_dock.raise_()
    diagram, view = window.call_flow_pane.diagram, window.call_flow_pane.view
    qtbot.waitUntil(lambda: whole_picture_in_view(diagram, view), timeout=SIGNAL_TIMEOUT_MS)


def test_a_demo_keeps_the_docks_where_the_person_put_them(
        qtbot: QtBot, window: MainWindow) -> None:
    docks = window.docks
    every = [docks.call_flow_dock, docks.conversation_dock, docks.kernel_dock, docks.demo_dock]
    for dock in every:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    for dock in every[1:]:
        window.tabifyDockWidget(every[0], dock)
    run_demo(qtbot, window, "one-at-a-time")
    for dock in every:
        assert window.dockWidgetArea(dock) is Qt.DockWidgetArea.BottomDockWidgetArea
    assert set(window.tabifiedDockWidgets(docks.demo_dock)) == set(every[:3])


def test_larger_text_keeps_the_window_on_the_screen_and_normal_brings_its_size_back(
        qtbot: QtBot, window: MainWindow) -> None:
    """On a laptop's 768 pixels the third step of Larger text made the window 865 tall:
    the buttons at its bottom went off the screen, and Normal left it so."""
    room = window.screen().availableGeometry()
    first_size = window.size()
    larger = window.menus.text_size_actions[0]
    refused: list[str] = []
    window.menus.text_room.refused.connect(refused.append)
    try:
        for _ in range(6):  # enough steps to outgrow any of these screens
            larger.trigger()
            qtbot.waitUntil(lambda: not window.menus.text_room.busy, timeout=SIGNAL_TIMEOUT_MS)
        assert refused and "no room for larger text" in refused[0]
        assert window.minimumSizeHint().height() <= room.height()
        assert window.height() <= room.height()
    finally:
        window.menus.text_size_actions[2].trigger()  # Normal text size
    qtbot.waitUntil(lambda: window.size() == first_size, timeout=SIGNAL_TIMEOUT_MS)
    # Pressed faster than the layouts follow (a held Ctrl++), the steps are taken one by one.
    for _ in range(6):
        larger.trigger()
    qtbot.waitUntil(lambda: not window.menus.text_room.busy, timeout=SIGNAL_TIMEOUT_MS)
    assert window.minimumSizeHint().height() <= room.height()
    window.menus.text_size_actions[2].trigger()
    qtbot.waitUntil(lambda: window.size() == first_size, timeout=SIGNAL_TIMEOUT_MS)


def test_a_larger_text_remembered_from_a_larger_screen_is_made_to_fit_this_one(
        qtbot: QtBot, window: MainWindow) -> None:
    """Last lesson's projector had room for the text at twice its size; this screen may
    not: the window starts with the largest text that fits, not off the screen."""
    from gui.settings import open_settings
    from gui.text_size import TextSize
    window.close()  # (it saves its own settings as it closes: written over below)
    settings = open_settings()
    settings.setValue("view/textScale", 2.0)
    settings.sync()
    windows: list[MainWindow] = []
    try:
        again = start_again(qtbot, windows)
        room = again.screen().availableGeometry()
        qtbot.waitUntil(lambda: not again.menus.text_room.busy, timeout=SIGNAL_TIMEOUT_MS)
        assert again.minimumSizeHint().height() <= room.height()
        assert again.height() <= room.height()
    finally:
        for made in windows:
            made.close()
        TextSize().normal()  # (the app's font is this process's)
