"""The server's reply-by-hand panel (manual mode), through its own controls: repeat a
reply N times every M ms, or until Stop or Esc; send a file; keep a reply and send it
again from the Saved menu. The client is a plain socket on the loopback, so the test
reads exactly the bytes that crossed the network."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from gui.main_window import MainWindow
from gui.manual_panel import ManualPanel
from gui.message_editor import HEX
from netcore.config import Behaviour
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server

READS_AT_MOST = 1000  # recv() calls per look at the socket: the loop is bounded


class LoopbackClient:
    """A client socket the test reads without blocking the window."""

    def __init__(self, port: int) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.socket.setblocking(False)
        self._received = bytearray()

    def received(self) -> bytes:
        """Everything the server sent so far."""
        for _ in range(READS_AT_MOST):
            try:
                chunk = self.socket.recv(65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            self._received += chunk
        return bytes(self._received)


@pytest.fixture
def panel(qtbot: QtBot, main_window: MainWindow) -> ManualPanel:
    """A manual-mode server started from the form; the panel shown and ready."""
    start_server(qtbot, main_window, behaviour=Behaviour.MANUAL)
    panel = main_window.manual_panel
    assert panel.isVisible() and panel.isEnabled()
    return panel


@pytest.fixture
def client(qtbot: QtBot, main_window: MainWindow, panel: ManualPanel) -> Iterator[LoopbackClient]:
    """Connected, and chosen in the panel by a click on its row of the connections table."""
    assert main_window.server.address is not None
    peer = LoopbackClient(main_window.server.address[1])
    try:
        table = main_window.connections_table
        qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=SIGNAL_TIMEOUT_MS)
        cell = table.visualRect(table.model().index(0, 0)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        conn_id = main_window.server.connections.open_ids()[0]
        assert panel.target_combo.currentData() == conn_id
        yield peer
    finally:
        peer.socket.close()


def type_into(qtbot: QtBot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select what the field holds and type over it, as a person would."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def bytes_out(window: MainWindow) -> int:
    """What the server's connections table says it sent."""
    conn_id = window.server.connections.open_ids()[0]
    row = window.server.connections.row(conn_id)
    return 0 if row is None else row.bytes_out


def test_a_reply_sent_four_times_every_20_ms_arrives_four_times(
        qtbot: QtBot, main_window: MainWindow, panel: ManualPanel,
        client: LoopbackClient) -> None:
    editor = panel.message
    type_into(qtbot, editor.edit, "tick")
    type_into(qtbot, editor.repeat_edit, "4")
    assert editor.interval_spin.isEnabled()
    type_into(qtbot, editor.interval_spin.lineEdit(), "20")
    assert editor.interval_spin.value() == 20
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS) as ended:
        editor.send_button.click()
        assert editor.send_button.text() == "Stop" and not editor.edit.isEnabled()
    assert ended.args == [""]
    qtbot.waitUntil(lambda: client.received() == b"tick\n" * 4, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: bytes_out(main_window) == 4 * len(b"tick\n"),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert editor.progress_label.text() == "sent 4 of 4"
    assert editor.send_button.text() == "Send" and editor.edit.text() == "tick"


@pytest.mark.parametrize("stop_with", ["Stop button", "Esc"])
def test_a_reply_repeated_until_stopped_ends_at_stop_or_esc(
        qtbot: QtBot, main_window: MainWindow, panel: ManualPanel, client: LoopbackClient,
        stop_with: str) -> None:
    editor = panel.message
    type_into(qtbot, editor.edit, "again")
    qtbot.mouseClick(editor.forever_check, Qt.MouseButton.LeftButton)
    assert editor.forever_check.isChecked() and not editor.repeat_edit.isEnabled()
    type_into(qtbot, editor.interval_spin.lineEdit(), "5")
    editor.send_button.click()
    qtbot.waitUntil(lambda: editor.repeater.sent >= 3, timeout=SIGNAL_TIMEOUT_MS)
    assert editor.progress_label.text().endswith("until stopped")
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS):
        if stop_with == "Esc":
            main_window.activateWindow()  # a shortcut needs its window active
            qtbot.waitUntil(main_window.isActiveWindow, timeout=SIGNAL_TIMEOUT_MS)
            assert editor.send_button.hasFocus(), "Stop has the focus while repeating"
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(editor.send_button, Qt.MouseButton.LeftButton)  # labelled Stop
    sent = editor.repeater.sent
    assert not editor.repeater.running and editor.send_button.text() == "Send"
    qtbot.waitUntil(lambda: client.received() == b"again\n" * sent, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: bytes_out(main_window) == sent * len(b"again\n"),
                    timeout=SIGNAL_TIMEOUT_MS)  # and nothing went after the stop


def test_send_file_replies_with_the_file_s_bytes_exactly(
        qtbot: QtBot, main_window: MainWindow, panel: ManualPanel, client: LoopbackClient,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    content = bytes(range(256)) * 64 + "回复\r\n".encode("utf-8")  # every byte; no \n added
    picked = tmp_path / "reply.bin"
    picked.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(picked), ""))
    qtbot.mouseClick(panel.message.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(client.received()) >= len(content), timeout=SIGNAL_TIMEOUT_MS)
    assert client.received() == content
    assert panel.message.progress_label.text() == f"sent “reply.bin”, {len(content):,} bytes"


def choose_from_menu(qtbot: QtBot, open_menu: Callable[[], None],
                     pick: Callable[[QMenu], QAction]) -> None:
    """Open a popup menu as a click does, and click the action `pick` names in it.

    A tool button's menu may run an event loop of its own until it closes (PySide6
    6.11), or be shown and the click return (6.12): the click on the action is made from
    a timer, inside that loop or after; the menu is closed whatever happens."""
    chosen: list[str] = []

    def click_in_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "the menu did not open"
        try:
            action = pick(menu)
            chosen.append(action.text())
            qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                             pos=menu.actionGeometry(action).center())
        finally:
            if menu.isVisible():
                menu.close()

    QTimer.singleShot(0, click_in_menu)
    open_menu()
    qtbot.waitUntil(lambda: bool(chosen), timeout=SIGNAL_TIMEOUT_MS)


def action_named(text: str) -> Callable[[QMenu], QAction]:
    def pick(menu: QMenu) -> QAction:
        (action,) = [a for a in menu.actions() if a.text() == text]
        return action
    return pick


# A popup menu asks the platform to raise it and grab the keyboard; the offscreen one cannot.
@pytest.mark.qt_log_ignore("This plugin does not support raise",
                           "This plugin does not support grabbing the keyboard")
def test_a_kept_reply_is_sent_again_from_the_saved_menu(
        qtbot: QtBot, main_window: MainWindow, panel: ManualPanel,
        client: LoopbackClient) -> None:
    editor = panel.message
    button = editor.saved_button

    def open_saved_menu() -> None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    editor.format_combo.setCurrentIndex(editor.format_combo.findData(HEX))
    type_into(qtbot, editor.edit, "4f 4b 00 ff")  # "OK", a zero byte and 0xff
    editor.ending_combo.setCurrentIndex(2)  # CRLF
    choose_from_menu(qtbot, open_saved_menu, action_named("&Keep this message"))
    assert client.received() == b"", "keeping a message does not send it"

    editor.format_combo.setCurrentIndex(editor.format_combo.findData("Text"))
    editor.ending_combo.setCurrentIndex(0)
    type_into(qtbot, editor.edit, "typed meanwhile, not sent")
    choose_from_menu(qtbot, open_saved_menu, action_named("4f 4b 00 ff"))
    qtbot.waitUntil(lambda: client.received() == b"OK\x00\xff\r\n", timeout=SIGNAL_TIMEOUT_MS)
    assert editor.format_combo.currentData() == HEX  # filled in as it was kept

    choose_from_menu(qtbot, open_saved_menu, action_named("&Forget the kept messages"))
    button.refresh()
    assert [a.text() for a in button.menu_of_messages.actions() if not a.isSeparator()] == \
        ["&Keep this message", "&Forget the kept messages"]
