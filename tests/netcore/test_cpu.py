"""`tcp-lab serve` (and the window, which calls the same function) keeps its Python threads
on one core, where handing the GIL between them is cheap; a process-per-client child,
an interpreter of its own, runs on every core, and so does a select server, whose one
loop has nobody to hand the GIL to; TCP_LAB_ALL_CORES=1 turns it off."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import psutil
import pytest

from netcore.cpu import ALL_CORES_VARIABLE, cores_kept_by_other_programs, least_taken_core
from tests.netcore.helpers import CommandLine, connect_to, recv_exactly, tcp_lab

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="per-thread CPU affinity is Linux's, and needs two cores at least")


def cores_of_every_thread(pid: int) -> set[frozenset[int]]:
    return {frozenset(psutil.Process(int(task)).cpu_affinity())
            for task in os.listdir(f"/proc/{pid}/task")}


@contextmanager
def serving_after_one_echo(model: str) -> Iterator[CommandLine]:
    """`tcp-lab serve --model MODEL`, once it has echoed a byte to a client still connected."""
    with CommandLine(tcp_lab("serve", "--port", "0", "--model", model)) as serve:
        port = serve.bound_port()
        with connect_to(("127.0.0.1", port)) as client:
            client.sendall(b"x")
            assert recv_exactly(client, 1) == b"x"
            yield serve


def test_serve_runs_on_one_core_and_a_child_process_on_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALL_CORES_VARIABLE, raising=False)
    everywhere = frozenset(os.sched_getaffinity(0))
    with serving_after_one_echo("process") as serve:
        line = serve.wait_for_line(lambda text: "child process" in text and "serves" in text)
        child = int(re.search(r"child process (\d+)", line).group(1))
        # The accept loop's thread: the parent's one core. (The child monitor, which
        # shares the GIL with it alone, may use every core.)
        parent_cores = cores_of_every_thread(serve.process.pid)
        assert any(len(cores) == 1 for cores in parent_cores), parent_cores
        assert cores_of_every_thread(child) == {everywhere}


def test_a_select_server_uses_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its one loop is the only busy Python thread: one core would only slow it down."""
    monkeypatch.delenv(ALL_CORES_VARIABLE, raising=False)
    with serving_after_one_echo("select") as serve:
        assert cores_of_every_thread(serve.process.pid) == {frozenset(os.sched_getaffinity(0))}


def test_two_programs_are_kept_on_different_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window talking to `tcp-lab serve` on the same core would wait for the server's
    turn on every round trip while the other core idles."""
    monkeypatch.delenv(ALL_CORES_VARIABLE, raising=False)
    with CommandLine(tcp_lab("serve", "--port", "0")) as first:
        first.bound_port()
        first_cores = cores_of_every_thread(first.process.pid)
        # What the machine's other pinned programs leave (this one among them), read the
        # way the second will read it.
        kept = cores_kept_by_other_programs()
        (first_core,) = next(iter(first_cores))
        assert kept[first_core] >= 1  # the first one counts
        expected = least_taken_core(sorted(os.sched_getaffinity(0)), kept)
        with CommandLine(tcp_lab("serve", "--port", "0")) as second:
            second.bound_port()
            second_cores = cores_of_every_thread(second.process.pid)
    assert len(first_cores) == len(second_cores) == 1
    # On a machine where nothing else is kept on one core, that is the other core.
    assert second_cores == {frozenset({expected})}


def test_the_core_fewest_programs_are_kept_on_is_chosen() -> None:
    assert least_taken_core([0, 1, 2], Counter()) == 2  # of equals, the last
    assert least_taken_core([0, 1, 2], Counter({2: 1})) == 1
    assert least_taken_core([0, 1, 2], Counter({0: 1, 1: 2, 2: 1})) == 2
    assert least_taken_core([0, 1], Counter({0: 3, 1: 5})) == 0


def test_all_cores_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALL_CORES_VARIABLE, "1")
    everywhere = frozenset(os.sched_getaffinity(0))
    with CommandLine(tcp_lab("serve", "--port", "0")) as serve:
        serve.bound_port()
        assert cores_of_every_thread(serve.process.pid) == {everywhere}

