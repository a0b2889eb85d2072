"""The system's list of threads (`ps -L`, `top -H`) names each of the server's threads:
what a class runs beside the window to see a thread per client, or one for all."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import pytest

from netcore.config import ServerModel

from tests.netcore.helpers import RunningServer

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="thread names are read from Linux's /proc")

CLIENTS = 3


def system_thread_names() -> list[str]:
    """What `ps -L -p PID` lists for this process, in its CMD column."""
    names = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/comm") as comm:
                names.append(comm.read().strip())
        except OSError:
            pass  # the thread ended while we looked
    return names


def test_each_client_has_a_thread_of_its_own_name_in_a_thread_per_client_server(
        start_server: Callable[..., RunningServer], open_client) -> None:
    running = start_server(ServerModel.THREAD, idle_seconds=60)
    for conn_id in range(1, CLIENTS + 1):
        open_client(running.address)
        running.wait_served(conn_id)
    names = system_thread_names()
    assert sorted(n for n in names if n.startswith("conn-")) == ["conn-1", "conn-2", "conn-3"]
    assert "accept loop" in names and "idle watch" in names


def test_one_thread_serves_everyone_in_the_select_model(
        start_server: Callable[..., RunningServer], open_client) -> None:
    running = start_server(ServerModel.SELECT)
    for conn_id in range(1, CLIENTS + 1):
        open_client(running.address)
        running.wait_served(conn_id)
    names = system_thread_names()
    assert names.count("select loop") == 1
    assert not [n for n in names if n.startswith("conn-")]


def test_the_program_keeps_its_own_name_when_it_serves_from_its_main_thread() -> None:
    """`tcp-lab serve` runs the accept loop in its main thread, whose name is the
    program's: `pgrep tcp-lab` must still find it."""
    from netcore.thread_names import name_system_thread
    before = system_thread_names()
    name_system_thread("accept loop")
    assert system_thread_names() == before
