"""Leaks: thousands of connect, send, close cycles against each model leave the count of
open descriptors, threads and child processes where they started.

Each cycle is what a client does in a hurry: connect, send a message, read its echo,
close. Counts are taken while the server runs, before the cycles and after them.

The process model starts a child process per cycle (tens of milliseconds each), so it
runs PROCESS_CYCLES here; set TCP_LAB_LEAK_CYCLES=10000 to run the full count for it too.
"""

from __future__ import annotations

import gc
import os
import sys
import threading

import psutil
import pytest

from netcore.config import ServerModel
from netcore.events import EventKind
from tests.conftest import _is_resource_tracker
from tests.netcore.helpers import connect_to, recv_exactly, wait_until

pytestmark = [pytest.mark.faults,
              pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="counts descriptors and threads in /proc")]

CYCLES = 10_000
PROCESS_CYCLES = int(os.environ.get("TCP_LAB_LEAK_CYCLES", "200"))
# A child costs 50 to 100 ms of CPU to start here (`python -m bench child`); a few times
# that per cycle is the most the process model's run may take, so the full count does not
# hit the suite's 60 s timeout (pyproject.toml).
PROCESS_SECONDS_PER_CYCLE = 0.3
PROCESS_TIMEOUT_SECONDS = max(60, round(PROCESS_CYCLES * PROCESS_SECONDS_PER_CYCLE))
MESSAGE = b"ping\n"


def descriptors() -> dict[str, str]:
    targets = {}
    for name in os.listdir("/proc/self/fd"):
        try:
            targets[name] = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            pass
    return targets


def counts() -> tuple[int, int, int]:
    """(open descriptors, threads, child processes) of this process."""
    children = [c for c in psutil.Process().children(recursive=True)
                if not _is_resource_tracker(c)]
    return len(os.listdir("/proc/self/fd")), threading.active_count(), len(children)


def cycle(address: tuple[str, int]) -> None:
    with connect_to(address) as client:
        client.sendall(MESSAGE)
        assert recv_exactly(client, len(MESSAGE)) == MESSAGE


@pytest.mark.parametrize("model", [
    pytest.param(model, marks=pytest.mark.timeout(PROCESS_TIMEOUT_SECONDS))
    if model is ServerModel.PROCESS else model for model in ServerModel], ids=lambda m: m.value)
def test_many_connect_send_close_cycles_leave_nothing_behind(model, start_server) -> None:
    running = start_server(model=model)
    cycles = PROCESS_CYCLES if model is ServerModel.PROCESS else CYCLES
    # One cycle first: what is made once, for the first client, is not a leak (the
    # select loop's epoll, multiprocessing's resource tracker and its pipe).
    cycle(running.address)
    running.recorder.wait_for(EventKind.CLOSED, conn=1)
    # A process-model child reports CLOSED before it exits: count once it is gone, or
    # the count before would hold it and its pipes.
    assert wait_until(lambda: counts()[2] == 0), "the first cycle's child process ended"
    gc.collect()  # what earlier tests left to the collector (a pipe, say) closes now
    before = counts()
    open_before = descriptors()
    for _ in range(cycles):
        cycle(running.address)
    # Each connection is closed by its worker once the client's FIN arrives.
    running.recorder.wait_for(EventKind.CLOSED, conn=1 + cycles)

    def new_descriptors() -> dict[str, str]:
        return {k: v for k, v in descriptors().items() if open_before.get(k) != v}

    # A leak is something more: a descriptor of an earlier test that closes meanwhile
    # (the count falls) is none. (Numbers are reused: a pipe made again in place of one
    # closed has the same number and a new inode, so the count is what is compared.)
    # Threads too: a QThread of an earlier test stays in threading's count as a "dummy"
    # until a new thread gets its number, and leaves it when that thread ends.
    assert wait_until(lambda: all(now <= then for now, then in zip(counts(), before))), (
        f"before {before}, after {counts()}; new: {new_descriptors()}")
    assert len(running.recorder.of(EventKind.CLOSED)) >= 1 + cycles
