"""Sending a message N times, or until stopped, from the client window's repeat row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, open_connected_client, received_text, start_server


def test_send_five_times_echoes_five_copies(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.edit.setText("tick")
    editor.repeat_edit.setText("5")
    assert editor.interval_spin.isEnabled(), "an interval matters once there are copies"
    editor.interval_spin.setValue(1)
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS) as ended:
        editor.send_button.click()
        assert editor.send_button.text() == "Stop"
        assert not editor.edit.isEnabled(), "the message being repeated is locked"
    assert ended.args == [""]
    qtbot.waitUntil(lambda: received_text(client) == b"tick\n" * 5, timeout=SIGNAL_TIMEOUT_MS)
    assert client.controller.bytes_out == 5 * len(b"tick\n")
    assert editor.progress_label.text() == "sent 5 of 5"
    assert editor.send_button.text() == "Send" and editor.edit.isEnabled()
    assert editor.edit.text() == "tick", "a repeated message stays, to be sent again"


def test_until_stopped_sends_until_stop_is_clicked(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.edit.setText("again")
    editor.forever_check.setChecked(True)
    assert not editor.repeat_edit.isEnabled()
    editor.interval_spin.setValue(2)
    editor.send_button.click()
    qtbot.waitUntil(lambda: editor.repeater.sent >= 3, timeout=SIGNAL_TIMEOUT_MS)
    assert editor.progress_label.text().endswith("until stopped")
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS):
        editor.send_button.click()  # now labelled Stop
    sent = editor.repeater.sent
    assert editor.send_button.text() == "Send"
    qtbot.waitUntil(lambda: received_text(client) == b"again\n" * sent, timeout=SIGNAL_TIMEOUT_MS)
    assert client.controller.bytes_out == sent * len(b"again\n"), "nothing went after Stop"


def test_escape_stops_a_repeat(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.edit.setText("x")
    editor.repeat_edit.setText("1000")
    editor.send_button.click()
    assert editor.repeater.running
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS):
        qtbot.keyClick(editor.send_button, Qt.Key.Key_Escape)
    assert editor.repeater.sent < 1000 and not editor.repeater.running


def test_a_repeat_stops_and_says_why_when_the_connection_ends(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.edit.setText("x")
    editor.forever_check.setChecked(True)
    editor.interval_spin.setValue(5)
    editor.send_button.click()
    qtbot.waitUntil(lambda: editor.repeater.sent >= 2, timeout=SIGNAL_TIMEOUT_MS)
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS) as ended:
        client.disconnect_button.click()
    assert ended.args[0].startswith(f"Stopped after {editor.repeater.sent:,} sent: Not connected")
    assert editor.error_label.isVisible() and editor.error_label.text() == ended.args[0]
    assert editor.send_button.text() == "Send"


def test_a_repeat_to_a_server_that_does_not_read_stops_and_says_why(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Nothing grows for ever: the client holds a bounded amount, then the repeat stops."""
    main_window.accept_clients = False  # the server never accept()s, so nobody reads
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.edit.setText("x" * 60000)
    editor.forever_check.setChecked(True)
    editor.interval_spin.setValue(1)
    with qtbot.waitSignal(editor.repeater.finished, timeout=30_000) as ended:
        editor.send_button.click()
    assert "The server is not reading" in ended.args[0]
    assert ended.args[0].startswith(f"Stopped after {editor.repeater.sent:,} sent")


def test_a_repeat_that_starts_clears_an_earlier_refusal(qtbot: QtBot,
                                                         main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = main_window.open_client_window()
    editor = client.message
    editor.edit.setText("tick")
    editor.repeat_edit.setText("3")
    editor.send_button.click()  # before Connect: refused, and said why
    assert not editor.error_label.isHidden()
    assert "Not connected" in editor.error_label.text()
    with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    editor.interval_spin.setValue(1)
    with qtbot.waitSignal(editor.repeater.finished, timeout=SIGNAL_TIMEOUT_MS):
        editor.send_button.click()
        assert editor.error_label.isHidden(), "the refusal no longer holds once it sends"
    qtbot.waitUntil(lambda: received_text(client) == b"tick\n" * 3, timeout=SIGNAL_TIMEOUT_MS)
