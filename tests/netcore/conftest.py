"""Fixtures for the netcore tests: servers on threads, client sockets, clients on threads.

Each fixture cleans up what it started, so the leak check in tests/conftest.py passes.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

from netcore.config import Behaviour, ServerConfig, ServerModel
from tests.netcore.helpers import (
    WAIT_SECONDS,
    ClientRunner,
    Recorder,
    RunningServer,
    connect_to,
)


@pytest.fixture
def start_server() -> Iterator[Callable[..., RunningServer]]:
    """start_server(model=..., behaviour=..., **config) -> a RunningServer on port 0.

    Every server started is stopped and its thread joined at teardown.
    """
    servers: list[RunningServer] = []

    def start(model: ServerModel = ServerModel.THREAD, behaviour: Behaviour = Behaviour.ECHO,
              recorder: Recorder | None = None, **settings: object) -> RunningServer:
        config = ServerConfig(model=model, behaviour=behaviour,
                              **settings)  # type: ignore[arg-type]
        running = RunningServer(config, recorder or Recorder())
        servers.append(running)
        return running

    yield start
    for running in servers:
        running.stop()


@pytest.fixture
def open_client() -> Iterator[Callable[..., socket.socket]]:
    """open_client(address) -> a plain connected socket, closed at teardown."""
    sockets: list[socket.socket] = []

    def open_(address: tuple[str, int], timeout: float = WAIT_SECONDS) -> socket.socket:
        sock = connect_to(address, timeout)
        sockets.append(sock)
        return sock

    yield open_
    for sock in sockets:
        sock.close()


@pytest.fixture
def run_client() -> Iterator[Callable[..., ClientRunner]]:
    """run_client(host, port, timeout=..., name=...) -> a netcore Client running on a thread.

    Each is closed and its thread joined at teardown.
    """
    runners: list[ClientRunner] = []

    def run(host: str, port: int, **options: object) -> ClientRunner:
        runner = ClientRunner(host, port, **options)  # type: ignore[arg-type]
        runners.append(runner)
        return runner

    yield run
    for runner in runners:
        runner.finish()
