"""Helpers shared by the netcore tests: a recording sink, bounded waits and socket utilities.

Every wait here has a deadline; nothing sleeps for a fixed time to let something happen.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence

import psutil

from netcore.client import Client
from netcore.config import ServerConfig, ServerModel
from netcore.events import Event, EventKind
from netcore.server import Server

WAIT_SECONDS = 5.0  # bound for anything that should happen at once on loopback
QUIET_SECONDS = 0.3  # how long "nothing arrives" is watched for, where that is the point
STOP_BOUND_SECONDS = 2.0  # a server must stop within this, workers included

ANY = object()  # matches any connection id, None included


def wait_until(predicate: Callable[[], object], timeout: float = WAIT_SECONDS,
               interval: float = 0.01) -> bool:
    """Poll `predicate` until it is true or `timeout` passes; returns its last truth."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return bool(predicate())
        time.sleep(interval)


class Recorder:
    """A thread-safe sink that keeps every event and lets a test wait for one."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self._changed = threading.Condition()

    def __call__(self, event: Event) -> None:
        with self._changed:
            self._events.append(event)
            self._changed.notify_all()

    @property
    def events(self) -> list[Event]:
        with self._changed:
            return list(self._events)

    def of(self, kind: EventKind | None = None, conn: object = ANY,
           worker: str | None = None) -> list[Event]:
        """Events of that kind (all kinds if None), connection and worker, in arrival order."""
        return [e for e in self.events if _matches(e, kind, conn, worker, None)]

    def kinds(self, conn: object = ANY, ignore: Iterable[EventKind] = ()) -> list[EventKind]:
        skipped = set(ignore)
        return [e.kind for e in self.of(conn=conn) if e.kind not in skipped]

    def received_by(self, conn: object = ANY) -> bytes:
        return b"".join(e.data for e in self.of(EventKind.RECEIVED, conn))

    def wait_for(self, kind: EventKind, conn: object = ANY, worker: str | None = None,
                 where: Callable[[Event], bool] | None = None, count: int = 1,
                 timeout: float = WAIT_SECONDS) -> Event:
        """The `count`-th matching event, waiting for it; fails the test with the log if none."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [e for e in self._events if _matches(e, kind, conn, worker, where)]
                if len(found) >= count:
                    return found[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no {kind.name} event (conn={_show(conn)}, worker={worker}, "
                        f"count={count}) within {timeout} s; events:\n{self.dump_locked()}")
                self._changed.wait(left)

    def wait_for_data(self, kind: EventKind, expected: bytes, conn: object = ANY,
                      timeout: float = WAIT_SECONDS) -> None:
        """Wait until the data of all `kind` events of `conn` joined together is `expected`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                got = b"".join(e.data for e in self._events
                               if _matches(e, kind, conn, None, None))
                if len(got) >= len(expected):
                    assert got == expected, f"{kind.name} data {got!r} != {expected!r}"
                    return
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"only {got!r} of {expected!r} in {kind.name} "
                                         f"events within {timeout} s")
                self._changed.wait(left)

    def dump_locked(self) -> str:
        return "\n".join(f"  {e.kind.name:<15} conn={e.conn} {e.worker!r}: {e.detail}"
                         for e in self._events)

    def dump(self) -> str:
        with self._changed:
            return self.dump_locked()


def _matches(event: Event, kind: EventKind | None, conn: object, worker: str | None,
             where: Callable[[Event], bool] | None) -> bool:
    return ((kind is None or event.kind is kind)
            and (conn is ANY or event.conn == conn)
            and (worker is None or event.worker == worker)
            and (where is None or where(event)))


def _show(conn: object) -> str:
    return "any" if conn is ANY else str(conn)


def is_subsequence(expected: Sequence[object], actual: Sequence[object]) -> bool:
    """True when `expected` appears in `actual` in that order (other items may come between)."""
    remaining = iter(actual)
    return all(any(item == wanted for item in remaining) for wanted in expected)


class RunningServer:
    """A netcore Server opened and serving on its own thread; stop() joins it with a bound."""

    def __init__(self, config: ServerConfig, recorder: Recorder) -> None:
        self.recorder = recorder
        self.server = Server(config, recorder)
        self.address = self.server.open()
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       name="test serve_forever", daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.address[1]

    def wait_served(self, conn_id: int) -> None:
        """Until the connection is being served: its worker waits in recv(), or, in the
        select model, the one loop watches it (it is watched before ACCEPTED is reported)."""
        if self.server.config.model is ServerModel.SELECT:
            self.recorder.wait_for(EventKind.ACCEPTED, conn=conn_id)
        else:
            self.recorder.wait_for(EventKind.RECV_WAITING, conn=conn_id)

    def stop(self, timeout: float = STOP_BOUND_SECONDS) -> float:
        """Stop the server; returns how long serve_forever took to return. Fails if it hangs."""
        started = time.monotonic()
        self.server.stop()
        self.thread.join(timeout)
        took = time.monotonic() - started
        assert not self.thread.is_alive(), (
            f"serve_forever still running {timeout} s after stop(); events:\n"
            f"{self.recorder.dump()}")
        return took


class ClientRunner:
    """A netcore Client whose run() blocks on its own thread, as the window's QThread does."""

    def __init__(self, host: str, port: int, timeout: float = WAIT_SECONDS,
                 name: str = "client 1", sink: Callable[[Event], None] | None = None) -> None:
        self.recorder = Recorder()
        self.client = Client(sink or self.recorder, name=name)
        self.thread = threading.Thread(target=self.client.run, args=(host, port, timeout),
                                       name=f"test {name} run", daemon=True)
        self.thread.start()

    def join(self, timeout: float = WAIT_SECONDS) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "Client.run() did not return"

    def finish(self) -> None:
        self.client.close()
        self.join()


def connect_to(address: tuple[str, int], timeout: float = WAIT_SECONDS) -> socket.socket:
    """A plain client socket connected to `address`, with a timeout on every call."""
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(address[:2])
    except BaseException:
        sock.close()
        raise
    return sock


def recv_exactly(sock: socket.socket, size: int, timeout: float = WAIT_SECONDS) -> bytes:
    """Read until `size` bytes arrived (or the peer closed); bounded by `timeout`."""
    deadline = time.monotonic() + timeout
    data = b""
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(size - len(data))
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


def recv_until_closed(sock: socket.socket, timeout: float = WAIT_SECONDS,
                      limit: int = 1 << 20) -> bytes:
    """Everything the peer sends until it closes (recv returns b''); fails if it never does."""
    deadline = time.monotonic() + timeout
    data = b""
    while len(data) <= limit:
        left = deadline - time.monotonic()
        assert left > 0, f"the peer did not close within {timeout} s (got {data!r})"
        sock.settimeout(left)
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    raise AssertionError("the peer sent more than expected")


def assert_nothing_arrives(sock: socket.socket, quiet: float = QUIET_SECONDS) -> None:
    """Nothing can be read from `sock` for `quiet` seconds (and it is not closed)."""
    sock.settimeout(quiet)
    try:
        data = sock.recv(65536)
    except socket.timeout:
        return
    raise AssertionError(f"expected nothing, got {data!r}")


def pid_is_gone(pid: int) -> bool:
    """The process has exited (a zombie counts: it runs no code and holds no socket)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def worker_pid(worker: str) -> int:
    """The pid in a process-model worker name such as "pid 41237"."""
    prefix, _, number = worker.partition(" ")
    assert prefix == "pid" and number.isdigit(), f"not a child worker name: {worker!r}"
    return int(number)


def tcp_states(port: int) -> list[str]:
    """TCP states of every loopback connection using `port` on either end (from the kernel)."""
    states = []
    for conn in psutil.net_connections(kind="tcp"):
        ends = [conn.laddr] + ([conn.raddr] if conn.raddr else [])
        if any(end.port == port for end in ends):
            states.append(conn.status)
    return states


def is_listening(port: int) -> bool:
    return any(conn.status == psutil.CONN_LISTEN and conn.laddr.port == port
               for conn in psutil.net_connections(kind="tcp"))


def free_port() -> int:
    """A port nothing listens on right now (bound to port 0, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


BOUND_LINE = re.compile(r"bind\(\) gave the socket the address (\S+):(\d+)")


class CommandLine:
    """A `tcp-lab` command running as a subprocess, its output collected line by line.

    Use as a context manager: whatever happens, the process is killed and reaped and the
    reader threads are joined on exit.
    """

    def __init__(self, argv: Sequence[str], new_session: bool = False,
                 typed_input: bool = False, env: dict[str, str] | None = None) -> None:
        """`new_session`: run in a process group of its own, as a terminal runs a command,
        so that interrupt() reaches every process in it, as Ctrl+C in a terminal does.
        `typed_input`: standard input is a pipe that type() writes to (else it is empty).
        `env`: its environment (this process's if None)."""
        self.argv = list(argv)
        self.new_session = new_session
        stdin = subprocess.PIPE if typed_input else subprocess.DEVNULL
        self.process = subprocess.Popen(self.argv, stdin=stdin,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        start_new_session=new_session, env=env)
        self._lines: dict[str, list[str]] = {"stdout": [], "stderr": []}
        self._changed = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(name, stream), name=f"test {name} reader",
                             daemon=True)
            for name, stream in (("stdout", self.process.stdout),
                                 ("stderr", self.process.stderr))]
        for reader in self._readers:
            reader.start()

    def __enter__(self) -> CommandLine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT_SECONDS)
        for reader in self._readers:
            reader.join(WAIT_SECONDS)
        self.end_input()

    def type(self, data: bytes) -> None:
        """Write to the process's standard input, as a person typing would."""
        assert self.process.stdin is not None, "started without typed_input"
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def end_input(self) -> None:
        """Close standard input (Ctrl+D)."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass  # the process has exited already

    def _read(self, name: str, stream: object) -> None:
        for raw in stream:  # type: ignore[attr-defined]
            with self._changed:
                self._lines[name].append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._changed.notify_all()
        stream.close()  # type: ignore[attr-defined]

    def lines(self, name: str = "stdout") -> list[str]:
        with self._changed:
            return list(self._lines[name])

    def wait_for_line(self, predicate: Callable[[str], object], name: str = "stdout",
                      timeout: float = WAIT_SECONDS) -> str:
        """The first line of that stream that matches, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self._lines[name]:
                    if predicate(line):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None
                                 and not any(r.is_alive() for r in self._readers)):
                    raise AssertionError(
                        f"no matching line on {name} of {self.argv} within {timeout} s;\n"
                        f"stdout: {self._lines['stdout']}\nstderr: {self._lines['stderr']}")
                self._changed.wait(min(left, 0.1))

    def bound_port(self) -> int:
        """The port from the "bind() gave the socket the address HOST:PORT" line, once the
        server reports listen() done (bind comes first: a connect in between is refused)."""
        line = self.wait_for_line(BOUND_LINE.search)
        match = BOUND_LINE.search(line)
        assert match is not None
        self.wait_for_line(lambda text: "listen(backlog=" in text)
        return int(match.group(2))

    def interrupt(self, signum: int = signal.SIGTERM, timeout: float = WAIT_SECONDS) -> int:
        """Send `signum` and return the exit code; fails if the process does not exit.

        SIGTERM by default: a process started in the background by a shell without job
        control inherits SIGINT ignored, so Ctrl+C (SIGINT) tests check for that first."""
        if self.new_session:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.finish()
            raise AssertionError(f"{self.argv} still running {timeout} s after signal "
                                 f"{signum}; stderr: {self.lines('stderr')}") from None

    def finish(self, timeout: float = WAIT_SECONDS) -> int:
        """Wait for the process to exit by itself and its output to be read."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{self.argv} did not exit within {timeout} s;\n"
                                 f"stdout: {self.lines()}\nstderr: {self.lines('stderr')}"
                                 ) from None
        for reader in self._readers:
            reader.join(timeout)
        return code


def tcp_lab(*args: str) -> list[str]:
    """The argv that runs `tcp-lab ARGS` from this checkout with this Python."""
    return [sys.executable, "-m", "gui.launcher", *args]
