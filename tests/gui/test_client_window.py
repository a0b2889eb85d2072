"""The client window's controls: half-close, abort, manual replies, logs and errors."""

from __future__ import annotations

import socket
import struct

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gui.field_marks import is_refused
from gui.host_text import host_problem
from gui.connections_model import STATE
from gui.log_model import DETAILS
from gui.main_window import MainWindow
from netcore.client import ClientState
from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, connection_field, logged,
                                open_connected_client, received_text, send_from, start_server)


def test_title_names_the_client_and_its_local_port(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    port = client.controller.local_port
    assert port and client.windowTitle().startswith(f"Client 1 · local port {port}")
    qtbot.waitUntil(lambda: connection_field(main_window, 1, "peer") is not None,
                    timeout=SIGNAL_TIMEOUT_MS)
    peer_port = int(str(connection_field(main_window, 1, "peer")).rsplit(":", 1)[1])
    assert peer_port == port  # the server sees the same port as the client's title


def test_half_close_lets_replies_arrive_in_manual_mode(qtbot: QtBot,
                                                       main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD, Behaviour.MANUAL)
    client = open_connected_client(qtbot, main_window)
    client.half_close_button.click()
    qtbot.waitUntil(lambda: "FIN received" in str(connection_field(main_window, 1, "state"))
                    and client.controller.state is ClientState.HALF_CLOSED,
                    timeout=SIGNAL_TIMEOUT_MS)
    assert client.state_label.text().startswith("Half-closed")
    send_from(client, "more?")  # this side sent its FIN: nothing more can go
    assert client.message.error_label.text() == "This side is half-closed: it can only receive now."
    assert client.message.edit.text() == "more?"

    panel = main_window.manual_panel
    assert panel.isVisible()
    panel.select_connection(1)
    panel.message.edit.setText("still here")
    panel.message.send_button.click()
    qtbot.waitUntil(lambda: received_text(client) == b"still here\n", timeout=SIGNAL_TIMEOUT_MS)
    # Still waiting for the server to close (CLOSE_WAIT), though it replied.
    assert main_window.server.connections.row(1).state == "client closed (FIN received)"
    with qtbot.waitSignal(client.controller.disconnected, timeout=SIGNAL_TIMEOUT_MS):
        panel.disconnect_button.click()
    qtbot.waitUntil(lambda: bool(logged(client.controller.log.rows, EventKind.PEER_CLOSED)),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_manual_send_to_one_or_all(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.PROCESS, Behaviour.MANUAL)
    first = open_connected_client(qtbot, main_window)
    second = open_connected_client(qtbot, main_window)
    panel = main_window.manual_panel
    qtbot.waitUntil(lambda: panel.target_combo.count() == 3, timeout=SIGNAL_TIMEOUT_MS)
    panel.select_connection(2)
    panel.message.edit.setText("only you")
    panel.message.send_button.click()
    qtbot.waitUntil(lambda: received_text(second) == b"only you\n", timeout=SIGNAL_TIMEOUT_MS)
    panel.target_combo.setCurrentIndex(0)  # All connections
    panel.message.edit.setText("everyone")
    panel.message.send_button.click()
    qtbot.waitUntil(lambda: received_text(first) == b"everyone\n"
                    and received_text(second) == b"only you\neveryone\n",
                    timeout=SIGNAL_TIMEOUT_MS)


def test_abort_resets_the_connection_on_the_server(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    with qtbot.waitSignal(main_window.server.connectionClosed, timeout=SIGNAL_TIMEOUT_MS):
        client.abort_button.click()
    connections = main_window.server.connections
    assert connections.row(1).state == "closed: reset by the client (RST)"
    tooltip = connections.index(0, STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("The other side reset the connection")
    assert any(row.kind is EventKind.ERROR and "reset the connection" in row.detail
               for row in main_window.server.log.rows)
    qtbot.waitUntil(lambda: bool(logged(client.controller.log.rows, EventKind.ABORTED)),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_network_text_is_shown_literally(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "<b>hi</b>")
    qtbot.waitUntil(lambda: received_text(client) == b"<b>hi</b>\n", timeout=SIGNAL_TIMEOUT_MS)
    log = client.controller.log
    received = [r for r in range(log.rowCount()) if log.rows[r].kind is EventKind.RECEIVED][0]
    assert log.index(received, DETAILS).data() == "<b>hi</b>\\n"
    # The view's delegate draws DisplayRole as plain text, never as rich text.
    assert client.log_view.table.itemDelegate().metaObject().className() == "QStyledItemDelegate"


def test_bytes_that_are_not_utf8_are_escaped_and_shown_as_hex(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    client.message.format_combo.setCurrentText("Hex")
    client.message.ending_combo.setCurrentIndex(0)  # no line ending
    send_from(client, "ff fe 41 00")
    qtbot.waitUntil(lambda: received_text(client) == b"\xff\xfeA\x00", timeout=SIGNAL_TIMEOUT_MS)
    log = main_window.server.log
    qtbot.waitUntil(lambda: bool(logged(log.rows, EventKind.RECEIVED)), timeout=SIGNAL_TIMEOUT_MS)
    row = [r for r in range(log.rowCount()) if log.rows[r].kind is EventKind.RECEIVED][0]
    assert log.index(row, DETAILS).data() == "\\xff\\xfeA\\x00"
    main_window.log_view.hex_box.setChecked(True)
    assert log.index(row, DETAILS).data() == "ff fe 41 00"


def test_invalid_hex_is_refused_at_the_field(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    client.message.format_combo.setCurrentText("Hex")
    send_from(client, "4g")
    assert client.message.error_label.isVisible()
    assert "Invalid hex" in client.message.error_label.text()
    assert client.message.edit.text() == "4g"  # the user's input is kept to fix
    assert client.controller.bytes_out == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _client_error(qtbot: QtBot, main_window: MainWindow, host: str, port: int,
                  timeout: float = 5.0) -> str:
    client = main_window.open_client_window()
    client.host_edit.setText(host)
    client.port_spin.setValue(port)
    client.timeout_spin.setValue(timeout)
    with qtbot.waitSignal(client.controller.errorOccurred, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        client.connect_button.click()
    qtbot.waitUntil(lambda: client.connect_button.isEnabled(), timeout=SIGNAL_TIMEOUT_MS)
    assert client.error_label.isVisible()
    assert client.error_label.text() == blocker.args[0]
    assert client.state_label.text().startswith("Not connected: the connection could not be made")
    return client.error_label.text()


def test_connection_refused_sentence(qtbot: QtBot, main_window: MainWindow) -> None:
    port = _free_port()
    assert _client_error(qtbot, main_window, "127.0.0.1", port).startswith(
        f"Connection refused: nothing is listening on 127.0.0.1:{port}")


def test_unknown_host_sentence(qtbot: QtBot, main_window: MainWindow) -> None:
    text = _client_error(qtbot, main_window, "no-such-host.invalid", 9000)
    assert text.startswith('Unknown host "no-such-host.invalid"')


def test_timeout_sentence(qtbot: QtBot, main_window: MainWindow) -> None:
    # A listener that never accepts, with its queue full: Linux drops further SYNs, so the
    # next connect() waits until its timeout, as with a computer that does not answer.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(4):
                filler = socket.socket()
                filler.setblocking(False)
                filler.connect_ex(("127.0.0.1", port))
                fillers.append(filler)
            text = _client_error(qtbot, main_window, "127.0.0.1", port, timeout=0.5)
        finally:
            for filler in fillers:
                filler.close()
    assert text.startswith(f"No answer from 127.0.0.1:{port} within 0.5 seconds")


def test_reset_by_peer_sentence(qtbot: QtBot, main_window: MainWindow) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = main_window.open_client_window()
        client.port_spin.setValue(listener.getsockname()[1])
        with qtbot.waitSignal(client.controller.connected, timeout=SIGNAL_TIMEOUT_MS):
            client.connect_button.click()
        accepted, _ = listener.accept()
        accepted.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with qtbot.waitSignal(client.controller.errorOccurred, timeout=SIGNAL_TIMEOUT_MS):
            accepted.close()
    assert client.error_label.text().startswith("The other side reset the connection")


def test_port_in_use_names_the_port(qtbot: QtBot, main_window: MainWindow) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        main_window.port_spin.setValue(port)
        with qtbot.waitSignal(main_window.server.errorOccurred, timeout=SIGNAL_TIMEOUT_MS):
            main_window.start_button.click()
    assert main_window.error_label.isVisible()
    assert f"Port {port} is already in use" in main_window.error_label.text()
    assert main_window.server.log.rows[-1].detail.startswith("bind() failed: Port")
    assert not main_window.server.running and main_window.start_button.isEnabled()


def test_low_port_permission_sentence(qtbot: QtBot, main_window: MainWindow,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The system refuses ports below 1024 to ordinary users; tests run as root, so the
    refusal itself is imitated here (tests/netcore checks it for real as a plain user)."""
    import errno

    import netcore.server

    class RefusingSocket(socket.socket):
        def bind(self, address: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(netcore.server.socket, "socket", RefusingSocket)
    main_window.port_spin.setValue(80)
    main_window.start_button.click()
    assert main_window.error_label.text().startswith(
        "Permission denied: ports below 1024 (you chose 80) need administrator rights")


def test_server_address_the_machine_does_not_have(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.host_edit.setText("192.0.2.1")  # TEST-NET-1: never this machine's; only bound
    main_window.start_button.click()
    assert main_window.error_label.text().startswith("This computer has no network address 192.0.2.1")
    assert not main_window.server.running


def test_server_address_that_is_not_a_name(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.host_edit.setText("no-such-host.invalid")
    main_window.start_button.click()
    assert '"no-such-host.invalid" is not an address of this computer' in main_window.error_label.text()
    assert not main_window.server.running


def test_send_when_not_connected_says_so_and_keeps_the_text(qtbot: QtBot,
                                                           main_window: MainWindow) -> None:
    client = main_window.open_client_window()
    client.message.edit.setText("hello?")
    qtbot.keyClick(client.message.edit, Qt.Key.Key_Return)  # Enter sends
    assert client.message.error_label.isVisible()
    assert client.message.error_label.text() == "Not connected: click Connect before sending."
    assert client.message.edit.text() == "hello?"


def test_a_long_paste_is_sent_whole(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    client.message.ending_combo.setCurrentIndex(0)
    send_from(client, "y" * 100_000)  # more than a line edit takes by default (32,767)
    qtbot.waitUntil(lambda: client.controller.bytes_in == 100_000, timeout=SIGNAL_TIMEOUT_MS)


def test_chat_with_one_client_at_a_time_is_explained(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.model_combo.setCurrentIndex(main_window.model_combo.findData(ServerModel.ITERATIVE))
    main_window.behaviour_combo.setCurrentIndex(main_window.behaviour_combo.findData(Behaviour.CHAT))
    assert "chat has nobody to relay to" in main_window.model_explanation.text()


def test_ipv6_works_wherever_ipv4_does(qtbot: QtBot, main_window: MainWindow) -> None:
    """::1 for the server and the client, as 127.0.0.1 is."""
    main_window.host_edit.setText("::1")
    start_server(qtbot, main_window)
    host, port = main_window.server.address
    assert host == "::1"
    client = open_connected_client(qtbot, main_window)  # aimed at the server: ::1
    assert client.host_edit.text() == "::1"
    send_from(client, "over IPv6")
    qtbot.waitUntil(lambda: received_text(client) == b"over IPv6\n", timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: connection_field(main_window, 1, "peer") is not None,
                    timeout=SIGNAL_TIMEOUT_MS)
    assert str(connection_field(main_window, 1, "peer")).startswith("[::1]:")


def test_a_server_on_every_address_takes_ipv6_clients(qtbot: QtBot, main_window: MainWindow) -> None:
    """"::" as "0.0.0.0" is: every address of this machine; a client window aims at ::1."""
    main_window.host_edit.setText("::")
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    assert client.host_edit.text() == "::1"
    send_from(client, "any address")
    qtbot.waitUntil(lambda: received_text(client) == b"any address\n", timeout=SIGNAL_TIMEOUT_MS)


def test_clear_log_empties_the_log_and_new_lines_come_after(qtbot: QtBot,
                                                            main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    client.log_view.findChild(QPushButton, "clientLogClearButton").click()
    assert client.controller.log.rowCount() == 0
    send_from(client, "after")
    qtbot.waitUntil(lambda: received_text(client) == b"after\n", timeout=SIGNAL_TIMEOUT_MS)


@pytest.mark.parametrize("typed, says", [
    ("9000", "looks like a port number"),
    ("127.0.0.1:9000", "without “:9000”"),
    ("[::1]:9000", "without “:9000”"),
    ("127.0.0.1：9000", "without “:9000”"),  # the colon a Chinese input method types
    ("", "Enter the server's address first"),
])
def test_a_port_typed_as_the_host_is_refused_at_the_field_before_any_connect(
        qtbot: QtBot, main_window: MainWindow, typed: str, says: str) -> None:
    # getaddrinfo() would take "9000" for the address 0.0.35.40, off this machine.
    client = main_window.open_client_window()
    client.host_edit.setText(typed)
    client.connect_button.click()
    assert not client.controller.busy  # no socket was made
    assert says in client.error_label.text()
    assert client.error_label.isVisibleTo(client)
    assert is_refused(client.host_edit)
    assert client.host_edit.toolTip() == client.error_label.text()
    qtbot.keyClicks(client.host_edit, "x")  # typing again takes the mark off
    assert not is_refused(client.host_edit)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "fe80::1%lo", "example.org"])
def test_addresses_and_names_are_not_taken_for_ports(host: str) -> None:
    assert host_problem(host) == ""


def test_a_connecting_window_knows_its_port_before_connect_returns(
        qtbot: QtBot, main_window: MainWindow) -> None:
    # The server can accept() a connection before the client's connect() returns: the
    # chart and the kernel's view ask the window for its port meanwhile.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)  # never accepts: once its queue is full, SYNs go unanswered
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(4):  # bounded: Linux queues backlog + 1
                filler = socket.socket()
                filler.setblocking(False)
                filler.connect_ex(("127.0.0.1", port))
                fillers.append(filler)
            client = main_window.open_client_window()
            client.port_spin.setValue(port)
            client.timeout_spin.setValue(30)
            client.connect_button.click()
            qtbot.waitUntil(lambda: client.controller.socket_local_port is not None,
                            timeout=SIGNAL_TIMEOUT_MS)
            assert client.controller.state is ClientState.CONNECTING
            assert client.controller.local_port is None  # connect() has not returned
            local = client.controller.socket_local_port
            assert 0 < local < 65536
            client.controller.close()
            qtbot.waitUntil(lambda: not client.controller.busy, timeout=SIGNAL_TIMEOUT_MS)
        finally:
            for filler in fillers:
                filler.close()
