"""The kernel's view in the main window: each socket of the app as the operating system
reports it, named as the app's other tables name it, with the states in use drawn."""

from __future__ import annotations

import socket
import sys

import pytest
from PySide6.QtCore import QPoint, QPointF
from pytestqt.qtbot import QtBot

from gui.kernel_model import MEANING, OWNER, RETRANSMITTED, RTT, STATE
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from gui.tcp_state_diagram import IN_USE_FILL, box_rect
from netcore.client import ClientState
from netcore.config import Behaviour, ServerModel
from netcore.kernel_view import (BACKGROUND_INTERVAL_SECONDS, WATCH_INTERVAL_SECONDS,
                                 KernelReport, KernelSocket)
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, connection_field, open_connected_client,
                                start_server)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="queues, timers and owners come from Linux")


def rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(kernel state, whose, meaning) of each row, as the table shows them."""
    model = window.kernel_pane.model
    return [tuple(model.index(r, c).data() for c in (STATE, OWNER, MEANING))
            for r in range(model.rowCount())]


def has_row(window: MainWindow, state: str, owner: str) -> bool:
    return any(row[0] == state and row[1] == owner for row in rows(window))


def test_the_kernel_view_names_each_socket_as_the_app_does(qtbot: QtBot,
                                                           main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: connection_field(main_window, 1, "worker") == "thread conn-1",
                    timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED", "server, connection 1 "
                                    "(thread conn-1)"), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED", "Client 1"),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert has_row(main_window, "LISTEN", "server: the listening socket")
    diagram = main_window.kernel_pane.diagram
    counts = dict(part.split(": ") for part in diagram.describe().split("; "))
    # Port 0 may hand the server a port that an earlier test's client used, whose
    # connection still waits in TIME_WAIT there: the kernel's view shows it too.
    counts.pop("TIME_WAIT", None)
    assert counts == {"ESTABLISHED": "2", "LISTEN": "1"}
    picture = diagram.grab().toImage()
    scale, offset = diagram._scale()

    def inside_box(state: str) -> QPoint:
        """A pixel inside the state's box, off its border and its name."""
        corner = box_rect(state).topLeft() + QPointF(14, 6)
        return (offset + corner * scale).toPoint()

    assert picture.pixelColor(inside_box("ESTABLISHED")) == IN_USE_FILL, \
        "the state in use is filled in the picture"
    assert picture.pixelColor(inside_box("SYN_SENT")) != IN_USE_FILL


def test_a_client_the_iterative_server_has_not_accepted_is_established_in_the_kernel(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """The notes' point about the iterative server, seen from the kernel: the second
    client's handshake is done, but it waits in the listen queue, unaccepted."""
    port = start_server(qtbot, main_window, ServerModel.ITERATIVE)
    first = open_connected_client(qtbot, main_window)
    second = open_connected_client(qtbot, main_window)
    waiting = "server's kernel: waiting for accept()"
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED, not accepted", waiting),
                    timeout=SIGNAL_TIMEOUT_MS)
    summary = main_window.kernel_pane.summary_label.text()
    assert "1 connection(s) finished the handshake but wait in the listen queue" in summary

    def listen_queue_says_one() -> bool:
        # One dump is not one instant: the listening socket may be read just before the
        # handshake that queued the second client ends. The next reading agrees.
        return any(r[1] == "server: the listening socket" and "1 waiting now, room for 16"
                   in r[2] for r in rows(main_window))

    qtbot.waitUntil(listen_queue_says_one, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED", "Client 2"),
                    timeout=SIGNAL_TIMEOUT_MS)  # the client itself is connected

    first.disconnect_button.click()  # the first leaves: the server accept()s the second
    qtbot.waitUntil(lambda: not any(r[0] == "ESTABLISHED, not accepted"
                                    for r in rows(main_window)), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED", "server, connection 2 "
                                    "(main loop)"), timeout=SIGNAL_TIMEOUT_MS)
    # The first client closed first: its side keeps TIME_WAIT, owned by no program.
    qtbot.waitUntil(lambda: any(r[0].startswith("TIME_WAIT (")
                                and r[1] == "only the kernel (no program holds it)"
                                for r in rows(main_window)), timeout=SIGNAL_TIMEOUT_MS)
    assert (first.controller.local_port, port) in main_window.kernel_watch.watched
    assert second.controller.state is ClientState.CONNECTED


def test_close_wait_is_on_the_side_that_has_not_closed(qtbot: QtBot,
                                                       main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD, Behaviour.MANUAL)
    client = open_connected_client(qtbot, main_window)
    client.half_close_button.click()  # the client sends its FIN; the server does not close
    qtbot.waitUntil(lambda: has_row(main_window, "CLOSE_WAIT", "server, connection 1 "
                                    "(thread conn-1)"), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: has_row(main_window, "FIN_WAIT2", "Client 1"),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert "CLOSE_WAIT: 1" in main_window.kernel_pane.diagram.describe()
    assert "1 in CLOSE_WAIT" in main_window.kernel_pane.summary_label.text()


def test_a_child_process_holds_its_connection(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.PROCESS)
    open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: str(connection_field(main_window, 1, "worker")).startswith("pid "),
                    timeout=SIGNAL_TIMEOUT_MS)
    worker = connection_field(main_window, 1, "worker")

    def held_by_the_child() -> bool:
        # The kernel's own owner, found in /proc, is the pid the server's table shows.
        return any(s.holder == worker for s in main_window.kernel_pane.model.sockets())

    qtbot.waitUntil(held_by_the_child, timeout=SIGNAL_TIMEOUT_MS)


def test_the_view_menu_hides_and_shows_the_kernel_view(qtbot: QtBot,
                                                       main_window: MainWindow) -> None:
    dock = main_window.kernel_dock
    assert not on_screen(dock)  # tabbed behind the call flow: the menu brings it forward
    action = main_window.docks.view_actions["kernelDock"]
    assert action.shortcut().toString() == "Ctrl+K"
    action.trigger()
    qtbot.waitUntil(lambda: on_screen(dock), timeout=SIGNAL_TIMEOUT_MS)
    action.trigger()
    assert not dock.isVisible()
    action.trigger()
    assert dock.isVisible()


def test_segments_sent_again_are_counted_where_the_kernel_reports_them(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Loss needs a real network (tests/faults/test_lossy_network.py reads the count
    there); here, the pane shows a count the kernel reported."""
    lossy = KernelSocket(state="ESTABLISHED", local=("10.0.0.2", 50000),
                         remote=("10.0.0.1", 9000), holder="TCP Lab", rtt_ms=12.5,
                         retransmissions=7)
    pane = main_window.kernel_pane
    pane.show_report(KernelReport(at=0.0, sockets=(lossy,), source="netlink (sock_diag)",
                                  states_in_use=frozenset({"ESTABLISHED"})))
    assert pane.model.index(0, RETRANSMITTED).data() == "7"
    assert pane.model.index(0, RTT).data() == "12.50 ms"
    assert "7 segment(s) sent again after a loss" in pane.summary_label.text()


def test_the_kernel_is_read_often_only_while_its_view_is_seen(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    """Each reading looks through /proc, work the sockets would wait for under a flood:
    a few times a second while the view is on screen, every two seconds behind its tab."""
    docks = main_window.docks
    watch = main_window.kernel_watch
    docks.call_flow_dock.raise_()
    qtbot.waitUntil(lambda: watch.reading_interval == BACKGROUND_INTERVAL_SECONDS,
                    timeout=SIGNAL_TIMEOUT_MS)
    docks.kernel_dock.raise_()
    qtbot.waitUntil(lambda: watch.reading_interval == WATCH_INTERVAL_SECONDS,
                    timeout=SIGNAL_TIMEOUT_MS)
    start_server(qtbot, main_window)
    open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: has_row(main_window, "ESTABLISHED", "Client 1"),
                    timeout=SIGNAL_TIMEOUT_MS)
    docks.conversation_dock.raise_()
    qtbot.waitUntil(lambda: watch.reading_interval == BACKGROUND_INTERVAL_SECONDS,
                    timeout=SIGNAL_TIMEOUT_MS)


# FIN_WAIT1 and LAST_ACK last a microsecond on loopback: the FIN goes out and its ACK comes
# back at once. They last while the FIN cannot leave: queued behind data the other side,
# not reading, has no room for. A socket of the test's own plays that side.
UNREAD_BYTES = 6 * 1024 * 1024  # more than a loopback socket's buffers hold (about 3 MB)


def socket_of(window: MainWindow, local_port: int, remote_port: int) -> KernelSocket | None:
    for sock in window.kernel_pane.model.sockets():
        if sock.local[1] == local_port and sock.remote and sock.remote[1] == remote_port:
            return sock
    return None


def state_of(window: MainWindow, local_port: int, remote_port: int) -> str | None:
    sock = socket_of(window, local_port, remote_port)
    return sock.state if sock is not None else None


def reader_that_does_not_read(qtbot: QtBot, window: MainWindow, port: int
                              ) -> tuple[socket.socket, int]:
    """A client that connects and reads nothing, and its connection's id on the server,
    whose person sends it more than the kernels can hold."""
    window.docks.kernel_dock.raise_()  # read a few times a second, not every two
    reader = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window
    reader.settimeout(SIGNAL_TIMEOUT_MS / 1000)
    reader.connect(("127.0.0.1", port))
    reader_port = reader.getsockname()[1]
    qtbot.waitUntil(lambda: window.server.connections.conn_from_port(reader_port) is not None,
                    timeout=SIGNAL_TIMEOUT_MS)
    conn = window.server.connections.conn_from_port(reader_port)
    assert window.server.send_to(conn, b"x" * UNREAD_BYTES) == 1

    def stuck_in_the_servers_kernel() -> bool:
        sock = socket_of(window, port, reader_port)
        return sock is not None and (sock.send_queue or 0) > 0

    qtbot.waitUntil(stuck_in_the_servers_kernel, timeout=SIGNAL_TIMEOUT_MS)
    return reader, conn


def read_to_the_end(reader: socket.socket) -> int:
    read = 0
    for _ in range(UNREAD_BYTES):  # bounded: each recv() returns one byte at least
        data = reader.recv(1 << 20)
        if not data:
            return read
        read += len(data)
    return read


def test_fin_wait1_while_the_fin_waits_behind_unread_data(qtbot: QtBot,
                                                          main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window, ServerModel.THREAD, Behaviour.MANUAL)
    reader, conn = reader_that_does_not_read(qtbot, main_window, port)
    with reader:
        reader_port = reader.getsockname()[1]
        main_window.server.disconnect(conn)  # the server closes first
        qtbot.waitUntil(lambda: state_of(main_window, port, reader_port) == "FIN_WAIT1",
                        timeout=SIGNAL_TIMEOUT_MS)
        assert has_row(main_window, "FIN_WAIT1", "only the kernel (no program holds it)"), \
            "the server's close() returned: its kernel still has the data, then the FIN, to send"
        assert "FIN_WAIT1: 1" in main_window.kernel_pane.diagram.describe()
        assert read_to_the_end(reader) > 0  # the data, then the FIN: it is ACKed at once
        qtbot.waitUntil(lambda: state_of(main_window, port, reader_port) == "FIN_WAIT2",
                        timeout=SIGNAL_TIMEOUT_MS)
        assert state_of(main_window, reader_port, port) == "CLOSE_WAIT"


def test_last_ack_while_the_second_fin_waits_behind_unread_data(
        qtbot: QtBot, main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window, ServerModel.THREAD, Behaviour.MANUAL)
    reader, conn = reader_that_does_not_read(qtbot, main_window, port)
    with reader:
        reader_port = reader.getsockname()[1]
        reader.shutdown(socket.SHUT_WR)  # the client closes first: its FIN arrives
        qtbot.waitUntil(lambda: state_of(main_window, port, reader_port) == "CLOSE_WAIT",
                        timeout=SIGNAL_TIMEOUT_MS)
        assert state_of(main_window, reader_port, port) == "FIN_WAIT2"
        main_window.server.disconnect(conn)  # then the server closes: its FIN is stuck
        qtbot.waitUntil(lambda: state_of(main_window, port, reader_port) == "LAST_ACK",
                        timeout=SIGNAL_TIMEOUT_MS)
        assert has_row(main_window, "LAST_ACK", "only the kernel (no program holds it)")
        assert "LAST_ACK: 1" in main_window.kernel_pane.diagram.describe()
        assert read_to_the_end(reader) > 0  # the FIN arrives and is ACKed: LAST_ACK ends
        qtbot.waitUntil(lambda: state_of(main_window, reader_port, port) == "TIME_WAIT"
                        and state_of(main_window, port, reader_port) is None,
                        timeout=SIGNAL_TIMEOUT_MS)
