"""The server's limits and failures: a full server, a port in use, TIME_WAIT, stopping
with everything blocked, IPv6, a worker that cannot start, clients that never read.

Every test talks to a real server over loopback with plain client sockets, and checks what a
person would see: bytes on the wire, events in order, worker names and child pids.
"""

from __future__ import annotations

import errno
import socket
import threading

import psutil
import pytest

from netcore.config import Behaviour, ServerConfig, ServerModel
from netcore.errors import NetError
from netcore.events import EventKind
from netcore.server import Server
from netcore.session import FULL_MESSAGE
from tests.netcore.helpers import (
    STOP_BOUND_SECONDS,
    WAIT_SECONDS,
    Recorder,
    pid_is_gone,
    recv_exactly,
    recv_until_closed,
    tcp_states,
    wait_until,
    worker_pid,
)

K = EventKind
ALL_MODELS = list(ServerModel)
CONCURRENT_MODELS = [ServerModel.THREAD, ServerModel.PROCESS, ServerModel.SELECT]


# ---- limits and errors ----


@pytest.mark.parametrize("model", CONCURRENT_MODELS, ids=lambda m: m.value)
def test_a_client_over_the_limit_is_told_the_server_is_full(model, start_server, open_client):
    running = start_server(model=model, max_connections=2)
    events = running.recorder
    a = open_client(running.address)
    b = open_client(running.address)
    running.wait_served(1)
    running.wait_served(2)

    third = open_client(running.address)
    assert recv_until_closed(third) == FULL_MESSAGE
    refused = events.wait_for(K.REFUSED_FULL, conn=3)
    assert "full" in refused.detail and "2 clients" in refused.detail
    assert not events.of(K.ACCEPTED, conn=3)

    b.sendall(b"B is served")
    assert recv_exactly(b, 11) == b"B is served"
    a.close()  # a place frees up: the next client is served again
    events.wait_for(K.CLOSED, conn=1)
    assert wait_until(lambda: running.server.connection_ids() == [2])
    fourth = open_client(running.address)
    fourth.sendall(b"D")
    assert recv_exactly(fourth, 1) == b"D"
    assert events.wait_for(K.ACCEPTED, conn=4)


def test_a_port_in_use_gives_a_sentence_naming_the_port():
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        events = Recorder()
        server = Server(ServerConfig(port=port), events)
        with pytest.raises(NetError) as caught:
            server.open()
    assert caught.value.code == errno.EADDRINUSE
    assert f"Port {port} is already in use" in caught.value.sentence
    assert str(caught.value) == caught.value.sentence
    assert events.wait_for(K.ERROR).detail == f"bind() failed: {caught.value.sentence}"
    assert not events.of(K.LISTENING)


def test_reopening_the_port_at_once_works_despite_time_wait(start_server, open_client):
    running = start_server(model=ServerModel.THREAD, behaviour=Behaviour.MANUAL)
    port = running.port
    client = open_client(running.address)
    running.wait_served(1)
    running.server.disconnect(1)  # the server closes first, so its side enters TIME_WAIT
    assert recv_until_closed(client) == b""
    client.close()
    running.stop()
    assert wait_until(lambda: psutil.CONN_TIME_WAIT in tcp_states(port))

    # Without SO_REUSEADDR that port cannot be bound now: the reopen below relies on it.
    with socket.socket() as plain, pytest.raises(OSError) as caught:
        plain.bind(("127.0.0.1", port))
    assert caught.value.errno == errno.EADDRINUSE

    again = start_server(model=ServerModel.THREAD, port=port)
    assert again.port == port
    fresh = open_client(again.address)
    fresh.sendall(b"back")
    assert recv_exactly(fresh, 4) == b"back"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.value)
def test_stop_wakes_everything_blocked_and_leaves_no_worker(model, start_server, open_client):
    running = start_server(model=model)
    events = running.recorder
    a = open_client(running.address)
    b = open_client(running.address)
    served = [1] if model is ServerModel.ITERATIVE else [1, 2]
    for conn_id in served:
        running.wait_served(conn_id)  # blocked in recv()
    children = [worker_pid(e.worker) for e in events.of(K.WORKER_STARTED)
                if model is ServerModel.PROCESS]

    took = running.stop(timeout=STOP_BOUND_SECONDS)
    assert took < STOP_BOUND_SECONDS

    names = {t.name for t in threading.enumerate()}
    assert not {n for n in names if n.startswith("thread conn-")}, names
    assert "child monitor" not in names and "server sender" not in names
    assert all(pid_is_gone(pid) for pid in children)
    assert len(children) == (2 if model is ServerModel.PROCESS else 0)
    assert recv_until_closed(a) == b"", "a served client sees the server close"
    if model is not ServerModel.ITERATIVE:
        assert recv_until_closed(b) == b""
    for conn_id in served:
        assert "the server stopped" in events.wait_for(K.CLOSED, conn=conn_id).detail
    assert events.events[-1].kind is K.STOPPED
    assert [e.kind for e in events.events].count(K.STOPPED) == 1


def test_stop_before_any_client_is_prompt(start_server):
    running = start_server(model=ServerModel.THREAD)
    running.recorder.wait_for(K.ACCEPT_WAITING)
    assert running.stop() < STOP_BOUND_SECONDS
    assert running.recorder.kinds(conn=None)[-2:] == [K.CLOSED, K.STOPPED]


def _has_ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="this machine has no IPv6 loopback ::1")
def test_ipv6_loopback_serves_and_names_addresses_in_brackets(start_server, open_client):
    running = start_server(model=ServerModel.THREAD, host="::1")
    host, port = running.address
    assert host == "::1"
    events = running.recorder
    assert "AF_INET6" in events.of(K.SOCKET_CREATED)[0].detail
    assert f"[::1]:{port}" in events.of(K.BOUND)[0].detail
    client = open_client(("::1", port))
    client.sendall(b"v6")
    assert recv_exactly(client, 2) == b"v6"
    assert events.wait_for(K.ACCEPTED, conn=1).peer == f"[::1]:{client.getsockname()[1]}"


def test_serve_forever_returns_only_after_every_worker_thread_ended():
    """A worker that finishes its connection just before the stop is still waited for.

    The sink holds the accept loop (as a busy machine might deschedule it) until the worker
    has finished its connection, and holds the worker just before it reports its end.
    The server's STOPPED must still come last, with no worker thread left running.
    """
    events = Recorder()
    accept_loop_may_go_on = threading.Event()
    serve_returned = threading.Event()

    def sink(event):
        if event.kind is K.WORKER_ENDED:
            serve_returned.wait(0.3)  # a slow worker; bounded, so a correct server waits little
        events(event)
        if event.kind is K.ACCEPT_WAITING and len(events.of(K.ACCEPT_WAITING)) == 2:
            accept_loop_may_go_on.wait(WAIT_SECONDS)

    server = Server(ServerConfig(model=ServerModel.THREAD), sink)
    address = server.open()
    serving = threading.Thread(target=server.serve_forever, name="test serve_forever")
    serving.start()
    client = socket.create_connection(address, timeout=WAIT_SECONDS)
    try:
        events.wait_for(K.RECV_WAITING, conn=1)
        events.wait_for(K.ACCEPT_WAITING, count=2)  # the accept loop is held there
        server.stop()
        assert wait_until(lambda: server.connection_ids() == [])
        accept_loop_may_go_on.set()
        serving.join(STOP_BOUND_SECONDS)
        assert not serving.is_alive()
        still_running = [t.name for t in threading.enumerate() if t.name == "thread conn-1"]
        serve_returned.set()
        assert not still_running, "serve_forever returned while a worker was still running"
        kinds = [e.kind for e in events.events]
        assert kinds[-1] is K.STOPPED
        assert kinds.index(K.WORKER_ENDED) < kinds.index(K.STOPPED)
    finally:
        accept_loop_may_go_on.set()
        serve_returned.set()
        server.stop()
        serving.join(WAIT_SECONDS)
        client.close()


def test_a_worker_that_cannot_start_closes_only_its_connection(start_server, open_client,
                                                               monkeypatch):
    """When the system cannot start another thread (too many, out of memory), that one
    connection is closed with a sentence and the server goes on accepting."""
    import netcore.server

    refusals = {"left": 1}

    class FailingOnceThread(threading.Thread):
        def start(self) -> None:
            if refusals["left"] and self.name.startswith("thread conn-"):
                refusals["left"] -= 1
                raise RuntimeError("can't start new thread")
            super().start()

    monkeypatch.setattr(netcore.server.threading, "Thread", FailingOnceThread)
    running = start_server(model=ServerModel.THREAD)
    events = running.recorder
    unlucky = open_client(running.address)
    assert recv_until_closed(unlucky) == b""
    error = events.wait_for(K.ERROR, conn=1)
    assert error.detail.startswith("No worker could be started for connection 1")
    events.wait_for(K.CLOSED, conn=1)
    served = open_client(running.address)
    served.sendall(b"next")
    assert recv_exactly(served, 4) == b"next"
    assert running.server.connection_ids() == [2]


@pytest.mark.parametrize("model", CONCURRENT_MODELS, ids=lambda m: m.value)
def test_a_chat_client_that_never_reads_is_dropped_and_holds_up_nobody(model, start_server,
                                                                       open_client, request):
    """B never reads. A's 4 MiB still reach C whole and in order; B is disconnected with
    a sentence instead of stalling the chat or filling the server's memory."""
    # The thread model slows A down while C's queue is full (back-pressure); the process
    # model relays from the one thread that reads every child's pipe, which must never
    # wait, so C's queue must hold what A sends in one go.
    queue_limit = 8 * 1024 * 1024 if model is ServerModel.PROCESS else 1024 * 1024
    running = start_server(model=model, behaviour=Behaviour.CHAT, slow_reader_seconds=0.5,
                           max_queued_bytes=queue_limit)
    events = running.recorder
    a = open_client(running.address)
    # B's receive buffer is kept small: Linux's receive buffers may grow to 32 MiB, and
    # would hold all of A's 4 MiB for a B that reads nothing.
    b = small_window_client(running.address)
    request.addfinalizer(b.close)
    c = open_client(running.address)
    for conn in (1, 2, 3):
        running.wait_served(conn)
    message = bytes(range(256)) * 256  # 64 KiB, its order visible
    count = 64
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(recv_exactly(c, len(message) * count)),
                              name="test reader C")
    reader.start()
    try:
        for _ in range(count):
            a.sendall(message)
    finally:
        reader.join(WAIT_SECONDS * 2)
    assert not reader.is_alive()
    assert got[0] == message * count
    dropped = events.wait_for(K.ERROR, conn=2)
    assert "read nothing for 0.5 seconds" in dropped.detail or "reads too slowly" in dropped.detail
    events.wait_for(K.CLOSED, conn=2)
    assert not events.of(K.ERROR, conn=3) and not events.of(K.CLOSED, conn=3)


def test_a_send_that_must_wait_is_reported_before_it_blocks(start_server):
    """A client that sends without reading fills the echo's way back: the worker's send()
    waits (TCP flow control), and says so before it blocks."""
    running = start_server(model=ServerModel.THREAD)
    events = running.recorder
    with small_window_client(running.address) as client:
        flood = threading.Thread(target=_send_ignoring_errors, args=(client, b"z" * (8 << 20)),
                                 name="test flood")
        flood.start()
        try:
            waiting = events.wait_for(K.SEND_WAITING, conn=1)
            assert waiting.detail.startswith("waiting in send():")
            assert waiting.worker == "thread conn-1"
        finally:
            running.server.stop()  # wakes the blocked send(); the client's sendall then fails
            flood.join(WAIT_SECONDS)
        assert not flood.is_alive()
    events.wait_for(K.STOPPED)


def _send_ignoring_errors(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
    except OSError:
        pass  # the server stopped while this was still sending: expected


@pytest.mark.parametrize("model", CONCURRENT_MODELS, ids=lambda m: m.value)
def test_disconnect_is_at_once_even_with_data_queued_for_a_client_that_never_reads(
        model, start_server, request):
    running = start_server(model=model, behaviour=Behaviour.MANUAL)
    events = running.recorder
    client = small_window_client(running.address)
    request.addfinalizer(client.close)
    running.wait_served(1)
    chunk = b"q" * 65536
    for _ in range(60):  # far more than the socket buffers hold: most of it waits
        running.server.send_to(1, chunk)
    events.wait_for(K.SENT, conn=1)
    assert running.server.disconnect(1)
    # Well before the 5 s a queued send may wait for a slow reader: Disconnect overtakes.
    closed = events.wait_for(K.CLOSED, conn=1, timeout=2.0)
    assert "the server disconnected it" in closed.detail
    assert not any("read nothing" in e.detail for e in events.of(K.ERROR, conn=1))


def small_window_client(address: tuple[str, int]) -> socket.socket:
    """A client that reads nothing, with a small receive buffer set before connect():
    shrunk after the handshake, the window it already advertised stays, and on Linux the
    two sides can stall each other's ACKs."""
    sock = socket.socket()
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(WAIT_SECONDS)
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock
