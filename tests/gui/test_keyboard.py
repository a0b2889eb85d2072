"""A full keyboard path: Tab reaches every control of the main window's server form and
of a client window, in order, and the windows' actions have shortcuts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.main_window import MainWindow
from netcore.events import EventKind
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, logged, received_text, start_server

TAB_PRESSES = 80
# Buttons whose keys are elsewhere: Enter in the message box sends, Esc stops a repeat
# (the Send button becomes Stop), and File > New client window is Ctrl+N.
KEYS_OF_THEIR_OWN = ("Send", "Stop", "New client window")  # more than either window has controls: the walk is bounded


def tab_walk(qtbot: QtBot, window: QWidget, first: QWidget) -> list[QWidget]:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=SIGNAL_TIMEOUT_MS)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=SIGNAL_TIMEOUT_MS)
    visited: list[QWidget] = []
    for _ in range(TAB_PRESSES):
        focused = QApplication.focusWidget()
        if focused is None or focused in visited:
            break
        visited.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return visited


def test_tab_reaches_every_control_of_a_client_window(qtbot: QtBot,
                                                      main_window: MainWindow) -> None:
    client = main_window.open_client_window()
    visited = tab_walk(qtbot, client, client.host_edit)
    wanted = [client.host_edit, client.port_spin, client.timeout_spin, client.connect_button,
              client.counters.reset_button, client.log_view.filter_edit, client.log_view.table,
              client.log_view.hex_box, client.log_view.encoding_combo,
              client.log_view.save_button, client.message.edit, client.message.send_button,
              client.message.repeat_edit, client.message.file_button]
    missing = [w.objectName() or type(w).__name__ for w in wanted if w not in visited]
    assert not missing, missing


def test_tab_reaches_the_server_form_and_start(qtbot: QtBot, main_window: MainWindow) -> None:
    visited = tab_walk(qtbot, main_window, main_window.host_edit)
    wanted = [main_window.host_edit, main_window.port_spin, main_window.backlog_spin,
              main_window.max_connections_spin, main_window.model_combo,
              main_window.behaviour_combo, main_window.framing_combo, main_window.start_button,
              main_window.log_view.filter_edit, main_window.new_client_button]
    missing = [w.objectName() or type(w).__name__ for w in wanted if w not in visited]
    assert not missing, missing


def test_the_menus_actions_have_shortcuts(qtbot: QtBot, main_window: MainWindow) -> None:
    """Each one a key press away: its own shortcut, or Alt and its underlined letter."""
    for menu_action in main_window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        for action in menu_action.menu().actions():
            if action.isSeparator():
                continue
            assert not action.shortcut().isEmpty() or "&" in action.text(), action.text()


def test_localhost_tries_each_address_and_the_log_says_which_answered(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """The most common question of other tools' users: the server listens on 127.0.0.1
    only, and localhost may mean ::1 first."""
    port = start_server(qtbot, main_window)
    client = main_window.open_client_window()
    client.host_edit.setText("localhost")
    client.port_spin.setValue(port)
    with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    rows = client.controller.log.rows
    qtbot.waitUntil(lambda: bool(logged(rows, EventKind.CONNECTED)), timeout=SIGNAL_TIMEOUT_MS)
    lookup = [r.detail for r in logged(rows, EventKind.CONNECTING) if "getaddrinfo() found" in r.detail]
    assert lookup and "127.0.0.1" in lookup[0]
    assert f"connected to 127.0.0.1:{port}" in logged(rows, EventKind.CONNECTED)[0].detail


def test_every_button_of_a_window_has_its_own_alt_letter_or_shortcut(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Alt and the underlined letter presses a button; two buttons (or a button and a
    menu) of one window with the same letter would take turns instead."""
    from PySide6.QtWidgets import QAbstractButton, QCheckBox
    client = main_window.open_client_window()
    for window in (main_window, client):
        letters: dict[str, str] = {}
        if window is main_window:
            letters = {a.text()[a.text().index("&") + 1].lower(): a.text()
                       for a in main_window.menuBar().actions()}
        for button in window.findChildren(QAbstractButton):
            text = button.text()
            if (isinstance(button, QCheckBox) or not text or not button.objectName()
                    or button.window() is not window):
                continue  # a check box, Qt's own, or a client window inside the main one
            if not button.shortcut().isEmpty() or text in KEYS_OF_THEIR_OWN:
                continue
            assert "&" in text, f"{button.objectName()}: {text!r} has no Alt letter"
            letter = text[text.index("&") + 1].lower()
            assert letter not in letters, f"{text!r} and {letters[letter]!r} share Alt+{letter}"
            letters[letter] = text


def test_without_a_mouse_a_client_connects_and_sends_and_tab_leaves_a_full_log(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Connected, the keyboard is in the message box (it was on the counters' Reset, out
    of sight of what to do next); Tab out of a log with lines goes on to the next control
    (it stepped from cell to cell, round and round)."""
    start_server(qtbot, main_window)
    client = main_window.open_client_window()
    client.activateWindow()
    qtbot.waitUntil(client.isActiveWindow, timeout=SIGNAL_TIMEOUT_MS)
    client.connect_button.setFocus()
    qtbot.keyClick(client.connect_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is client.message.edit,
                    timeout=SIGNAL_TIMEOUT_MS)
    qtbot.keyClicks(client.message.edit, "typed")
    qtbot.keyClick(client.message.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: received_text(client) == b"typed\n", timeout=SIGNAL_TIMEOUT_MS)
    table = client.log_view.table
    assert table.model().rowCount() > 3
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
