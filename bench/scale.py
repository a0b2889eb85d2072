"""Scale: many clients connected at once, each getting every reply; memory per connection.

    python -m bench scale [--select 10000] [--thread 1000] [--process 100] [--messages 10]

For each model, a fresh server (a process of its own, events discarded; --window to
start it from the app's window instead) is given N clients that all connect and stay
connected; then every client sends `messages` messages of `size` bytes, one at a time,
each waiting for its whole echo, all clients at once. The clients live in this one
process as non-blocking sockets on one selector, so ten thousand of them cost little.

Memory per connection is the server's unique memory (USS, its children's included)
with all N connected, minus before any connected, divided by N.
"""

from __future__ import annotations

import argparse
import errno
import selectors
import socket
import time
from dataclasses import dataclass, field

import psutil

from netcore.limits import raise_open_file_limit
from bench.ours import our_server_with_pid
from bench.stats import format_table
from netcore.config import ServerModel

CONNECTS_IN_FLIGHT = 256  # more at once overflows the listen queue, and SYNs are retried late
PHASE_TIMEOUT_SECONDS = 120.0
SETTLE_TIMEOUT_SECONDS = 10.0


@dataclass(eq=False)
class ScaleClient:
    sock: socket.socket
    message: bytes
    sent_messages: int = 0
    received: int = 0  # bytes of the current reply
    replies: int = 0
    connected: bool = False
    outgoing: memoryview = field(default_factory=lambda: memoryview(b""))


@dataclass
class ScaleResult:
    model: str
    clients: int
    connected: int
    replies: int
    expected_replies: int
    connect_seconds: float
    exchange_seconds: float
    memory_per_connection: float
    errors: list[str]


def server_memory(pid: int) -> int:
    """Unique memory of the server process and its children, in bytes."""
    total = 0
    process = psutil.Process(pid)
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().uss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def connect_all(address: tuple[str, int], count: int, message: bytes,
                errors: list[str]) -> tuple[list[ScaleClient], selectors.BaseSelector]:
    selector = selectors.DefaultSelector()
    clients: list[ScaleClient] = []
    pending = 0
    deadline = time.monotonic() + PHASE_TIMEOUT_SECONDS
    while (len(clients) < count or pending) and time.monotonic() < deadline:
        while len(clients) < count and pending < CONNECTS_IN_FLIGHT:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            code = sock.connect_ex(address)
            client = ScaleClient(sock, message)
            clients.append(client)
            if code not in (0, errno.EINPROGRESS):
                errors.append(f"connect: {errno.errorcode.get(code, code)}")
                continue
            selector.register(sock, selectors.EVENT_WRITE, client)
            pending += 1
        for key, _ in selector.select(1.0):
            client = key.data
            code = client.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            selector.unregister(client.sock)
            pending -= 1
            if code:
                errors.append(f"connect: {errno.errorcode.get(code, code)}")
            else:
                client.connected = True
    return clients, selector


def exchange(clients: list[ScaleClient], selector: selectors.BaseSelector, messages: int,
             errors: list[str]) -> None:
    """Every connected client sends `messages` messages, each after the previous reply."""
    active = 0
    for client in clients:
        if client.connected:
            client.outgoing = memoryview(client.message)
            selector.register(client.sock, selectors.EVENT_WRITE | selectors.EVENT_READ, client)
            active += 1
    deadline = time.monotonic() + PHASE_TIMEOUT_SECONDS
    while active and time.monotonic() < deadline:
        for key, mask in selector.select(1.0):
            client = key.data
            try:
                if mask & selectors.EVENT_WRITE and client.outgoing:
                    written = client.sock.send(client.outgoing)
                    client.outgoing = client.outgoing[written:]
                    if not client.outgoing:
                        client.sent_messages += 1
                        selector.modify(client.sock, selectors.EVENT_READ, client)
                if mask & selectors.EVENT_READ:
                    data = client.sock.recv(65536)
                    if not data:
                        raise ConnectionError("the server closed the connection")
                    if data != client.message[client.received:client.received + len(data)]:
                        raise ValueError("the reply differs from what was sent")
                    client.received += len(data)
                    if client.received == len(client.message):
                        client.received = 0
                        client.replies += 1
                        if client.replies == messages:
                            selector.unregister(client.sock)
                            active -= 1
                        else:
                            client.outgoing = memoryview(client.message)
                            selector.modify(client.sock, selectors.EVENT_WRITE | selectors.EVENT_READ,
                                            client)
            except (OSError, ValueError) as exc:
                errors.append(f"exchange: {exc}")
                selector.unregister(client.sock)
                active -= 1
    if active:
        errors.append(f"{active} clients still waited for replies after {PHASE_TIMEOUT_SECONDS:g} s")


def run_scale(model: ServerModel, count: int, messages: int, size: int,
              window: bool = False) -> ScaleResult:
    errors: list[str] = []
    message = bytes((i * 7 + 1) % 256 for i in range(size))
    with our_server_with_pid(model, window) as (address, pid):
        memory_before = server_memory(pid)
        started = time.perf_counter()
        clients, selector = connect_all(address, count, message, errors)
        connect_seconds = time.perf_counter() - started
        connected = sum(c.connected for c in clients)
        memory_connected = settled_memory(pid, memory_before)
        started = time.perf_counter()
        try:
            exchange(clients, selector, messages, errors)
        finally:
            exchange_seconds = time.perf_counter() - started
            for client in clients:
                client.sock.close()
            selector.close()
    return ScaleResult(model.value + ("+gui" if window else ""), count, connected,
                       sum(c.replies for c in clients), count * messages, connect_seconds,
                       exchange_seconds, (memory_connected - memory_before) / max(connected, 1),
                       errors)


def settled_memory(pid: int, before: int) -> int:
    """The server's memory once it stopped growing (it may still be starting workers)."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
    last = server_memory(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = server_memory(pid)
        if abs(now - last) < max(1, (last - before)) * 0.02:
            return now
        last = now
    return last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scale",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--select", type=int, default=10_000)
    parser.add_argument("--thread", type=int, default=1_000)
    parser.add_argument("--process", type=int, default=100)
    parser.add_argument("--iterative", type=int, default=0,
                        help="the iterative model serves one client at a time: 0 skips it")
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--window", action="store_true",
                        help="start each server from the app's window instead")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    plan = [(ServerModel.SELECT, options.select), (ServerModel.THREAD, options.thread),
            (ServerModel.PROCESS, options.process), (ServerModel.ITERATIVE, options.iterative)]
    biggest = max(count for _, count in plan)
    limit, problem = raise_open_file_limit(biggest)
    print(f"open-file limit of this process: {limit}" + (f" ({problem})" if problem else ""))
    rows = []
    failures: list[str] = []
    for model, count in plan:
        if count <= 0:
            continue
        result = run_scale(model, count, options.messages, options.size, options.window)
        complete = result.replies == result.expected_replies and not result.errors
        rows.append([result.model, str(result.clients), str(result.connected),
                     f"{result.replies}/{result.expected_replies}",
                     f"{result.connect_seconds:.1f}", f"{result.exchange_seconds:.1f}",
                     f"{result.memory_per_connection / 1024:.1f}", "yes" if complete else "NO"])
        failures += [f"{result.model}: {error}" for error in result.errors[:5]]
    print(f"{options.messages} messages of {options.size} bytes per client, each after the "
          f"previous reply, every client at once")
    print(format_table(["model", "clients", "connected", "replies", "connect s", "exchange s",
                        "KiB per connection", "all served"], rows, markdown=options.markdown))
    for failure in failures:
        print(failure)
    return 0 if not failures else 1
