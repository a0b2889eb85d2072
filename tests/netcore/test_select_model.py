"""The one-thread select/epoll server: every client from one loop, none able to hold it up."""

from __future__ import annotations

import os
import socket
import threading

from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from tests.netcore.helpers import WAIT_SECONDS, recv_exactly, recv_until_closed

K = EventKind
MANY_CLIENTS = 60


def native_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def test_one_thread_serves_many_clients_at_once(start_server, open_client):
    running = start_server(model=ServerModel.SELECT, max_connections=MANY_CLIENTS)
    events = running.recorder
    first = open_client(running.address)
    running.wait_served(1)
    threads_with_one_client = native_threads()

    clients = [first] + [open_client(running.address) for _ in range(MANY_CLIENTS - 1)]
    for number, client in enumerate(clients):
        client.sendall(f"client {number}".encode())
    for number, client in enumerate(clients):
        expected = f"client {number}".encode()
        assert recv_exactly(client, len(expected)) == expected

    assert native_threads() == threads_with_one_client, "no thread per client"
    assert sorted(running.server.connection_ids()) == list(range(1, MANY_CLIENTS + 1))
    workers = {e.worker for e in events.events}
    assert workers == {"select loop"}, workers
    waiting = events.of(K.SELECT_WAITING)[-1]
    assert f"any of {MANY_CLIENTS + 1} sockets" in waiting.detail


def test_a_client_that_never_reads_holds_up_nobody_and_is_dropped(start_server, open_client):
    """A sends without reading, so its echoes pile up; B is still answered at once, and A
    is disconnected with a sentence once it has read nothing for slow_reader_seconds."""
    running = start_server(model=ServerModel.SELECT, slow_reader_seconds=0.5)
    events = running.recorder
    stalled = socket.socket()
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect()
    stalled.settimeout(WAIT_SECONDS)
    stalled.connect(running.address)
    flood_done = threading.Event()

    def flood() -> None:
        try:
            for _ in range(400):  # bounded; far more than the buffers hold
                stalled.sendall(b"a" * 65536)
        except OSError:
            pass  # the server dropped it: expected
        flood_done.set()

    flooder = threading.Thread(target=flood, name="test flood")
    flooder.start()
    try:
        waiting = events.wait_for(K.SEND_WAITING, conn=1)
        assert "serves the others meanwhile" in waiting.detail
        other = open_client(running.address)
        other.sendall(b"still served")
        assert recv_exactly(other, 12) == b"still served"

        dropped = events.wait_for(K.ERROR, conn=1)
        assert "read nothing for 0.5 seconds" in dropped.detail
        assert "stopped reading" in events.wait_for(K.CLOSED, conn=1).detail
    finally:
        flooder.join(WAIT_SECONDS)
        stalled.close()
    assert not flooder.is_alive()
    other.sendall(b"after")
    assert recv_exactly(other, 5) == b"after"


def test_replies_still_arrive_after_the_client_half_closes(start_server, open_client):
    """Lose nothing: a client that sends a lot and then shuts down its sending side still
    gets every byte echoed before the server closes."""
    running = start_server(model=ServerModel.SELECT)
    client = open_client(running.address)
    payload = bytes(range(256)) * 4096  # 1 MiB, its order visible
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(recv_until_closed(
        client, limit=len(payload))), name="test reader")
    reader.start()
    client.sendall(payload)
    client.shutdown(socket.SHUT_WR)
    reader.join(WAIT_SECONDS)
    assert not reader.is_alive()
    assert received[0] == payload
    closed = running.recorder.wait_for(K.CLOSED, conn=1)
    assert "the client closed the connection" in closed.detail


def test_manual_replies_and_disconnect_go_through_the_loop(start_server, open_client):
    running = start_server(model=ServerModel.SELECT, behaviour=Behaviour.MANUAL)
    server, events = running.server, running.recorder
    client = open_client(running.address)
    running.wait_served(1)
    assert server.send_to(1, b"welcome")
    assert recv_exactly(client, 7) == b"welcome"
    assert events.wait_for(K.SENT, conn=1).worker == "select loop"
    assert server.disconnect(1)
    assert recv_until_closed(client) == b""
    assert "the server disconnected it" in events.wait_for(K.CLOSED, conn=1).detail
    assert not server.send_to(1, b"too late")


def test_a_connection_closed_earlier_in_the_same_select_batch_is_skipped():
    """One select() reports many sockets. Serving an earlier one can close a later one
    (a chat relay to a client that reset, a Disconnect); its own readiness, still in the
    batch, must then be skipped, not crash the loop or report a second close."""
    import selectors

    from netcore.config import ServerConfig
    from netcore.select_model import SelectLoop
    from tests.netcore.helpers import Recorder

    events = Recorder()
    listener, peer_side = socket.socketpair()
    server_side, client_side = socket.socketpair()
    loop = SelectLoop(listener, ServerConfig(model=ServerModel.SELECT), events,
                      threading.Event(), lambda: 1)
    try:
        loop._add(server_side, "peer")
        conn = loop._connections[1]
        conn.pending += b"waiting for room"
        loop._close(conn, "the server disconnected it")
        loop._serve_ready(conn, selectors.EVENT_READ | selectors.EVENT_WRITE)
        loop._close(conn, "closed twice")
    finally:
        loop._selector.close()
        loop._mailbox.close()
        for sock in (listener, peer_side, client_side):
            sock.close()
    assert [e.kind for e in events.of(conn=1)] == [K.ACCEPTED, K.CLOSED]
    assert "disconnected" in events.of(K.CLOSED, conn=1)[0].detail
