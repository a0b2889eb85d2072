"""The main window's toolbar: Start, Stop, New client window and the guide, each with
its icon (SVG, drawn for the project), enabled as the server's state allows."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QToolBar

from gui.main_window import MainWindow
from tests.gui.conftest import SIGNAL_TIMEOUT_MS


def test_the_toolbar_starts_and_stops_the_server(qtbot: QtBot, main_window: MainWindow) -> None:
    toolbar = main_window.findChild(QToolBar, "mainToolBar")
    assert toolbar is not None and toolbar.isVisible()
    menus = main_window.menus
    actions = toolbar.actions()
    assert actions == [menus.start, menus.stop, menus.new_client, menus.guide]
    for action in actions:
        assert not action.icon().isNull() and not action.icon().pixmap(48, 48).isNull()
        assert action.toolTip()
    assert menus.start.isEnabled() and not menus.stop.isEnabled()

    with qtbot.waitSignal(main_window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
        menus.start.trigger()
    assert not menus.start.isEnabled() and menus.stop.isEnabled()
    menus.stop.trigger()
    qtbot.waitUntil(lambda: not main_window.server.running, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(menus.start.isEnabled, timeout=SIGNAL_TIMEOUT_MS)
    assert not menus.stop.isEnabled()

    count = len(main_window.client_windows)
    menus.new_client.trigger()
    assert len(main_window.client_windows) == count + 1
