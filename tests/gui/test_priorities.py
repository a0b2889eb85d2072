"""The window comes first: the workers that flood it with events run below its priority."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from gui.event_bridge import CHILDREN_CPU_SHARE, GIVE_WAY_MS, SOCKET_THREAD_NICENESS
from gui.main_window import MainWindow
from netcore.child_priority import nice_for_children, scheduling_attributes_supported
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, connection_field, open_connected_client,
                                received_text, send_from, start_server)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="only Linux gives each thread a priority of its own")
MAX_NICE = 19


def nice_of(task_id: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, task_id)


def expected_nice(niceness: int) -> int:
    return min(MAX_NICE, nice_of(os.getpid()) + niceness)


def child_threads(qtbot: QtBot, main_window: MainWindow) -> list[int]:
    """The threads of the child serving connection 1 (the window's connections table)."""
    qtbot.waitUntil(lambda: str(connection_field(main_window, 1, "worker")).startswith("pid "),
                    timeout=SIGNAL_TIMEOUT_MS)
    pid = int(str(connection_field(main_window, 1, "worker")).split()[1])
    return [int(task) for task in os.listdir(f"/proc/{pid}/task")]


def keep_the_window_busy(seconds: float) -> None:
    """The GUI thread busy for `seconds` (not with its events), as a flood keeps it from
    running. Bounded."""
    deadline = time.monotonic() + seconds
    for _ in range(10_000_000):
        if time.monotonic() >= deadline:
            return


def test_a_process_models_children_give_way_once_the_window_is_kept_from_running(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Lowered from the start, 32 busy children served 0.62 of their speed (they gave way
    to their clients too); so they run at the window's priority until it falls behind.
    On Linux a nice value belongs to one thread: every thread of the child is lowered."""
    window_nice = nice_of(os.getpid())
    start_server(qtbot, main_window, ServerModel.PROCESS)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    threads = child_threads(qtbot, main_window)
    assert len(threads) > 1, "the child serves, obeys the parent and reports on threads"
    assert {nice_of(task) for task in threads} == {window_nice}, "at first"
    # The window falls behind (its heartbeat, or the wake-up the first report sends it, if
    # the heartbeat had stopped), and the child reports meanwhile: the children give way
    # (gui/event_inbox.py).
    for text in ("y", "z"):
        keep_the_window_busy(3 * GIVE_WAY_MS / 1000)
        send_from(client, text)
    keep_the_window_busy(3 * GIVE_WAY_MS / 1000)
    lone_child = nice_for_children(1, CHILDREN_CPU_SHARE, window_nice)
    assert lone_child > window_nice
    qtbot.waitUntil(lambda: {nice_of(task) for task in threads} == {lone_child},
                    timeout=SIGNAL_TIMEOUT_MS)
    assert nice_of(os.getpid()) == window_nice, "the window keeps its priority"
    if scheduling_attributes_supported():  # and gives way to the window as soon as it wakes
        assert {os.sched_getscheduler(task) for task in threads} == {os.SCHED_BATCH}
    qtbot.waitUntil(lambda: received_text(client) == b"hello\ny\nz\n",
                    timeout=SIGNAL_TIMEOUT_MS)


def test_a_thread_models_worker_runs_below_the_window(qtbot: QtBot,
                                                      main_window: MainWindow) -> None:
    window_nice = nice_of(os.getpid())
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    workers = [thread for thread in threading.enumerate() if thread.name == "thread conn-1"]
    assert workers and workers[0].native_id is not None, "a thread serves connection 1"
    qtbot.waitUntil(lambda: nice_of(workers[0].native_id) == expected_nice(SOCKET_THREAD_NICENESS),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert nice_of(os.getpid()) == window_nice, "the window keeps its priority"

