"""Peers that die or misbehave: a client that sends without ever reading (the server's
writes block), and a process-model child killed with SIGKILL. The server notices, says
so, keeps serving everyone else, and can always be stopped."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pytest

from netcore.config import ServerModel
from netcore.events import EventKind as K
from tests.netcore.helpers import (STOP_BOUND_SECONDS, WAIT_SECONDS, pid_is_gone,
                                   recv_exactly, recv_until_closed, wait_until, worker_pid)

pytestmark = pytest.mark.faults

SMALL_BUFFER = 4096  # the client's receive buffer: the server's replies soon have no room
CHUNK = b"x" * 65536
MOST_SENT = 64 * 1024 * 1024  # bounds the client's sending, whatever the buffers are


def a_client_that_never_reads(address: tuple[str, int]) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Before connect(): the window the client offers is set at the handshake.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
    sock.settimeout(WAIT_SECONDS)
    sock.connect(address)
    sock.setblocking(False)
    return sock


def send_until_full(sock: socket.socket) -> int:
    """Send without reading until the connection takes no more (bounded); bytes sent."""
    sent = 0
    deadline = time.monotonic() + WAIT_SECONDS
    while sent < MOST_SENT and time.monotonic() < deadline:
        try:
            sent += sock.send(CHUNK)
        except BlockingIOError:
            return sent
    return sent


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_a_client_that_sends_and_never_reads_cannot_block_the_stop(model, start_server):
    running = start_server(model=model)
    client = a_client_that_never_reads(running.address)
    try:
        assert send_until_full(client) > 0
        # The echo cannot go out: the server says its send has to wait (a blocking
        # worker is stuck in sendall(); the select loop keeps the rest in the server).
        running.recorder.wait_for(K.SEND_WAITING, conn=1)
        took = running.stop(timeout=STOP_BOUND_SECONDS)
        assert took < STOP_BOUND_SECONDS
        assert "the server stopped" in running.recorder.wait_for(K.CLOSED, conn=1).detail
        names = {thread.name for thread in threading.enumerate()}
        assert not {name for name in names if name.startswith("thread conn-")}, names
        if model is ServerModel.PROCESS:
            child = worker_pid(running.recorder.of(K.WORKER_STARTED, conn=1)[0].worker)
            assert wait_until(lambda: pid_is_gone(child))
    finally:
        client.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_child_killed_with_sigkill_is_noticed_and_the_server_serves_on(start_server,
                                                                          open_client):
    running = start_server(model=ServerModel.PROCESS)
    events = running.recorder
    doomed = open_client(running.address)
    other = open_client(running.address)
    for conn_id in (1, 2):
        running.wait_served(conn_id)
    child = worker_pid(events.of(K.WORKER_STARTED, conn=1)[0].worker)

    os.kill(child, signal.SIGKILL)

    closed = events.wait_for(K.CLOSED, conn=1)
    assert "ended unexpectedly" in closed.detail and str(child) in closed.detail
    assert recv_until_closed(doomed) == b"", "its client sees the connection end"
    other.sendall(b"still here\n")
    assert recv_exactly(other, 11) == b"still here\n", "the other child serves on"
    newcomer = open_client(running.address)
    newcomer.sendall(b"new\n")
    assert recv_exactly(newcomer, 4) == b"new\n", "and new clients are served"
    assert wait_until(lambda: sorted(running.server.connection_ids()) == [2, 3]), \
        "the dead child's connection is gone from the server's table"
