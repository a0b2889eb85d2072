"""The CPU a benchmarked server uses: the server process found by its listening port.

Requests a second say how fast a server went; on a machine its load generator shares,
they also say how the kernel shared the cores between them. CPU per request says how
much work each request cost the server, whoever got the cores: a server that serves fewer
requests at the same CPU per request was given less CPU, not slower code.

It counts the process listening on the port, its threads, and its children, live or
ended: a process-per-client server's children, socat's forks, the window with its server.
The children are looked for once, at the first call (bench/load.py makes it just before
its first reading, after every client has connected); later calls read those and the
server only. Looking for them walks the whole process table, which took long enough on a busy
machine (tens of milliseconds, with 32 clients on two cores) for the clients to stop
meanwhile, when children that just ended are counted nowhere: socat's CPU per request
read -10 to 1 µs in a run of three, instead of about 20.
"""

from __future__ import annotations

import psutil


class ServerCpuMeter:
    """CPU seconds (user + system) used so far by the process of this program's own
    descendants that listens on `port`, and by its children."""

    def __init__(self, port: int) -> None:
        self._server = _listening_descendant(port)
        self._children: list[psutil.Process] | None = None  # found at the first call

    @property
    def found(self) -> bool:
        return self._server is not None

    def seconds(self) -> float | None:
        """None when the server was not found or has ended."""
        if self._server is None:
            return None
        try:
            total = _with_ended_children(self._server)
            if self._children is None:
                self._children = self._server.children(recursive=True)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        for child in self._children:
            try:
                total += _with_ended_children(child)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # ended meanwhile: counted by its parent once waited for
        return total


def _with_ended_children(process: psutil.Process) -> float:
    """A live process's CPU, and that of the children it has waited for (the kernel adds
    an ended child's, with its own ended children's, to its parent's once waited for)."""
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def _listening_descendant(port: int) -> psutil.Process | None:
    """Of this program's descendants (benchmarks start their servers), the first started
    with a TCP socket listening on `port` (a forking server's children inherit it)."""
    listening = []
    for process in psutil.Process().children(recursive=True):
        try:
            # net_connections() since psutil 6.0; connections() before (pyproject: 5.9).
            sockets = getattr(process, "net_connections", process.connections)(kind="tcp")
            if any(connection.status == psutil.CONN_LISTEN and connection.laddr.port == port
                   for connection in sockets):
                listening.append((process.create_time(), process.pid, process))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return min(listening)[2] if listening else None
