"""What one connection costs a process-per-client server: a child process started for it.

    python -m bench child [--connections 40]

Each row is one connection at a time, done `--connections` times after a few to warm up:
connect, send 5 bytes, read the echo, close, and wait until the child that served it has
exited. Measured in the same run:

- *an empty spawned child*: `multiprocessing`'s spawn start method (the one TCP Lab uses,
  DESIGN.md) starting a child that returns at once: the floor of any spawned child;
- *an empty forkserver child*: the forkserver start method, for comparison: one clean
  server process (no Qt in it) forks each child, with netcore.child imported beforehand.
  TCP Lab does not use it (DESIGN.md fixes spawn); this row says what it would save;
- *ours-process*: TCP Lab's process-per-client server (`netcore.Server`, events discarded);
- *ForkingTCPServer*: the standard library's server, which forks a copy of itself per
  connection and so starts no new interpreter (the notes' `fork()`).

"ms per connection" is the wall time of a cycle; "child CPU ms" is the CPU its child used
(from getrusage of reaped children: only for the spawned ones, which are this process's
own; the forking server runs in a process of its own, and its children's exit is not
waited for: a forked copy exits in well under a millisecond). Python compiles a module without a bytecode cache at each import: with
PYTHONDONTWRITEBYTECODE set, every child compiles TCP Lab's modules again, and the
benchmark says so.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

HOST = "127.0.0.1"
MESSAGE = b"ping\n"
WARM_UP_CONNECTIONS = 3
CHILD_EXIT_TIMEOUT_SECONDS = 10.0
# The rows whose children are this process's own, so getrusage counts their CPU; a forking
# server's and a forkserver's children are another process's.
OWN_CHILDREN = ("an empty spawned child", "ours-process")


def empty_child() -> None:
    """The empty child's whole work: nothing. (This module imports only the standard
    library at its top, so the child imports no more than spawn itself needs.)"""


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_echo(address: tuple[str, int]) -> None:
    with socket.create_connection(address, timeout=CHILD_EXIT_TIMEOUT_SECONDS) as client:
        client.sendall(MESSAGE)
        received = b""
        while len(received) < len(MESSAGE):
            chunk = client.recv(len(MESSAGE) - len(received))
            if not chunk:
                raise RuntimeError("the server closed before echoing")
            received += chunk
        if received != MESSAGE:
            raise RuntimeError(f"echoed {received!r}, not {MESSAGE!r}")


def own_children_gone(deadline_seconds: float = CHILD_EXIT_TIMEOUT_SECONDS) -> None:
    """Wait until every child of this process that serves a connection has exited and been
    reaped (so its CPU is counted). The resource tracker, which multiprocessing keeps for
    the process's life, is not one."""
    from multiprocessing import resource_tracker

    import psutil

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    me = psutil.Process()
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if all(child.pid == tracker for child in me.children()):
            return
        time.sleep(0.001)
    raise RuntimeError("a child process did not exit")


@contextmanager
def ours_process_server() -> Iterator[tuple[str, int]]:
    import threading

    from netcore.config import ServerConfig, ServerModel
    from netcore.server import Server

    server = Server(ServerConfig(host=HOST, port=0, model=ServerModel.PROCESS),
                    lambda _event: None)
    address = server.open()
    serving = threading.Thread(target=server.serve_forever, name="bench server")
    serving.start()
    try:
        yield address
    finally:
        server.stop()
        serving.join(CHILD_EXIT_TIMEOUT_SECONDS)


def time_cycles(cycle: Callable[[], None], connections: int) -> tuple[list[float], float]:
    """Wall seconds of each cycle, and the CPU seconds of the children reaped meanwhile."""
    for _ in range(WARM_UP_CONNECTIONS):
        cycle()
    cpu_before = children_cpu_seconds()
    walls = []
    for _ in range(connections):
        started = time.perf_counter()
        cycle()
        walls.append(time.perf_counter() - started)
    return walls, children_cpu_seconds() - cpu_before


def measure_empty_child(method: str, connections: int) -> tuple[list[float], float]:
    import multiprocessing

    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["netcore.child"])

    def cycle() -> None:
        child = context.Process(target=empty_child, daemon=True)
        child.start()
        child.join(CHILD_EXIT_TIMEOUT_SECONDS)

    return time_cycles(cycle, connections)


def measure_server(server: AbstractContextManager[tuple[str, int]], connections: int,
                   own_children: bool) -> tuple[list[float], float]:
    with server as address:
        def cycle() -> None:
            one_echo(address)
            if own_children:
                own_children_gone()

        return time_cycles(cycle, connections)


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    from bench.baselines import forking_tcp_server
    from bench.stats import format_table

    parser = argparse.ArgumentParser(prog="python -m bench child",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    n = options.connections
    results = {
        "an empty spawned child": measure_empty_child("spawn", n),
        "ours-process": measure_server(ours_process_server(), n, own_children=True),
        "ForkingTCPServer": measure_server(forking_tcp_server(), n, own_children=False),
    }
    if "forkserver" in multiprocessing.get_all_start_methods():
        results["an empty forkserver child"] = measure_empty_child("forkserver", n)
    empty_median = statistics.median(results["an empty spawned child"][0])
    rows = []
    for name, (walls, cpu) in results.items():
        walls.sort()
        median = statistics.median(walls)
        rows.append([name, f"{median * 1000:.1f}", f"{walls[int(len(walls) * 0.9)] * 1000:.1f}",
                     f"{cpu / n * 1000:.1f}" if name in OWN_CHILDREN else "",
                     f"{median / empty_median:.2f}"])
    print(f"One connection at a time, {n} times: connect, echo {len(MESSAGE)} bytes, close, "
          f"until its child has exited")
    print(format_table(["server", "ms per connection (p50)", "p90 ms", "child CPU ms",
                        "p50 / empty spawned child"], rows, markdown=options.markdown))
    print()
    if sys.dont_write_bytecode:
        print("note: PYTHONDONTWRITEBYTECODE is set, so no bytecode cache is written: a "
              "module without one is compiled again by every child that imports it")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 0
