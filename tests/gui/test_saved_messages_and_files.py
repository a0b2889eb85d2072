"""Keep a message and send it again with one click (remembered between runs), and send a
file's bytes exactly, through a client window's own controls."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QFileDialog

from gui.file_sender import MAX_FILE_BYTES
from gui.main_window import MainWindow
from gui.message_editor import HEX
from gui.saved_messages import SETTING
from gui.settings import open_settings
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                start_server)


def kept_actions(editor):  # type: ignore[no-untyped-def]
    editor.saved_button.refresh()
    return [a for a in editor.saved_button.menu_of_messages.actions()
            if not a.isSeparator()][:-2]  # less "keep this" and "forget them"


def test_a_kept_message_is_sent_again_with_one_click_even_at_the_next_start(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    editor = client.message
    editor.format_combo.setCurrentIndex(editor.format_combo.findData(HEX))
    editor.edit.setText("48 69")  # "Hi", as hex
    editor.saved_button.keep_current()
    editor.format_combo.setCurrentIndex(0)
    editor.edit.setText("something else, not sent")

    second = main_window.open_client_window()  # another window lists it too
    (action,) = kept_actions(second.message)
    assert action.text() == "48 69"
    (action,) = kept_actions(editor)
    action.trigger()
    qtbot.waitUntil(lambda: received_text(client) == b"Hi\n", timeout=SIGNAL_TIMEOUT_MS)
    assert editor.format_combo.currentData() == HEX  # it came back as it was kept

    forget = editor.saved_button.menu_of_messages.actions()[-1]
    forget.trigger()
    assert kept_actions(editor) == []


def test_bad_hex_is_not_kept_and_nonsense_in_the_settings_is_ignored(
        qtbot: QtBot, main_window: MainWindow) -> None:
    settings = open_settings()
    settings.setValue(SETTING, '[{"text": 5}, "x", {"text": "ok", "format": "Text", '
                               '"encoding": "utf-8", "ending": 1}]')
    settings.sync()
    client = main_window.open_client_window()
    editor = client.message
    assert [a.text() for a in kept_actions(editor)] == ["ok"]
    editor.format_combo.setCurrentIndex(editor.format_combo.findData(HEX))
    editor.edit.setText("4g")
    editor.saved_button.keep_current()
    assert [a.text() for a in kept_actions(editor)] == ["ok"]
    assert editor.error_label.text().startswith("Invalid hex")


def test_a_file_is_sent_byte_for_byte(qtbot: QtBot, main_window: MainWindow,
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    content = bytes(range(256)) * 40 + "中文\r\n".encode()  # every byte value, and no \n added
    picked = tmp_path / "data.bin"
    picked.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(picked), ""))
    client.message.file_button.click()
    qtbot.waitUntil(lambda: client.controller.bytes_in == len(content),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert client.controller.bytes_out == len(content)
    assert client.message.progress_label.text() == f"sent “data.bin”, {len(content):,} bytes"


def test_a_file_too_big_or_empty_is_refused_in_words(qtbot: QtBot, main_window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    big = tmp_path / "big.iso"
    with big.open("wb") as sparse:  # no disk used: a hole
        sparse.truncate(MAX_FILE_BYTES + 1)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for picked, words in ((big, "TCP Lab sends files of up to 64 MiB"),
                          (empty, "is empty"),
                          (tmp_path / "gone.txt", "it is not there any more")):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, p=picked: (str(p), ""))
        client.message.file_button.click()
        assert words in client.message.error_label.text()
    assert client.controller.bytes_out == 0
