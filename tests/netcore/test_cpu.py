"""`tcp-lab serve` (and the window, which calls the same function) keeps its Python threads
on one core, where handing the GIL between them is cheap; a process-per-client child,
an interpreter of its own, runs on every core; TCP_LAB_ALL_CORES=1 turns it off."""

from __future__ import annotations

import os
import re
import sys

import psutil
import pytest

from netcore.cpu import ALL_CORES_VARIABLE
from tests.netcore.helpers import CommandLine, connect_to, recv_exactly, tcp_lab

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="per-thread CPU affinity is Linux's, and needs two cores at least")


def cores_of_every_thread(pid: int) -> set[frozenset[int]]:
    return {frozenset(psutil.Process(int(task)).cpu_affinity())
            for task in os.listdir(f"/proc/{pid}/task")}


def test_serve_runs_on_one_core_and_a_child_process_on_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALL_CORES_VARIABLE, raising=False)
    everywhere = frozenset(os.sched_getaffinity(0))
    with CommandLine(tcp_lab("serve", "--port", "0", "--model", "process")) as serve:
        port = serve.bound_port()
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"x")
            assert recv_exactly(client, 1) == b"x"
            line = serve.wait_for_line(lambda text: "child process" in text and "serves" in text)
            child = int(re.search(r"child process (\d+)", line).group(1))
            # The accept loop's thread: the parent's one core. (The child monitor, which
            # shares the GIL with it alone, may use every core.)
            parent_cores = cores_of_every_thread(serve.process.pid)
            assert frozenset({max(everywhere)}) in parent_cores
            assert cores_of_every_thread(child) == {everywhere}


def test_all_cores_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALL_CORES_VARIABLE, "1")
    everywhere = frozenset(os.sched_getaffinity(0))
    with CommandLine(tcp_lab("serve", "--port", "0")) as serve:
        serve.bound_port()
        assert cores_of_every_thread(serve.process.pid) == {everywhere}

