"""Stopping under load: Stop, or closing the app, while 100 clients send as fast as they
can. Within 2 s every worker thread and child process is gone, without a Qt warning, and
Start on the same port works at once (TIME_WAIT does not block it)."""

from __future__ import annotations

import selectors
import socket
import threading
import time
from types import TracebackType

import psutil
import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from netcore.config import ServerModel
from tests.conftest import _is_resource_tracker
from tests.gui.conftest import SIGNAL_TIMEOUT_MS, start_server
from tests.netcore.helpers import STOP_BOUND_SECONDS, WAIT_SECONDS

pytestmark = pytest.mark.faults

CLIENTS = 100
CHUNK = b"flood " * 170  # about 1 KiB
SPAWN_ALL_TIMEOUT_MS = 60_000  # a hundred child processes start in seconds on a slow machine


class Flood:
    """CLIENTS sockets that send and read as fast as they can, on one thread, until closed."""

    def __init__(self, port: int) -> None:
        self.echoed = 0
        self._stop = threading.Event()
        self._selector = selectors.DefaultSelector()
        self._sockets = [socket.create_connection(("127.0.0.1", port), timeout=WAIT_SECONDS)
                         for _ in range(CLIENTS)]
        for sock in self._sockets:
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
        self._thread = threading.Thread(target=self._run, name="test flood")

    def __enter__(self) -> "Flood":
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(WAIT_SECONDS)
        for sock in self._sockets:
            sock.close()
        self._selector.close()

    def _run(self) -> None:
        deadline = time.monotonic() + 6 * WAIT_SECONDS  # bounded, whatever the test does
        while not self._stop.is_set() and time.monotonic() < deadline:
            for key, mask in self._selector.select(0.05):
                sock = key.fileobj
                try:
                    if mask & selectors.EVENT_READ:
                        self.echoed += len(sock.recv(65536))
                    if mask & selectors.EVENT_WRITE:
                        sock.send(CHUNK)
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:  # the server stopped: this client is done
                    self._selector.unregister(sock)


def worker_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("thread conn-")]


def server_children() -> list[psutil.Process]:
    return [child for child in psutil.Process().children(recursive=True)
            if not _is_resource_tracker(child)]


def wait_until_all_served(qtbot: QtBot, window: MainWindow, model: ServerModel,
                          flood: Flood) -> None:
    """Every client has its worker (the iterative server serves one at a time)."""
    qtbot.waitUntil(lambda: flood.echoed > 0, timeout=SPAWN_ALL_TIMEOUT_MS)
    if model is not ServerModel.ITERATIVE:
        qtbot.waitUntil(lambda: len(window.server.connections.open_ids()) == CLIENTS,
                        timeout=SPAWN_ALL_TIMEOUT_MS)


def start_flooded_server(qtbot: QtBot, window: MainWindow, model: ServerModel) -> int:
    window.backlog_spin.setValue(CLIENTS)  # every client's handshake is completed at once
    window.max_connections_spin.setValue(CLIENTS * 2)
    return start_server(qtbot, window, model)


@pytest.mark.parametrize("model", list(ServerModel), ids=lambda m: m.value)
def test_stop_under_load_is_prompt_and_the_same_port_starts_again_at_once(
        qtbot: QtBot, main_window: MainWindow, model: ServerModel) -> None:
    port = start_flooded_server(qtbot, main_window, model)
    with Flood(port) as flood:
        wait_until_all_served(qtbot, main_window, model, flood)
        started = time.monotonic()
        with qtbot.waitSignal(main_window.server.stopped, timeout=SIGNAL_TIMEOUT_MS):
            main_window.stop_button.click()
        assert time.monotonic() - started < STOP_BOUND_SECONDS
        assert not worker_threads() and not server_children()

        main_window.port_spin.setValue(port)
        with qtbot.waitSignal(main_window.server.listening, timeout=SIGNAL_TIMEOUT_MS):
            main_window.start_button.click()
        assert main_window.server.address == ("127.0.0.1", port)
    with qtbot.waitSignal(main_window.server.stopped, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_button.click()


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.PROCESS],
                         ids=lambda m: m.value)
def test_closing_the_app_under_load_ends_everything_promptly(
        qtbot: QtBot, main_window: MainWindow, model: ServerModel) -> None:
    port = start_flooded_server(qtbot, main_window, model)
    with Flood(port) as flood:
        wait_until_all_served(qtbot, main_window, model, flood)
        started = time.monotonic()
        main_window.close()
        assert time.monotonic() - started < STOP_BOUND_SECONDS
        assert not worker_threads() and not server_children()
