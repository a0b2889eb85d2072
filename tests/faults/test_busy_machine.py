"""A busy machine: with other programs using every CPU, a process-per-client server started
from the window still answers at once. Its children run below the window, but a few of
them not so far below that a busy browser or compiler leaves them no CPU to start in
(netcore/child_priority.py; at SCHED_IDLE, or at nice 19, a lone child's start-up took
seconds beside one busy program per CPU)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)

pytestmark = pytest.mark.faults

MOST_BUSY_PROGRAMS = 64  # one per CPU: an idle CPU would let a starved child run anyway
BUSY_SECONDS = 60  # each ends by itself, whatever happens to the test
BUSY_LOOP = f"import time\nend = time.monotonic() + {BUSY_SECONDS}\nwhile time.monotonic() < end: pass"


@pytest.fixture
def every_cpu_busy() -> Iterator[None]:
    """One program per CPU at the window's priority, busy all the time."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    busy = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP])
            for _ in range(min(MOST_BUSY_PROGRAMS, cpus or 1))]
    try:
        yield
    finally:
        for program in busy:
            program.kill()
        for program in busy:
            program.wait()


def test_a_process_per_client_server_answers_while_every_cpu_is_busy(
        qtbot: QtBot, main_window: MainWindow, every_cpu_busy: None) -> None:
    start_server(qtbot, main_window, ServerModel.PROCESS)
    for turn in range(3):  # each connection is a new child that must start up
        client = open_connected_client(qtbot, main_window)
        send_from(client, f"hello {turn}")
        qtbot.waitUntil(lambda: received_text(client) == f"hello {turn}\n".encode(),
                        timeout=SIGNAL_TIMEOUT_MS)
