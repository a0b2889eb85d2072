"""The whole app as a person who reads Chinese uses it: the language chosen in the
settings (as the Language menu keeps it), the server started, a client window opened,
connected and a message sent, all with the windows' own controls. What they read is
compared with the shipped translations (resources/tcp_lab_zh_CN.ts), not with strings
written here; and the echo arrives.

A process-per-client child has no Qt to translate with: its sentences are the window's,
given to it at start (gui/language.py child_sentences).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from gui import language
from gui.client_window import ClientWindow
from gui.connections_model import WORKER as CONNECTION_WORKER
from gui.log_model import DATA_ROW_KINDS, DETAILS, WHAT, WHAT_LABELS, LogModel
from gui.log_model import WORKER as LOG_WORKER
from gui.main_window import MainWindow
from gui.settings import open_settings
from netcore.config import ServerModel
from netcore.errors import format_address
from netcore.events import EventKind
from resources.translations import ts_file
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, logged, received_text, start_server

MESSAGE = "你好，服务器"
CHINESE_CHARACTER = re.compile(r"[\u4e00-\u9fff]")
Translations = dict[tuple[str, str], str]


@pytest.fixture(scope="module")
def chinese() -> Translations:
    """(context, English) -> Chinese, as the .ts file has them."""
    found: Translations = {}
    for context in ET.parse(ts_file(language.CHINESE)).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return found


@pytest.fixture
def chinese_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window as the app starts it with 简体中文 chosen in the Language menu."""
    settings = open_settings()
    settings.setValue(language.SETTING, language.CHINESE)
    settings.sync()
    assert language.start_in_chosen_language() == language.CHINESE  # as gui/app.py does
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.port_spin.setValue(0)  # any free port
        window.show()
        try:
            yield window
        finally:
            window.close()
    finally:
        language.install_language(language.ENGLISH)  # every other test reads English


def what_column(log: LogModel) -> list[tuple[EventKind, str]]:
    """Each row's kind and its What cell, as the log's table shows it."""
    return [(row.kind, log.index(number, WHAT).data(Qt.ItemDataRole.DisplayRole))
            for number, row in enumerate(log.rows)]


def untranslated_sentences(log: LogModel) -> list[str]:
    """The Details cells of sentence rows (not data rows) without a Chinese character:
    English a Chinese reader would be left with."""
    cells = [log.index(number, DETAILS).data(Qt.ItemDataRole.DisplayRole)
             for number, row in enumerate(log.rows) if row.kind not in DATA_ROW_KINDS]
    return [cell for cell in cells if cell and not CHINESE_CHARACTER.search(cell)]


def type_with_input_method(field: QLineEdit, text: str) -> None:
    """Chinese is typed through an input method, which hands the field the characters
    chosen (QTest's key clicks take only Latin-1 letters)."""
    field.setFocus()
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(field, typed)


def connect_and_send(qtbot: QtBot, window: MainWindow) -> ClientWindow:
    """New client window (its button), Connect (its button), type, Enter; until the echo."""
    window.new_client_button.click()
    client = window.client_windows[-1]
    with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    type_with_input_method(client.message.edit, MESSAGE)
    qtbot.keyClick(client.message.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: received_text(client) == (MESSAGE + "\n").encode(),
                    timeout=SIGNAL_TIMEOUT_MS)
    return client


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.PROCESS])
def test_a_chinese_reader_starts_connects_and_sends_in_chinese(
        qtbot: QtBot, chinese_window: MainWindow, chinese: Translations,
        model: ServerModel) -> None:
    window = chinese_window
    assert window.start_button.text() == chinese[("server_form", "Start Server")]
    assert window.state_label.text() == chinese[
        ("server_controller", "Stopped. Choose a model and click Start Server.")]
    port = start_server(qtbot, window, model)
    assert window.stop_button.text() == chinese[("server_form", "Stop")]

    client = connect_and_send(qtbot, window)
    assert client.connect_button.text() == chinese[("client_window", "&Connect")]
    assert client.disconnect_button.text() == chinese[("client_window", "&Disconnect")]
    assert client.message.send_button.text() == chinese[("message_editor", "Send")]
    assert client.state_label.text() == chinese[
        ("client_window", "Connected from local port {port}. Type a message and press Enter "
                          "to send it.")].format(port=client.controller.local_port)
    where = format_address("127.0.0.1", port)
    qtbot.waitUntil(lambda: window.state_label.text() == chinese[
        ("server_controller", "Listening on {where}, waiting in accept() for a client "
                              "(1 client connected).")].format(where=where),
        timeout=SIGNAL_TIMEOUT_MS)

    server_log, client_log = window.server.log, client.controller.log
    # The server's echo is logged by the worker (for a child: reported over its pipe).
    qtbot.waitUntil(lambda: bool(logged(server_log.rows, EventKind.SENT)),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert server_log.headerData(WHAT, Qt.Orientation.Horizontal) == chinese[("log_model", "What")]
    for log in (server_log, client_log):
        shown = what_column(log)
        assert {EventKind.RECEIVED, EventKind.SENT} <= {kind for kind, _ in shown}
        for kind, what in shown:
            assert what == chinese[("log_model", WHAT_LABELS[kind])], (kind, what)
        assert not untranslated_sentences(log)
    assert logged(client_log.rows, EventKind.RECV_WAITING)[0].detail == chinese[
        ("client", "waiting in recv() for data from the server")]
    # The worker that served the connection says so in Chinese, and waits for the
    # client's data in Chinese: a thread of the window's process, or a child of its own.
    started = logged(server_log.rows, EventKind.WORKER_STARTED)[-1]
    worker_waits = [row for row in logged(server_log.rows, EventKind.RECV_WAITING)
                    if row.worker == started.worker]
    assert worker_waits and worker_waits[0].detail == chinese[
        ("session", "waiting in recv() for data from the client")]
    if model is ServerModel.PROCESS:
        pid = started.worker.removeprefix("pid ")
        assert started.detail == chinese[
            ("child", "child process {pid} serves connection {conn} (fork() in the notes)")] \
            .format(pid=pid, conn=started.conn)
    else:
        assert started.detail == chinese[
            ("server", "pthread_create(): {worker} serves connection {conn}")].format(
            worker=chinese[("worker_names", "thread conn-{number}")].format(number=started.conn),
            conn=started.conn)
    # Its name, as the window shows it (the thread itself keeps netcore's name).
    number = started.worker.split("-" if model is ServerModel.THREAD else " ")[-1]
    name = ("pid {number}" if model is ServerModel.PROCESS else "thread conn-{number}")
    shown = chinese[("worker_names", name)].format(number=number)
    assert shown != started.worker
    row = server_log.rows.index(started)
    assert server_log.index(row, LOG_WORKER).data() == shown
    connections = window.server.connections
    qtbot.waitUntil(lambda: connections.index(0, CONNECTION_WORKER).data() == shown,
                    timeout=SIGNAL_TIMEOUT_MS)
