"""Fixtures for the netcore tests: servers on threads, client sockets, clients on threads.

Each fixture cleans up what it started, so the leak check in tests/conftest.py passes.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker

import psutil
import pytest

from netcore.config import Behaviour, ServerConfig, ServerModel
from tests.netcore.helpers import (
    WAIT_SECONDS,
    ClientRunner,
    Recorder,
    RunningServer,
    connect_to,
    wait_until,
)


@pytest.fixture(autouse=True)
def stop_resource_tracker() -> Iterator[None]:
    """End multiprocessing's resource tracker after a test that spawned children.

    Starting a "spawn" child starts this helper process once, and it lives as long as the
    test process. It is not a child the engine left behind, but the leak check in
    tests/conftest.py cannot tell, so it is stopped here once every real child has ended
    (this teardown runs before the leak check's).
    """
    yield
    tracker = resource_tracker._resource_tracker
    tracker_pid = getattr(tracker, "_pid", None)
    if tracker_pid is None or not hasattr(tracker, "_stop"):
        return

    def only_tracker_left() -> bool:
        return all(child.pid == tracker_pid or child.status() == psutil.STATUS_ZOMBIE
                   for child in psutil.Process().children())

    # The tracker ends when every process holding its pipe has ended; never wait on it
    # while a real child still runs (the leak check reports that child instead).
    if wait_until(only_tracker_left, timeout=WAIT_SECONDS):
        tracker._stop()


@pytest.fixture
def start_server() -> Iterator[Callable[..., RunningServer]]:
    """start_server(model=..., behaviour=..., **config) -> a RunningServer on port 0.

    Every server started is stopped and its thread joined at teardown.
    """
    servers: list[RunningServer] = []

    def start(model: ServerModel = ServerModel.THREAD, behaviour: Behaviour = Behaviour.ECHO,
              recorder: Recorder | None = None, **settings: object) -> RunningServer:
        config = ServerConfig(model=model, behaviour=behaviour, **settings)  # type: ignore[arg-type]
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
