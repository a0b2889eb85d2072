"""Out of file descriptors: accept() fails with EMFILE. The server says so once, keeps
serving the clients it has, and accepts the waiting ones once some leave (as libuv and
asyncio do), in every model that holds many connections at once.

The server runs as `tcp-lab serve` in a subprocess whose open-file limit (soft and hard,
so the app cannot raise it) is a few dozen descriptors.
"""

from __future__ import annotations

import json
import signal
import socket
import sys

import pytest

from netcore.config import ServerModel
from tests.netcore.helpers import CommandLine, connect_to, recv_exactly, tcp_lab

pytestmark = pytest.mark.faults

LIMIT = 48  # descriptors the server process may have open
CLIENTS = 60  # more than the limit lets it accept
# Sets the limit, then runs tcp-lab in the same process (exec keeps the limit).
WITH_LOW_LIMIT = ("import os, resource, sys; "
                  f"resource.setrlimit(resource.RLIMIT_NOFILE, ({LIMIT}, {LIMIT})); "
                  "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])")
OUT_OF_DESCRIPTORS = "Too many open connections and files"


def serve_with_low_limit(model: ServerModel) -> CommandLine:
    argv = tcp_lab("serve", "--port", "0", "--model", model.value, "--backlog", "128",
                   "--max-connections", "1000", "--json")
    return CommandLine([sys.executable, "-c", WITH_LOW_LIMIT, *argv[1:]])


def echoes(client: socket.socket, text: bytes) -> bool:
    client.sendall(text)
    return recv_exactly(client, len(text)) == text


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="the descriptor counts assumed here are Linux's")
@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.PROCESS, ServerModel.SELECT],
                         ids=lambda m: m.value)
def test_out_of_descriptors_says_so_once_keeps_serving_and_recovers(model: ServerModel) -> None:
    with serve_with_low_limit(model) as serve:
        bound = json.loads(serve.wait_for_line(lambda line: '"kind": "bound"' in line))
        port = int(bound["detail"].rsplit(":", 1)[1])
        serve.wait_for_line(lambda line: '"kind": "listening"' in line)  # bound is not listening
        clients: list[socket.socket] = []
        try:
            # The kernel completes every handshake (the backlog is large enough); the
            # server accepts until it has no descriptor left for one more.
            for _ in range(CLIENTS):
                clients.append(connect_to(("127.0.0.1", port)))
            error = json.loads(serve.wait_for_line(lambda line: OUT_OF_DESCRIPTORS in line))
            assert error["kind"] == "error" and "keeps serving" in error["detail"]

            accepted = [json.loads(line)["conn"] for line in serve.lines()
                        if '"kind": "accepted"' in line]
            assert 0 < len(accepted) < CLIENTS, "some were accepted, not all"
            assert echoes(clients[0], b"still served\n"), "the clients it has are served"

            # Some leave: their descriptors free up, and the clients that waited longest
            # in the listen queue are accepted.
            for client in clients[:len(accepted) // 2]:
                client.close()
            first_waiting = clients[len(accepted)]
            assert echoes(first_waiting, b"accepted at last\n"), "a client that waited is served"
            serve.wait_for_line(lambda line: '"kind": "accepted"' in line
                                and json.loads(line)["conn"] > max(accepted))
        finally:
            for client in clients:
                client.close()
        assert serve.interrupt(signal.SIGTERM) == 0
        serve.finish()
        # Said once per spell of running out, not at every retry (ten a second): between
        # two such sentences, the server accepted again.
        steps = ["told" if OUT_OF_DESCRIPTORS in line else "accepted"
                 for line in serve.lines()
                 if OUT_OF_DESCRIPTORS in line or '"kind": "accepted"' in line]
        assert steps.count("told") >= 1
        assert all(not (first == second == "told") for first, second in zip(steps, steps[1:])), steps
