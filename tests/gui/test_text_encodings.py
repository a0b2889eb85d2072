"""A text encoding for what a window sends and what its log shows: UTF-8, GB18030 (GBK,
what many Chinese peers speak) or Latin-1, through the windows' own combos."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.log_model import DETAILS
from gui.main_window import MainWindow
from netcore.events import EventKind
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, logged, open_connected_client,
                                received_text, send_from, start_server)


def choose(combo, encoding: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(encoding))


def test_text_sent_as_gb18030_is_gb18030_on_the_wire_and_read_back_as_chinese(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    choose(client.message.encoding_combo, "gb18030")
    assert client.log_view.encoding_combo.currentData() == "gb18030"  # reads what it writes
    send_from(client, "你好")
    wire = "你好\n".encode("gb18030")
    qtbot.waitUntil(lambda: received_text(client) == wire, timeout=SIGNAL_TIMEOUT_MS)
    server_rows = logged(main_window.server.log.rows, EventKind.RECEIVED)
    assert server_rows[-1].data == wire  # the bytes the server got: GB18030's, not UTF-8's

    log = client.controller.log
    echo = max(row for row, line in enumerate(log.rows) if line.kind is EventKind.RECEIVED)
    assert log.data(log.index(echo, DETAILS)) == "你好\\n"
    # The server's log still reads UTF-8: the same bytes are escapes there, not text.
    server_log = main_window.server.log
    server_echo = server_log.rows.index(server_rows[-1])
    assert "\\x" in server_log.data(server_log.index(server_echo, DETAILS))
    choose(main_window.log_view.encoding_combo, "gb18030")
    assert server_log.data(server_log.index(server_echo, DETAILS)) == "你好\\n"


def test_a_character_latin_1_cannot_write_is_refused_at_the_field(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    choose(client.message.encoding_combo, "latin-1")
    client.message.edit.setText("café 你好")
    editor = client.message
    assert editor.error_label.text() == \
        "“你” cannot be written in Latin-1: choose UTF-8 or GB18030, or send it as hex."
    sent_before = client.controller.bytes_out
    editor.send_button.click()
    assert client.controller.bytes_out == sent_before  # nothing half-sent
    assert editor.edit.text() == "café 你好"  # nothing lost
    choose(editor.encoding_combo, "gb18030")  # an encoding that can: the mark goes
    assert editor.error_label.isHidden()
