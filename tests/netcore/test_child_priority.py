"""A process-per-client server's children run below the server, all of their threads, from
their spawn on, and the more of them there are the lower each runs (the window uses it:
gui/server_controller.py; netcore/child_priority.py says why)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from netcore.child_priority import (MAX_NICE, child_slice_ns, give_ordinary_turns, lower_process,
                                    nice_for_children, scheduling_attributes_supported,
                                    weight_of)
from netcore.config import ServerModel
from netcore.events import EventKind
from tests.netcore.helpers import connect_to, worker_pid

SHARE = 0.5
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads each thread's priority in /proc (Linux)")
needs_sched_setattr = pytest.mark.skipif(
    not scheduling_attributes_supported(),
    reason="sets a policy and slice with sched_setattr (Linux, a known architecture)")


def kernel_honours_slices() -> bool:
    """Linux 6.12 and later use the slice a task asks for (6.6 may show one, and ignore it)."""
    major, minor = (int(part) for part in os.uname().release.split(".")[:2])
    return (major, minor) >= (6, 12)


def tasks_of(pid: int) -> list[int]:
    return [int(task) for task in os.listdir(f"/proc/{pid}/task")]


def nice_of_every_thread(pid: int) -> set[int]:
    return {os.getpriority(os.PRIO_PROCESS, task) for task in tasks_of(pid)}


def slice_of(pid: int, task: int) -> int | None:
    """The time slice the task asks for, in ns (Linux 6.12 and later show it), or None."""
    with open(f"/proc/{pid}/task/{task}/sched") as sched:
        for line in sched:
            if line.startswith("se.slice"):
                return int(line.split(":")[1])
    return None


@pytest.mark.parametrize("base", [0, 5, 19])
def test_children_together_weigh_the_share_at_the_highest_priority_that_does(base: int) -> None:
    previous = base
    for count in range(1, 201):
        nice_value = nice_for_children(count, SHARE, base)
        assert base <= nice_value <= MAX_NICE
        assert nice_value >= previous, "more children never run higher"
        budget = SHARE * weight_of(base)
        if nice_value < MAX_NICE:
            assert count * weight_of(nice_value) <= budget
        if nice_value > base:
            assert count * weight_of(nice_value - 1) > budget, "not lowered further than needed"
        previous = nice_value
    assert nice_for_children(1, SHARE, base) > base or base == MAX_NICE, \
        "even a lone child weighs less than the server"


@linux_only
def test_a_child_runs_below_the_server_from_its_spawn_on(start_server) -> None:
    """Before it has received a byte: a hundred interpreters starting up at once at the
    server's priority would take the CPU from whatever shows the server (the window)."""
    running = start_server(model=ServerModel.PROCESS, children_cpu_share=SHARE)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with connect_to(running.address):
        started = running.recorder.wait_for(EventKind.WORKER_STARTED, conn=1)
        child = worker_pid(started.worker)
        running.wait_served(1)  # its threads are all started by then
        assert len(os.listdir(f"/proc/{child}/task")) > 1
        assert nice_of_every_thread(child) == {nice_for_children(1, SHARE, own)}
        if scheduling_attributes_supported():
            # The batch policy and a longer slice than the server's: a window woken
            # beside it gets the CPU at once.
            assert {os.sched_getscheduler(task) for task in tasks_of(child)} == {os.SCHED_BATCH}
            if kernel_honours_slices():
                slices = {slice_of(child, task) for task in tasks_of(child)}
                assert slices == {child_slice_ns()} != {slice_of(os.getpid(), os.getpid())}, \
                    "the same slice as the server's would not let the window preempt it"
    assert os.getpriority(os.PRIO_PROCESS, 0) == own, "the server keeps its priority"
    assert os.sched_getscheduler(0) == os.SCHED_OTHER


@linux_only
def test_more_children_lower_the_ones_already_running(start_server) -> None:
    """Six children together weigh what one did: the first is lowered when the others come."""
    running = start_server(model=ServerModel.PROCESS, children_cpu_share=SHARE)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    clients = []
    try:
        children = []
        for conn_id in range(1, 7):
            clients.append(connect_to(running.address))
            started = running.recorder.wait_for(EventKind.WORKER_STARTED, conn=conn_id)
            children.append(worker_pid(started.worker))
            running.wait_served(conn_id)
            if conn_id == 1:
                first_alone = nice_of_every_thread(children[0])
        lowered = nice_for_children(6, SHARE, own)
        assert first_alone == {nice_for_children(1, SHARE, own)} and lowered > max(first_alone)
        for child in children:
            assert nice_of_every_thread(child) == {lowered}
    finally:
        for client in clients:
            client.close()


@linux_only
def test_children_asked_to_give_way_run_at_the_servers_priority_until_then(start_server) -> None:
    """The window's way (ServerConfig.children_give_way_when_asked): lowered from the start,
    busy children give way to their clients too, and serve a fraction of their speed."""
    running = start_server(model=ServerModel.PROCESS, children_cpu_share=SHARE,
                           children_give_way_when_asked=True)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with connect_to(running.address), connect_to(running.address):
        first = worker_pid(running.recorder.wait_for(EventKind.WORKER_STARTED, conn=1).worker)
        second = worker_pid(running.recorder.wait_for(EventKind.WORKER_STARTED, conn=2).worker)
        running.wait_served(1)
        running.wait_served(2)
        assert nice_of_every_thread(first) == nice_of_every_thread(second) == {own}
        assert os.sched_getscheduler(first) == os.SCHED_OTHER
        assert running.server.children_give_way()
        assert not running.server.children_give_way(), "once: a priority only falls"
        lowered = nice_for_children(2, SHARE, own)
        assert nice_of_every_thread(first) == nice_of_every_thread(second) == {lowered}
        if scheduling_attributes_supported():
            assert {os.sched_getscheduler(task) for task in tasks_of(first)} == {os.SCHED_BATCH}
        with connect_to(running.address):  # a child started after: lowered from its spawn
            third = worker_pid(running.recorder.wait_for(EventKind.WORKER_STARTED,
                                                         conn=3).worker)
            running.wait_served(3)
            assert nice_of_every_thread(third) == {nice_for_children(3, SHARE, own)}
    assert os.getpriority(os.PRIO_PROCESS, 0) == own, "the server keeps its priority"


@linux_only
@needs_sched_setattr
def test_a_child_told_to_close_gets_the_ordinary_policy_and_slice_back() -> None:
    """So that it ends within the stop's bound beside busy programs; it stays as low."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lower_process(child.pid, own + 5)
        assert os.sched_getscheduler(child.pid) == os.SCHED_BATCH
        give_ordinary_turns(child.pid, own + 5)
        assert os.sched_getscheduler(child.pid) == os.SCHED_OTHER
        assert nice_of_every_thread(child.pid) == {own + 5}
        if kernel_honours_slices():
            assert slice_of(child.pid, child.pid) == slice_of(os.getpid(), os.getpid())
    finally:
        child.kill()
        child.wait()


def test_children_run_at_the_servers_priority_unless_asked(start_server) -> None:
    running = start_server(model=ServerModel.PROCESS)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with connect_to(running.address):
        child = worker_pid(running.recorder.wait_for(EventKind.WORKER_STARTED, conn=1).worker)
        running.wait_served(1)
        assert os.getpriority(os.PRIO_PROCESS, child) == own
        if hasattr(os, "sched_getscheduler"):
            assert os.sched_getscheduler(child) == os.sched_getscheduler(0)
