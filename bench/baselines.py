"""Baseline echo servers to compare TCP Lab against, each as a context manager.

Each starts its server in a separate process on 127.0.0.1 (a port the system picks),
yields ``(host, port)`` once the server accepts connections, and on exit stops the server
and waits for it. Each server runs in a new session (its own process group) and the whole
group is signalled on exit, so children it forked (ForkingTCPServer, socat's fork) never
outlive it: SIGTERM first, SIGKILL after a bound.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

HOST = "127.0.0.1"
# How long a server gets to start (a Python start with imports is ~0.1 s on an idle machine).
START_SECONDS = 15.0
# How long a server gets to exit after SIGTERM before SIGKILL.
STOP_SECONDS = 5.0

# The directory holding the bench package, so ``python -m bench.baseline_server`` works
# whatever the current directory (the package is not installed by pyproject.toml).
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the process and everything in its process group, and reap it."""

    def signal_group(sig: signal.Signals) -> None:
        try:
            os.killpg(process.pid, sig)  # pgid == pid: started with start_new_session
        except ProcessLookupError:
            pass  # the whole group is gone already

    signal_group(signal.SIGTERM)
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        signal_group(signal.SIGKILL)
        process.wait(STOP_SECONDS)
    # The leader may exit on SIGTERM before a forked child does; make sure none is left.
    deadline = time.monotonic() + STOP_SECONDS
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _group_alive(process.pid):
        signal_group(signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_port_line(process: subprocess.Popen[bytes], timeout: float) -> int:
    """The port the server printed as its first line, within timeout seconds."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise TimeoutError(f"the server printed no port within {timeout:g} s")
            chunk = os.read(process.stdout.fileno(), 64)
            if not chunk:
                raise RuntimeError(f"the server exited (code {process.wait()}) before printing its port")
            line += chunk
    return int(line.strip())


def _wait_accepting(host: str, port: int, timeout: float, process: subprocess.Popen[bytes]) -> None:
    """Wait until host:port accepts a connection and echoes a probe (bounded retries)."""
    deadline = time.monotonic() + timeout
    probe = b"bench probe\n"
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} while starting")
        try:
            with socket.create_connection((host, port), timeout=1.0) as sock:
                sock.sendall(probe)
                reply = b""
                while len(reply) < len(probe):
                    chunk = sock.recv(len(probe) - len(reply))
                    if not chunk:
                        break
                    reply += chunk
            if reply == probe:
                return
            raise RuntimeError(f"the server does not echo: sent {probe!r}, got {reply!r}")
        except OSError as exc:  # not listening yet
            last_error = exc
            time.sleep(0.05)
    raise TimeoutError(f"{host}:{port} did not accept connections within {timeout:g} s: {last_error}")


@contextmanager
def server_process(command: list[str], port: int | None = None,
                   extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """Run command as an echo server on 127.0.0.1 in a session of its own; the building
    block of every server factory (bench.ours uses it too).

    port None: the server prints its port as the first line of its standard output (it
    can then bind port 0); otherwise it listens on that port. Yields (HOST, port) once the
    port accepts connections and echoes a probe. On exit, SIGTERM to the server's whole
    process group, SIGKILL after STOP_SECONDS; the server is always reaped. The bench
    package's directory is put on PYTHONPATH, so ``python -m bench.…`` commands work;
    `extra_env` is added to the server's environment.
    """
    env = dict(os.environ, **(extra_env or {}))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_PARENT, env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        command,
        # A pipe we hold: a server that watches its standard input (bench.baseline_server
        # does) exits by itself if this process dies without stopping it.
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE if port is None else subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its own process group: stopped as a whole, and Ctrl-C in
        # the terminal reaches only the benchmark, which then stops it in order
    )
    try:
        if port is None:
            port = _read_port_line(process, START_SECONDS)
        _wait_accepting(HOST, port, START_SECONDS, process)
        yield HOST, port
    finally:
        _stop_group(process)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


def _python_server(name: str) -> AbstractContextManager[tuple[str, int]]:
    return server_process([sys.executable, "-m", "bench.baseline_server", name])


@contextmanager
def threading_tcp_server() -> Iterator[tuple[str, int]]:
    """socketserver.ThreadingTCPServer: a thread per connection, the textbook handler."""
    with _python_server("threading") as address:
        yield address


@contextmanager
def threading_tcp_server_on_one_core() -> Iterator[tuple[str, int]]:
    """ThreadingTCPServer with its threads kept on one core, as TCP Lab keeps its own."""
    with _python_server("threading-one-core") as address:
        yield address


@contextmanager
def forking_tcp_server() -> Iterator[tuple[str, int]]:
    """socketserver.ForkingTCPServer: a process per connection, the textbook handler."""
    with _python_server("forking") as address:
        yield address


@contextmanager
def asyncio_streams_server() -> Iterator[tuple[str, int]]:
    """asyncio.start_server with reader.read / writer.write / await writer.drain()."""
    with _python_server("asyncio-streams") as address:
        yield address


@contextmanager
def asyncio_protocol_server() -> Iterator[tuple[str, int]]:
    """An asyncio Protocol: data_received writes straight to the transport."""
    with _python_server("asyncio-protocol") as address:
        yield address


@contextmanager
def delayed_echo_server(delay_ms: float) -> Iterator[tuple[str, int]]:
    """ThreadingTCPServer's textbook echo, each reply sent `delay_ms` after its message
    arrived (bench rtt --reply-delay-ms). Not in SERVERS: it is not an echo to race."""
    with server_process([sys.executable, "-m", "bench.baseline_server", "delayed",
                         f"{delay_ms:g}"]) as address:
        yield address


def free_port(host: str = HOST) -> int:
    """A port that was free a moment ago (for servers that cannot be given port 0 and
    report the port they got). Another program could take it before it is used; the
    caller finds out when its server fails to start."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextmanager
def socat_server() -> Iterator[tuple[str, int]]:
    """socat forking a child per connection whose PIPE address echoes what it reads.

    PIPE rather than EXEC:cat: no cat process per connection, and no extra copy through it
    (with cat, 0.4 to 0.7 of PIPE's requests a second at 1 KiB and 100 KiB, 2026-12-04).
    -b 65536 lets one read and one write move up to 64 KiB (the default is 8 KiB).

    With messages larger than the pipe (64 KiB: echo's 100 KiB cells) a connection can
    hang: socat writes a block into the pipe while the pipe still holds part of the last
    one, and the write waits for room that only socat itself, the pipe's one reader, could
    make. On 2026-12-04, one connection sending one 100 KiB echo after another hung in
    each of five 3 s runs, after 53 to 1,289 trips; in two full `echo` runs, one connection
    hung in the 100 KiB cell at c=4 of one and at c=1 of the other (none at c=32, where
    each connection makes fewer trips). The load counts such a client as an error ("no
    progress for 10 s"). A smaller block (-b 16384) avoided it but took 25 ms a trip; cat
    avoids it (its own buffer) at the cost above.
    """
    socat = shutil.which("socat")
    if socat is None:
        raise RuntimeError("socat is not installed")
    port = free_port()
    command = [socat, "-b", "65536", f"TCP-LISTEN:{port},bind={HOST},reuseaddr,fork,backlog=128", "PIPE"]
    with server_process(command, port=port) as address:
        yield address
