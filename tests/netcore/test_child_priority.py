"""A process-per-client child runs `child_niceness` below the server, all of its threads,
from its spawn on (the window uses it: gui/server_controller.py)."""

from __future__ import annotations

import os
import sys

import pytest

from netcore.config import ServerModel
from netcore.events import EventKind
from tests.netcore.helpers import connect_to, worker_pid


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="reads each thread's priority in /proc (Linux)")
def test_a_child_runs_below_the_server_from_its_spawn_on(start_server) -> None:
    """Before it has received a byte: a hundred interpreters starting up at once at the
    server's priority would take the CPU from whatever shows the server (the window)."""
    running = start_server(model=ServerModel.PROCESS, child_niceness=5)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with connect_to(running.address):
        started = running.recorder.wait_for(EventKind.WORKER_STARTED, conn=1)
        child = worker_pid(started.worker)
        running.wait_served(1)  # its threads are all started by then
        tasks = [int(task) for task in os.listdir(f"/proc/{child}/task")]
        assert len(tasks) > 1
        assert {os.getpriority(os.PRIO_PROCESS, task) for task in tasks} == {min(19, own + 5)}


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")
def test_a_child_can_run_only_when_the_cpu_is_idle(start_server) -> None:
    running = start_server(model=ServerModel.PROCESS, child_idle_priority=True)
    with connect_to(running.address):
        child = worker_pid(running.recorder.wait_for(EventKind.WORKER_STARTED, conn=1).worker)
        running.wait_served(1)
        tasks = [int(task) for task in os.listdir(f"/proc/{child}/task")]
        assert {os.sched_getscheduler(task) for task in tasks} == {os.SCHED_IDLE}
    # The server itself keeps its ordinary priority.
    assert os.sched_getscheduler(0) == os.SCHED_OTHER
