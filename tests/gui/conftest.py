"""Fixtures for window tests: a main window on a free port, closed cleanly afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui.client_window import ClientWindow
from gui.main_window import MainWindow
from gui.threads import running_threads
from netcore.client import ClientState
from netcore.config import Behaviour, ServerModel

SIGNAL_TIMEOUT_MS = 5000


@pytest.fixture(autouse=True)
def no_qthread_left_running() -> Iterator[None]:
    yield
    assert not running_threads(), f"QThreads still running: {[t.objectName() for t in running_threads()]}"


@pytest.fixture
def main_window(qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.port_spin.setValue(0)  # any free port: tests never fight over one
    # The offscreen screen (800 x 800) is too small for the call flow at its own size, so
    # the first layout opens it fitted (gui/first_layout.py, checked on such a screen by
    # tests/gui/test_first_layout.py); the other tests start from its own size.
    window.call_flow_pane.view.zoom_to(1.0)
    window.show()
    yield window
    window.close()


@pytest.fixture
def next_start(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    """Windows made as the app makes one at its next start; closed at the end."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.close()


def start_server(qtbot: QtBot, window: MainWindow, model: ServerModel = ServerModel.THREAD,
                 behaviour: Behaviour = Behaviour.ECHO) -> int:
    """Choose the model and behaviour in the window's combos, click Start; returns the port."""
    window.model_combo.setCurrentIndex(window.model_combo.findData(model))
    window.behaviour_combo.setCurrentIndex(window.behaviour_combo.findData(behaviour))
    with qtbot.waitSignal(window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
        window.start_button.click()
    assert window.server.address is not None
    return window.server.address[1]


def open_connected_client(qtbot: QtBot, window: MainWindow) -> ClientWindow:
    """New client window (aimed at the running server), Connect clicked, wait until connected."""
    client = window.open_client_window()
    with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    assert client.controller.state is ClientState.CONNECTED
    return client


def send_from(client: ClientWindow, text: str) -> None:
    """Type into the client's message box and press Send."""
    client.message.edit.setText(text)
    client.message.send_button.click()


def received_text(client: ClientWindow) -> bytes:
    """Every byte the client window has logged as received, in order."""
    from netcore.events import EventKind
    return b"".join(row.data for row in client.controller.log.rows
                    if row.kind is EventKind.RECEIVED)


def connection_field(window: MainWindow, conn_id: int, field: str) -> object:
    """A field of the server's connection row, or None while the row has not arrived.

    The server's and each client's events reach the window on their own timers: after
    waiting on one side, wait for the other side's row instead of reading it at once.
    """
    row = window.server.connections.row(conn_id)
    return None if row is None else getattr(row, field)


def logged(model_rows: list, kind: object) -> list:
    """The log rows of one kind."""
    return [row for row in model_rows if row.kind is kind]
