"""The client: connect, send and receive, half-close, close, abort, and every way connect fails.

The client's run() blocks on a thread of its own, as it does under the window's QThread; the
peer is a real netcore server or a plain socket on loopback.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator

import psutil
import pytest

from netcore.client import MAX_QUEUED_SEND_BYTES, Client, ClientState
from netcore.config import Behaviour, ServerModel
from netcore.events import EventKind
from tests.netcore.helpers import (
    WAIT_SECONDS,
    Recorder,
    is_subsequence,
    recv_exactly,
    tcp_states,
    wait_until,
    worker_pid,
)

K = EventKind
ALL_MODELS = list(ServerModel)
CONNECT_TIMEOUT = 0.5  # short, for the test that waits for connect() to time out


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A loopback port whose listener never accepts and whose queue is full.

    listen(0) queues one connection; with that one made, Linux drops every further SYN, so
    a new connect() waits for an answer that never comes, as with a computer that is off.
    """
    listener = socket.socket()
    queued: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(4):  # bounded: on Linux the second connect already hangs
            probe = socket.socket()
            probe.settimeout(0.3)
            try:
                probe.connect(("127.0.0.1", port))
            except socket.timeout:
                probe.close()
                break
            queued.append(probe)
        else:
            pytest.skip("this system never drops SYNs to a full listen queue")
        yield port
    finally:
        for sock in queued:
            sock.close()
        listener.close()


def test_connect_send_and_receive(start_server, run_client):
    running = start_server(model=ServerModel.THREAD)
    runner = run_client("127.0.0.1", running.port, name="client 7")
    client, events = runner.client, runner.recorder

    connected = events.wait_for(K.CONNECTED)
    assert client.state is ClientState.CONNECTED
    assert f"127.0.0.1:{running.port}" in connected.detail
    accepted = running.recorder.wait_for(K.ACCEPTED, conn=1)
    assert accepted.peer == f"127.0.0.1:{client.local_port}"
    assert str(client.local_port) in connected.detail

    assert client.send(b"ping")
    events.wait_for_data(K.RECEIVED, b"ping")
    events.wait_for(K.SENT)
    assert client.bytes_out == 4 and client.bytes_in == 4
    assert events.kinds()[:3] == [K.SOCKET_CREATED, K.CONNECTING, K.CONNECTED]
    # The reply can be reported before the send's own thread reports the send; their times
    # still tell the true order (the window sorts by them).
    by_time = [e.kind for e in sorted(events.events, key=lambda e: e.at)]
    assert is_subsequence([K.CONNECTED, K.SENT, K.RECEIVED], by_time)
    assert {e.worker for e in events.events} == {"client 7"}
    assert running.recorder.received_by(conn=1) == b"ping"

    runner.finish()
    assert client.state is ClientState.CLOSED
    assert events.events[-1].kind is K.CLOSED
    assert not events.of(K.ERROR)


def test_many_sends_in_a_row_arrive_whole_and_in_order(run_client):
    """Sends go out at once while the socket takes them, and through the sender thread once
    it is full (the peer reads nothing yet): every byte arrives once, in the order sent."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)  # before listen()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        runner = run_client("127.0.0.1", listener.getsockname()[1])
        client, events = runner.client, runner.recorder
        events.wait_for(K.CONNECTED)
        peer, _ = listener.accept()
    with peer:
        # About 10 MiB: more than the send buffer can grow to (tcp_wmem's 4 MiB at most).
        messages = [bytes([number % 256]) * (number * 997 % 70_000 + 1) for number in range(300)]
        for message in messages:  # far more than the socket buffers hold: some must queue
            assert client.send(message)
        events.wait_for(K.SEND_WAITING)  # the sender thread took over, and waits
        expected = b"".join(messages)
        assert recv_exactly(peer, len(expected), timeout=WAIT_SECONDS * 2) == expected
        events.wait_for(K.SENT, count=len(messages))
        assert [e.data for e in events.of(K.SENT)] == messages
        assert client.bytes_out == len(expected)


def test_half_close_server_sees_fin_and_echo_still_arrives(start_server, run_client):
    running = start_server(model=ServerModel.THREAD)
    runner = run_client("127.0.0.1", running.port)
    client, events = runner.client, runner.recorder
    events.wait_for(K.CONNECTED)

    assert client.send(b"last words")
    assert client.half_close()
    running.recorder.wait_for(K.PEER_CLOSED, conn=1)
    assert running.recorder.received_by(conn=1) == b"last words"
    events.wait_for_data(K.RECEIVED, b"last words")  # the reply came after our FIN went out
    events.wait_for(K.HALF_CLOSED)
    assert is_subsequence([K.SENT, K.HALF_CLOSED], events.kinds()), "the FIN follows the data"
    assert not client.send(b"more"), "a half-closed client sends nothing more"

    # The echo server closes in turn: the client sees that FIN and its run() returns.
    events.wait_for(K.PEER_CLOSED)
    runner.join()
    assert "the server closed the connection" in events.events[-1].detail
    assert not events.of(K.ERROR)


def test_half_closed_client_still_receives_what_the_server_sends_later(start_server,
                                                                        run_client):
    running = start_server(model=ServerModel.THREAD, behaviour=Behaviour.MANUAL)
    runner = run_client("127.0.0.1", running.port)
    client, events = runner.client, runner.recorder
    events.wait_for(K.CONNECTED)
    running.recorder.wait_for(K.RECV_WAITING, conn=1)

    client.half_close()
    events.wait_for(K.HALF_CLOSED)
    assert client.state is ClientState.HALF_CLOSED
    running.recorder.wait_for(K.PEER_CLOSED, conn=1)
    running.server.send_to(1, b"reply after your FIN")
    events.wait_for_data(K.RECEIVED, b"reply after your FIN")
    running.server.disconnect(1)
    events.wait_for(K.PEER_CLOSED)
    runner.join()


def test_close_sends_fin_the_server_sees_the_peer_close(start_server, run_client):
    running = start_server(model=ServerModel.THREAD)
    runner = run_client("127.0.0.1", running.port)
    runner.recorder.wait_for(K.CONNECTED)
    running.recorder.wait_for(K.RECV_WAITING, conn=1)

    runner.client.close()
    runner.join()
    peer_closed = running.recorder.wait_for(K.PEER_CLOSED, conn=1)
    assert "FIN" in peer_closed.detail
    assert "the client closed" in running.recorder.wait_for(K.CLOSED, conn=1).detail
    closed = runner.recorder.events[-1]
    assert closed.kind is K.CLOSED and "you closed the connection" in closed.detail
    assert not runner.recorder.of(K.PEER_CLOSED), "this side closed first"
    assert not runner.recorder.of(K.ERROR) and not running.recorder.of(K.ERROR)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.value)
def test_abort_resets_the_connection_and_the_server_says_so(model, start_server, run_client):
    running = start_server(model=model)
    runner = run_client("127.0.0.1", running.port)
    runner.recorder.wait_for(K.CONNECTED)
    running.wait_served(1)
    serving_worker = running.recorder.of(conn=1)[-1].worker

    runner.client.abort()
    runner.join()
    assert runner.recorder.of(K.ABORTED)
    assert "RST" in runner.recorder.events[-1].detail
    error = running.recorder.wait_for(K.ERROR, conn=1)
    assert "The other side reset the connection" in error.detail
    assert error.worker == serving_worker  # reported by the connection's own worker
    if model is ServerModel.PROCESS:
        worker_pid(error.worker)
    assert "reset" in running.recorder.wait_for(K.CLOSED, conn=1).detail
    assert not running.recorder.of(K.PEER_CLOSED), "an RST is not a FIN"


def test_connection_refused_sentence():
    with socket.socket() as bound_not_listening:  # keeps the port taken, and refusing
        bound_not_listening.bind(("127.0.0.1", 0))
        port = bound_not_listening.getsockname()[1]
        events = Recorder()
        client = Client(events, name="client 1")
        client.run("127.0.0.1", port, timeout=WAIT_SECONDS)
    assert events.kinds() == [K.SOCKET_CREATED, K.CONNECTING, K.ERROR, K.CLOSED]
    assert events.of(K.ERROR)[0].detail.startswith(
        f"Connection refused: nothing is listening on 127.0.0.1:{port}.")
    assert client.state is ClientState.CLOSED
    assert not client.send(b"x") and not client.half_close()


def test_unknown_host_sentence():
    events = Recorder()
    Client(events).run("no-such-host.invalid", 80, timeout=WAIT_SECONDS)
    assert events.kinds() == [K.CONNECTING, K.ERROR, K.CLOSED]
    assert events.of(K.CONNECTING)[0].detail.startswith("getaddrinfo(): looking up")
    assert events.of(K.ERROR)[0].detail.startswith(
        'Unknown host "no-such-host.invalid": no computer with that name could be found.')


def test_connect_timeout_sentence(unanswered_port):
    events = Recorder()
    started = time.monotonic()
    Client(events).run("127.0.0.1", unanswered_port, timeout=CONNECT_TIMEOUT)
    took = time.monotonic() - started
    assert CONNECT_TIMEOUT * 0.8 <= took < CONNECT_TIMEOUT + 2.0
    assert events.kinds() == [K.SOCKET_CREATED, K.CONNECTING, K.ERROR, K.CLOSED]
    assert events.of(K.ERROR)[0].detail.startswith(
        f"No answer from 127.0.0.1:{unanswered_port} within 0.5 seconds")


def test_close_while_connect_is_blocked_returns_promptly_without_error(unanswered_port,
                                                                        run_client):
    runner = run_client("127.0.0.1", unanswered_port, timeout=WAIT_SECONDS)
    runner.recorder.wait_for(K.CONNECTING)
    # The kernel shows our SYN unanswered: connect() is blocked.
    assert wait_until(lambda: psutil.CONN_SYN_SENT in tcp_states(unanswered_port))

    started = time.monotonic()
    runner.client.close()
    runner.join(timeout=1.0)
    assert time.monotonic() - started < 1.0
    assert runner.recorder.kinds() == [K.SOCKET_CREATED, K.CONNECTING, K.CLOSED]
    assert "no connection was made" in runner.recorder.events[-1].detail
    assert runner.client.state is ClientState.CLOSED


def test_close_just_before_connect_starts_never_reports_connected(start_server):
    """close() can come after the socket exists but before connect() runs (the user clicks
    Disconnect at once). The client must give up, not report a connection."""
    running = start_server(model=ServerModel.THREAD)
    events = Recorder()

    def sink(event):
        events(event)
        if event.kind is K.CONNECTING:
            client.close()  # on the run() thread, just before it calls connect()

    client = Client(sink, name="client 1")
    runs = threading.Thread(target=client.run, args=("127.0.0.1", running.port, WAIT_SECONDS),
                            name="test client run")
    runs.start()
    runs.join(WAIT_SECONDS)
    if runs.is_alive():  # a client that wrongly connected waits in recv(): end it
        client.abort()
        runs.join(WAIT_SECONDS)
    assert not runs.is_alive()
    assert events.kinds() == [K.SOCKET_CREATED, K.CONNECTING, K.CLOSED]
    assert "no connection was made" in events.events[-1].detail


def test_reset_by_the_server_gives_the_reset_sentence(run_client):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(WAIT_SECONDS)
        port = listener.getsockname()[1]
        runner = run_client("127.0.0.1", port)
        accepted, _ = listener.accept()
        with accepted:
            runner.recorder.wait_for(K.RECV_WAITING)
            # SO_LINGER on, 0 seconds: close() sends RST instead of FIN.
            accepted.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        error = runner.recorder.wait_for(K.ERROR)
        runner.join()
    assert error.detail.startswith(
        f"The other side reset the connection (127.0.0.1:{port}): it aborted")
    assert not runner.recorder.of(K.PEER_CLOSED)
    assert "the connection failed" in runner.recorder.events[-1].detail
    assert runner.client.state is ClientState.CLOSED


def test_close_during_a_slow_name_lookup_returns_at_once(run_client, monkeypatch):
    """A name lookup cannot be woken; the client must not make close() wait for it."""
    import netcore.client

    release = threading.Event()
    real_getaddrinfo = socket.getaddrinfo

    def slow_dns(host, *args, **kwargs):
        if host == "slow.example.invalid" and kwargs.get("flags", 0) & socket.AI_NUMERICHOST:
            raise socket.gaierror("not a numeric address")  # as the real one says, at once
        if host == "slow.example.invalid":
            release.wait(WAIT_SECONDS)  # a DNS server that does not answer
            raise socket.gaierror("no answer")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(netcore.client.socket, "getaddrinfo", slow_dns)
    runner = run_client("slow.example.invalid", 80, timeout=WAIT_SECONDS)
    runner.recorder.wait_for(K.CONNECTING)
    runner.client.close()
    runner.join(timeout=1.0)  # fails the test if run() is still waiting for the lookup
    assert runner.recorder.kinds() == [K.CONNECTING, K.CLOSED]
    assert not runner.recorder.of(K.ERROR)
    release.set()  # let the abandoned lookup thread end, so nothing is left behind
    lookups = [t for t in threading.enumerate() if t.name.endswith("name lookup")]
    for lookup in lookups:
        lookup.join(WAIT_SECONDS)


def test_abort_while_a_send_waits_for_a_peer_that_does_not_read(run_client):
    """Flow control holds the client's send(); Abort still ends it at once, with a reset."""
    with socket.socket() as listener:
        # Set before listen(): accepted sockets inherit it with the window they advertise.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        runner = run_client("127.0.0.1", listener.getsockname()[1], timeout=WAIT_SECONDS)
        runner.recorder.wait_for(K.CONNECTED)
        peer, _ = listener.accept()
        with peer:
            runner.client.send(b"w" * (16 << 20))  # far more than the buffers hold
            runner.recorder.wait_for(K.SEND_WAITING)
            runner.client.abort()
            runner.join(timeout=1.0)
            assert runner.recorder.events[-1].detail.endswith("(an RST was sent)")
            peer.settimeout(WAIT_SECONDS)
            with pytest.raises(ConnectionResetError):
                for _ in range(10_000):  # read what arrived before the reset
                    if not peer.recv(1 << 20):
                        break  # a FIN, not a reset: the test fails


def test_sends_to_a_server_that_never_reads_are_bounded() -> None:
    """A server that accepts nothing: the kernel buffers fill, then the client holds at most
    MAX_QUEUED_SEND_BYTES and refuses more, instead of growing for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    recorder = Recorder()
    client = Client(recorder, "client 1")
    runner = threading.Thread(target=client.run, args=("127.0.0.1", listener.getsockname()[1], 5.0))
    runner.start()
    try:
        assert wait_until(lambda: client.state is ClientState.CONNECTED)
        chunk = b"x" * 65536
        accepted = 0
        for _ in range(4 * MAX_QUEUED_SEND_BYTES // len(chunk)):  # bounded: 4x the cap
            if not client.send(chunk):
                break
            accepted += 1
        assert not client.send(chunk), "refused once the queue is full"
        assert client.queued_bytes <= MAX_QUEUED_SEND_BYTES
        assert accepted * len(chunk) < 3 * MAX_QUEUED_SEND_BYTES, "the kernel took the rest"
    finally:
        client.abort()
        runner.join(5)
        listener.close()
    assert not runner.is_alive()
