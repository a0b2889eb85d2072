"""Each server model, driven through the main window and client windows."""

from __future__ import annotations

import os

import psutil
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.connections_model import WORKER
from gui.main_window import MainWindow
from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, connection_field, open_connected_client,
                                received_text, send_from, start_server)


@pytest.mark.parametrize("model", list(ServerModel))
def test_echo_round_trip_with_lifecycle_in_order(qtbot: QtBot, main_window: MainWindow,
                                                 model: ServerModel) -> None:
    server = main_window.server
    start_server(qtbot, main_window, model)
    # The select model's one loop waits for every socket at once, not in accept().
    waits_in = "select()/epoll" if model is ServerModel.SELECT else "waiting in accept()"
    qtbot.waitUntil(lambda: waits_in in main_window.state_label.text(),
                    timeout=SIGNAL_TIMEOUT_MS)
    client = main_window.open_client_window()
    with qtbot.waitSignals([server.connectionAccepted, client.controller.connected],
                           order="none", timeout=SIGNAL_TIMEOUT_MS):
        client.connect_button.click()
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    with qtbot.waitSignal(server.connectionClosed, timeout=SIGNAL_TIMEOUT_MS):
        client.disconnect_button.click()

    kinds = [row.kind for row in server.log.rows if row.conn == 1]
    expected = [EventKind.ACCEPTED, EventKind.RECV_WAITING, EventKind.RECEIVED, EventKind.SENT,
                EventKind.RECV_WAITING, EventKind.PEER_CLOSED, EventKind.CLOSED]
    if model is ServerModel.SELECT:
        expected = [k for k in expected if k is not EventKind.RECV_WAITING]
    assert [k for k in kinds if k in expected] == expected
    row = server.connections.row(1)
    assert row is not None and row.bytes_in == 6 and row.bytes_out == 6 and not row.open

    with qtbot.waitSignal(server.stopped, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_button.click()
    assert main_window.start_button.isEnabled()


def test_iterative_server_makes_the_second_client_wait(qtbot: QtBot,
                                                       main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.ITERATIVE)
    first = open_connected_client(qtbot, main_window)
    send_from(first, "one")
    qtbot.waitUntil(lambda: received_text(first) == b"one\n", timeout=SIGNAL_TIMEOUT_MS)
    # The second client's connect() succeeds: the kernel completed its handshake.
    second = open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: "busy serving a client" in main_window.state_label.text(),
                    timeout=SIGNAL_TIMEOUT_MS)
    send_from(second, "two")
    qtbot.waitUntil(lambda: second.controller.bytes_out == 4, timeout=SIGNAL_TIMEOUT_MS)
    # Its data sits in the kernel; the one loop is still in recv() for the first client.
    with qtbot.assertNotEmitted(main_window.server.connectionAccepted, wait=300):
        pass
    assert received_text(second) == b""
    with qtbot.waitSignal(main_window.server.connectionAccepted, timeout=SIGNAL_TIMEOUT_MS):
        first.disconnect_button.click()
    qtbot.waitUntil(lambda: received_text(second) == b"two\n", timeout=SIGNAL_TIMEOUT_MS)
    assert main_window.server.connections.row(2).worker == "main loop"


def test_thread_model_serves_two_clients_at_once_on_named_threads(
        qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD)
    first = open_connected_client(qtbot, main_window)
    second = open_connected_client(qtbot, main_window)
    send_from(second, "b")
    send_from(first, "a")
    qtbot.waitUntil(lambda: received_text(first) == b"a\n" and received_text(second) == b"b\n",
                    timeout=SIGNAL_TIMEOUT_MS)
    connections = main_window.server.connections

    def workers() -> set[str]:
        return {connections.index(r, WORKER).data() for r in range(connections.rowCount())}

    qtbot.waitUntil(lambda: workers() == {"thread conn-1", "thread conn-2"},
                    timeout=SIGNAL_TIMEOUT_MS)


def test_select_model_serves_every_client_from_one_loop(qtbot: QtBot,
                                                        main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.SELECT)
    assert "one thread serves every client" in main_window.model_explanation.text().lower()
    clients = [open_connected_client(qtbot, main_window) for _ in range(3)]
    for number, client in enumerate(clients):
        send_from(client, f"c{number}")
    qtbot.waitUntil(lambda: all(received_text(c) == f"c{n}\n".encode()
                                for n, c in enumerate(clients)), timeout=SIGNAL_TIMEOUT_MS)
    connections = main_window.server.connections
    workers = [connections.index(r, WORKER).data() for r in range(connections.rowCount())]
    assert workers == ["select loop"] * 3, "one worker for all of them"
    assert "3 clients connected" in main_window.state_label.text()
    # Between messages each is one of the sockets select() waits on, as the other models'
    # connections wait in recv() (not "accepted" or "sent data").
    qtbot.waitUntil(lambda: [connection_field(main_window, n, "state") for n in (1, 2, 3)]
                    == ["watched by select()"] * 3, timeout=SIGNAL_TIMEOUT_MS)


def test_process_model_serves_from_child_pids_that_go_away(qtbot: QtBot,
                                                           main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.PROCESS)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hi")
    qtbot.waitUntil(lambda: received_text(client) == b"hi\n", timeout=SIGNAL_TIMEOUT_MS)
    # The child's own events come through its pipe: the echo can be on screen first.
    qtbot.waitUntil(lambda: str(connection_field(main_window, 1, "worker")).startswith("pid "),
                    timeout=SIGNAL_TIMEOUT_MS)
    worker = str(connection_field(main_window, 1, "worker"))
    pid = int(worker.split()[1])
    assert pid != os.getpid()
    assert psutil.Process(pid).ppid() == os.getpid()
    with qtbot.waitSignal(main_window.server.connectionClosed, timeout=SIGNAL_TIMEOUT_MS):
        client.disconnect_button.click()
    qtbot.waitUntil(lambda: not _alive(pid), timeout=SIGNAL_TIMEOUT_MS)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.PROCESS, ServerModel.SELECT])
def test_chat_relays_to_every_other_client(qtbot: QtBot, main_window: MainWindow,
                                           model: ServerModel) -> None:
    start_server(qtbot, main_window, model, Behaviour.CHAT)
    alice, bob, carol = (open_connected_client(qtbot, main_window) for _ in range(3))
    qtbot.waitUntil(lambda: len(main_window.server.connections.open_ids()) == 3,
                    timeout=SIGNAL_TIMEOUT_MS)
    send_from(alice, "hi all")
    qtbot.waitUntil(lambda: received_text(bob) == b"hi all\n" == received_text(carol),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert received_text(alice) == b""


def test_uppercase_behaviour(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD, Behaviour.UPPER)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "shout")
    qtbot.waitUntil(lambda: received_text(client) == b"SHOUT\n", timeout=SIGNAL_TIMEOUT_MS)


def test_an_unexpected_error_in_the_server_loop_is_shown(qtbot: QtBot, main_window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A bug in the accept loop must not look like a normal stop: the window says so."""
    from netcore.server import Server

    def broken_loop(self: Server, listener: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(Server, "_accept_loop", broken_loop)
    with qtbot.waitSignals([main_window.server.errorOccurred, main_window.server.stopped],
                           timeout=SIGNAL_TIMEOUT_MS):
        main_window.start_button.click()
    assert "unexpected error in TCP Lab (ValueError: a bug)" in main_window.error_label.text()
    assert main_window.start_button.isEnabled()
    assert "Traceback" in capsys.readouterr().err


def test_stop_then_start_at_once_keeps_the_new_server(qtbot: QtBot,
                                                      main_window: MainWindow) -> None:
    """Ctrl+T then Ctrl+R, faster than the old thread's end is delivered."""
    start_server(qtbot, main_window)
    main_window.port_spin.setValue(0)
    with qtbot.waitSignal(main_window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_server()
        main_window.start_server()
    # The old thread ended inside stop(); its queued "finished" is delivered now.
    QApplication.processEvents()
    assert main_window.server.running
    assert main_window.stop_button.isEnabled()
    client = open_connected_client(qtbot, main_window)
    send_from(client, "still here")
    qtbot.waitUntil(lambda: received_text(client) == b"still here\n", timeout=SIGNAL_TIMEOUT_MS)


def test_lifecycle_signals_come_in_order(qtbot: QtBot, main_window: MainWindow) -> None:
    server = main_window.server
    client = main_window.open_client_window()
    with qtbot.waitSignals([server.listening, server.connectionAccepted, server.connectionClosed,
                            server.stopped], order="strict", timeout=SIGNAL_TIMEOUT_MS):
        main_window.start_button.click()
        client.port_spin.setValue(main_window.port_spin.value())
        with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
            client.connect_button.click()
        with qtbot.waitSignal(server.connectionClosed, timeout=SIGNAL_TIMEOUT_MS):
            client.disconnect_button.click()
        main_window.stop_button.click()


def test_primary_controls_have_stable_object_names(qtbot: QtBot, main_window: MainWindow) -> None:
    """Tests and accessibility tools find the controls by these names."""
    from PySide6.QtWidgets import QWidget

    for name in ("serverStartButton", "serverStopButton", "serverHostEdit", "serverPortSpin",
                 "serverModelCombo", "serverBehaviourCombo", "connectionsTable", "serverLog",
                 "newClientButton"):
        assert len(main_window.findChildren(QWidget, name)) == 1, name
    client = main_window.open_client_window()
    for name in ("clientHostEdit", "clientPortSpin", "clientConnectButton",
                 "clientDisconnectButton", "clientMessageEdit", "clientSendButton",
                 "clientStateLabel", "clientLog"):
        assert len(client.findChildren(QWidget, name)) == 1, name


def test_a_select_connection_that_gets_no_reply_is_still_watched_by_select(
        qtbot: QtBot, main_window: MainWindow) -> None:
    # Manual replies: nothing is sent after the data arrives, and the loop is back in
    # select() all the same.
    start_server(qtbot, main_window, ServerModel.SELECT, Behaviour.MANUAL)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "anyone?")
    qtbot.waitUntil(lambda: connection_field(main_window, 1, "bytes_in") == 8,
                    timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: connection_field(main_window, 1, "state") == "watched by select()",
                    timeout=SIGNAL_TIMEOUT_MS)
