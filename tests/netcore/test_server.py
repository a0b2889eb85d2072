"""The server: lifecycle events, the concurrency models, behaviours, manual mode (its
limits and failures: test_server_limits.py).

Every test talks to a real server over loopback with plain client sockets, and checks what a
person would see: bytes on the wire, events in order, worker names and child pids.
"""

from __future__ import annotations

import os
import socket
import threading

import psutil
import pytest

from netcore.config import Behaviour, ServerModel
from netcore.errors import format_address
from netcore.events import Event, EventKind
from tests.netcore.helpers import (
    assert_nothing_arrives,
    is_subsequence,
    pid_is_gone,
    recv_exactly,
    recv_until_closed,
    wait_until,
    worker_pid,
)

K = EventKind
ALL_MODELS = list(ServerModel)
CONCURRENT_MODELS = [ServerModel.THREAD, ServerModel.PROCESS, ServerModel.SELECT]
WORKER_KINDS = (K.WORKER_STARTED, K.WORKER_ENDED)


def expected_worker(model: ServerModel, conn_id: int) -> str | None:
    """The worker name a model gives a connection (None: a child pid, checked separately)."""
    if model is ServerModel.ITERATIVE:
        return "main loop"
    if model is ServerModel.THREAD:
        return f"thread conn-{conn_id}"
    if model is ServerModel.SELECT:
        return "select loop"
    return None


def local_name(sock: socket.socket) -> str:
    return format_address(*sock.getsockname()[:2])


# ---- one client, every model ----


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.value)
def test_echo_round_trip_reports_each_step_in_order(model, start_server, open_client):
    running = start_server(model=model)
    events = running.recorder

    client = open_client(running.address)
    client.sendall(b"hello")
    assert recv_exactly(client, 5) == b"hello"
    client_name = local_name(client)
    client.close()
    events.wait_for(K.CLOSED, conn=1)
    if model in (ServerModel.THREAD, ServerModel.PROCESS):
        events.wait_for(K.WORKER_ENDED, conn=1)
    running.stop()

    # The listening socket's own story, from socket() to the stop. The select model's
    # one loop waits in select()/epoll() for every socket at once, not in accept().
    first_wait = K.SELECT_WAITING if model is ServerModel.SELECT else K.ACCEPT_WAITING
    listener = events.kinds(conn=None)
    assert listener[:4] == [K.SOCKET_CREATED, K.BOUND, K.LISTENING, first_wait]
    assert listener[-2:] == [K.CLOSED, K.STOPPED]
    assert events.events[-1].kind is K.STOPPED, "nothing may be reported after the stop"

    # The connection's story: accept, recv, echo, the client's FIN, close. A blocking
    # worker says it waits in recv(); the select loop never waits on one socket.
    if model is ServerModel.SELECT:
        assert events.kinds(conn=1) == [K.ACCEPTED, K.RECEIVED, K.SENT, K.PEER_CLOSED,
                                        K.CLOSED]
    else:
        assert events.kinds(conn=1, ignore=WORKER_KINDS) == [
            K.ACCEPTED, K.RECV_WAITING, K.RECEIVED, K.SENT, K.RECV_WAITING, K.PEER_CLOSED,
            K.CLOSED]
    all_kinds = [e.kind for e in events.events]
    assert is_subsequence([K.LISTENING, first_wait, K.ACCEPTED, K.RECEIVED,
                           K.PEER_CLOSED, K.STOPPED], all_kinds)
    accepted = events.of(K.ACCEPTED, conn=1)[0]
    assert accepted.peer == client_name and client_name in accepted.detail
    assert events.of(K.RECEIVED, conn=1)[0].data == b"hello"
    assert events.of(K.SENT, conn=1)[0].data == b"hello"
    # Every event has every field (some are built field by field, for speed), and each
    # stands for one call: only a window folds events together.
    assert {len(e) for e in events.events} == {len(Event._fields)}
    assert {e.count for e in events.events} == {1}

    served_by = {e.worker for e in events.of(conn=1) if e.kind is not K.ACCEPTED}
    assert len(served_by) == 1, f"one worker serves a connection, not {served_by}"
    worker = served_by.pop()
    if model is ServerModel.PROCESS:
        assert worker_pid(worker) != os.getpid()
    else:
        assert worker == expected_worker(model, 1)


def test_port_zero_reports_the_port_the_system_chose(start_server, open_client):
    running = start_server(port=0)
    host, port = running.address
    assert host == "127.0.0.1" and 1024 <= port <= 65535
    bound = running.recorder.of(K.BOUND)[0]
    assert f"127.0.0.1:{port}" in bound.detail
    assert f"127.0.0.1:{port}" in running.recorder.of(K.LISTENING)[0].detail
    client = open_client(("127.0.0.1", port))  # the reported port is really listening
    client.sendall(b"x")
    assert recv_exactly(client, 1) == b"x"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.value)
def test_upper_sends_back_capitals_and_leaves_other_bytes(model, start_server, open_client):
    running = start_server(model=model, behaviour=Behaviour.UPPER)
    client = open_client(running.address)
    sent = "Hello, wörld 123!\n".encode()
    client.sendall(sent)
    assert recv_exactly(client, len(sent)) == "HELLO, WöRLD 123!\n".encode()
    running.recorder.wait_for_data(K.SENT, "HELLO, WöRLD 123!\n".encode(), conn=1)


# ---- what each model does with several clients ----


def test_iterative_server_makes_the_second_client_wait(start_server, open_client):
    running = start_server(model=ServerModel.ITERATIVE)
    events = running.recorder
    first = open_client(running.address)
    first.sendall(b"from A")
    assert recv_exactly(first, 6) == b"from A"

    # The kernel completes B's handshake (connect() returns) and queues it; nobody serves it.
    second = open_client(running.address)
    second.sendall(b"from B")
    assert_nothing_arrives(second)
    assert not events.of(K.ACCEPTED, conn=2)
    assert b"from B" not in events.received_by()

    first.close()
    assert recv_exactly(second, 6) == b"from B"
    kinds_and_conns = [(e.kind, e.conn) for e in events.events]
    assert kinds_and_conns.index((K.CLOSED, 1)) < kinds_and_conns.index((K.ACCEPTED, 2))
    assert events.wait_for(K.RECEIVED, conn=2).worker == "main loop"


def test_thread_model_serves_two_clients_at_once_on_two_threads(start_server, open_client):
    running = start_server(model=ServerModel.THREAD)
    events = running.recorder
    first = open_client(running.address)
    second = open_client(running.address)
    # B is answered while A is still connected and idle: no waiting, unlike the iterative model.
    second.sendall(b"B first")
    assert recv_exactly(second, 7) == b"B first"
    first.sendall(b"then A")
    assert recv_exactly(first, 6) == b"then A"

    assert events.wait_for(K.RECEIVED, conn=1).worker == "thread conn-1"
    assert events.wait_for(K.RECEIVED, conn=2).worker == "thread conn-2"
    alive = {t.name for t in threading.enumerate()}
    assert {"thread conn-1", "thread conn-2"} <= alive
    started = events.wait_for(K.WORKER_STARTED, conn=2)
    assert "thread conn-2" in started.detail

    first.close()
    events.wait_for(K.WORKER_ENDED, conn=1)
    assert wait_until(lambda: "thread conn-1" not in {t.name for t in threading.enumerate()})
    second.sendall(b"still here")  # B's thread is unaffected by A leaving
    assert recv_exactly(second, 10) == b"still here"


def test_process_model_serves_each_client_from_its_own_child(start_server, open_client):
    running = start_server(model=ServerModel.PROCESS)
    events = running.recorder
    first = open_client(running.address)
    second = open_client(running.address)
    first.sendall(b"A")
    second.sendall(b"B")
    assert recv_exactly(first, 1) == b"A"
    assert recv_exactly(second, 1) == b"B"

    pid_a = worker_pid(events.wait_for(K.WORKER_STARTED, conn=1).worker)
    pid_b = worker_pid(events.wait_for(K.WORKER_STARTED, conn=2).worker)
    assert len({pid_a, pid_b, os.getpid()}) == 3
    for pid in (pid_a, pid_b):
        child = psutil.Process(pid)
        assert child.ppid() == os.getpid(), "a child of the server's process"
        assert child.status() != psutil.STATUS_ZOMBIE
    assert events.wait_for(K.RECEIVED, conn=1).worker == f"pid {pid_a}"
    assert events.wait_for(K.SENT, conn=2).worker == f"pid {pid_b}"

    first.close()
    events.wait_for(K.CLOSED, conn=1)
    assert wait_until(lambda: pid_is_gone(pid_a)), f"child {pid_a} outlived its client"
    assert not pid_is_gone(pid_b), "B's child must keep serving B"
    second.sendall(b"again")
    assert recv_exactly(second, 5) == b"again"


@pytest.mark.parametrize("model", CONCURRENT_MODELS, ids=lambda m: m.value)
def test_chat_relays_to_every_other_client_but_not_the_sender(model, start_server, open_client):
    running = start_server(model=model, behaviour=Behaviour.CHAT)
    events = running.recorder
    a, b, c = (open_client(running.address) for _ in range(3))
    for conn_id in (1, 2, 3):
        running.wait_served(conn_id)  # each is served, so each gets relays

    a.sendall(b"hello from A\n")
    assert recv_exactly(b, 13) == b"hello from A\n"
    assert recv_exactly(c, 13) == b"hello from A\n"
    b.sendall(b"B here\n")
    assert recv_exactly(c, 7) == b"B here\n"
    # A's first bytes are B's message: its own was never sent back to it.
    assert recv_exactly(a, 7) == b"B here\n"
    assert_nothing_arrives(b)
    events.wait_for(K.SENT, count=4)
    sent_to = sorted(e.conn for e in events.of(K.SENT))
    assert sent_to == [1, 2, 3, 3]


# ---- manual mode: the person at the server replies ----


@pytest.mark.parametrize("model", CONCURRENT_MODELS, ids=lambda m: m.value)
def test_manual_send_to_one_to_all_and_disconnect(model, start_server, open_client):
    running = start_server(model=model, behaviour=Behaviour.MANUAL)
    server, events = running.server, running.recorder
    a = open_client(running.address)
    b = open_client(running.address)
    running.wait_served(1)
    running.wait_served(2)
    assert server.connection_ids() == [1, 2]

    a.sendall(b"question")  # manual mode: received and shown, but no automatic reply
    events.wait_for(K.RECEIVED, conn=1)
    assert server.send_to(1, b"only A")
    assert recv_exactly(a, 6) == b"only A"
    assert server.send_to_all(b"everyone") == 2
    assert recv_exactly(a, 8) == b"everyone"
    assert recv_exactly(b, 8) == b"everyone", "B got only the message meant for all"

    assert server.disconnect(1)
    assert recv_until_closed(a) == b""
    closed = events.wait_for(K.CLOSED, conn=1)
    assert "disconnected" in closed.detail
    assert wait_until(lambda: server.connection_ids() == [2])
    assert not server.send_to(1, b"too late")
    assert server.send_to(2, b"B still open")
    assert recv_exactly(b, 12) == b"B still open"


def test_manual_iterative_send_and_disconnect(start_server, open_client):
    running = start_server(model=ServerModel.ITERATIVE, behaviour=Behaviour.MANUAL)
    server, events = running.server, running.recorder
    a = open_client(running.address)
    running.wait_served(1)
    assert server.send_to(1, b"welcome")
    assert recv_exactly(a, 7) == b"welcome"
    assert events.wait_for(K.SENT, conn=1).data == b"welcome"
    server.disconnect(1)
    assert recv_until_closed(a) == b""
    events.wait_for(K.ACCEPT_WAITING, count=2)  # back to accept() for the next client


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.value)
def test_manual_server_still_replies_after_client_half_close(model, start_server, open_client):
    running = start_server(model=model, behaviour=Behaviour.MANUAL)
    server, events = running.server, running.recorder
    client = open_client(running.address)
    client.sendall(b"last question")
    client.shutdown(socket.SHUT_WR)  # FIN: no more from the client, but it still listens

    peer_closed = events.wait_for(K.PEER_CLOSED, conn=1)
    assert "still send" in peer_closed.detail
    assert events.received_by(conn=1) == b"last question"
    assert not events.of(K.CLOSED, conn=1), "the server waits for the person to disconnect"
    assert server.send_to(1, b"the answer")
    assert recv_exactly(client, 10) == b"the answer"
    events.wait_for(K.SENT, conn=1)  # reported just after the bytes left: wait for it
    server.disconnect(1)
    assert recv_until_closed(client) == b""
    events.wait_for(K.CLOSED, conn=1)
    assert events.kinds(conn=1, ignore=WORKER_KINDS)[-3:] == [K.PEER_CLOSED, K.SENT, K.CLOSED]
