"""One client process of the echo load (bench/load.py): connect, wait for the common
start, then send a message and read its whole echo, again and again, counting requests
and their latencies for the measurement window, and report to the parent.

Imported by the spawned client processes: nothing here may need Qt, nor the parent's
state.
"""

from __future__ import annotations

import random
import socket
import struct
import time
from array import array
from dataclasses import dataclass, field
from typing import Any

# A client gives up when the server has not answered for this long (or not accepted its
# connection): a benchmark against a stuck server must report an error, not hang.
SOCKET_TIMEOUT_SECONDS = 10.0
# Latencies kept per client process; beyond that a uniform reservoir sample is kept (counts
# stay exact). 200k doubles are 1.6 MB to send to the parent.
MAX_LATENCIES_PER_CLIENT = 200_000
# How long the parent waits for all the clients to start and connect (spawning a Python
# process costs tens of milliseconds of CPU; 32 of them on 2 cores take a few seconds).
CONNECT_PHASE_SECONDS = 60.0


def make_message(size: int) -> bytes:
    """``size`` bytes of a fixed, non-uniform pattern, so a reply with bytes moved or lost
    does not compare equal by chance (as an all-zero message might)."""
    pattern = bytes(range(256))
    return (pattern * (size // len(pattern) + 1))[:size]


def _set_timeouts(sock: socket.socket, seconds: float) -> None:
    """Time out blocking recv/send after ``seconds`` with SO_RCVTIMEO / SO_SNDTIMEO.

    Not sock.settimeout(): that makes the socket non-blocking and adds a poll() before every
    call, client CPU taken from the server on a small machine. With these options the socket
    stays blocking; a call that times out fails with EAGAIN.
    """
    whole = int(seconds)
    timeval = struct.pack("ll", whole, int((seconds - whole) * 1_000_000))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, BlockingIOError):  # EAGAIN from SO_RCVTIMEO / SO_SNDTIMEO
        return f"no progress for {SOCKET_TIMEOUT_SECONDS:g} s (server not answering)"
    return f"{type(exc).__name__}: {exc}"


@dataclass
class ClientReport:
    """What one client process sends back to the parent (pickled through a queue)."""

    index: int
    requests: int = 0
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    latencies_ms: array = field(default_factory=lambda: array("d"))
    latencies_seen: int = 0  # how many latencies the reservoir was offered
    cpu_seconds: float = 0.0


def run_client(
    index: int,
    host: str,
    port: int,
    size: int,
    warmup_seconds: float,
    duration_seconds: float,
    start_event: Any,
    start_at: Any,
    ready: Any,
    results: Any,
) -> None:
    """One client process: connect, say ready, wait for the start, run, report."""
    report = ClientReport(index)

    def fail(exc: BaseException, when: str) -> None:
        report.errors += 1
        report.error_messages.append(f"client {index} {when}: {_describe(exc)}")

    sock: socket.socket | None = None
    try:
        try:
            sock = socket.create_connection((host, port), timeout=SOCKET_TIMEOUT_SECONDS)
            sock.settimeout(None)  # blocking again; the timeouts below bound each call
            _set_timeouts(sock, SOCKET_TIMEOUT_SECONDS)
            # Each request is one small write answered before the next: without NODELAY,
            # Nagle's algorithm plus delayed ACKs can stall requests by tens of ms.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as exc:
            fail(exc, "connect")
            ready.put((index, False))
            return
        ready.put((index, True))
        if not start_event.wait(CONNECT_PHASE_SECONDS + SOCKET_TIMEOUT_SECONDS):
            report.errors += 1
            report.error_messages.append(f"client {index}: no start signal from the parent")
            return
        if _run(sock, size, start_at.value, warmup_seconds, duration_seconds, report, fail):
            _close_cleanly(sock)
            sock = None
        # else: the connection is broken or stuck; the finally just closes it
    except KeyboardInterrupt:
        pass  # the parent cleans up; no traceback from every client on Ctrl-C
    finally:
        if sock is not None:
            sock.close()
        try:
            results.put(report)
        except Exception:  # noqa: BLE001 - the parent then reports this client as missing
            pass


def _run(
    sock: socket.socket,
    size: int,
    start: float,
    warmup_seconds: float,
    duration_seconds: float,
    report: ClientReport,
    fail: Any,
) -> bool:
    """The request loop; False when it ended on a socket error.

    Phase boundaries use time.monotonic(), one clock for all processes (CLOCK_MONOTONIC);
    latencies use time.perf_counter(), the finest clock.
    """
    message = make_message(size)
    reply = bytearray(size)
    view = memoryview(reply)
    measure_from = start + warmup_seconds
    end = measure_from + duration_seconds
    # Whatever happens, a request loop never runs past this.
    hard_deadline = end + SOCKET_TIMEOUT_SECONDS
    latencies = report.latencies_ms
    rng = random.Random(report.index)
    cpu_at_measure: float | None = None
    mismatches = 0
    monotonic = time.monotonic
    perf_counter = time.perf_counter

    delay = start - monotonic()
    if delay > 0:
        time.sleep(delay)
    try:
        while True:
            now = monotonic()
            if now >= end:
                break
            if cpu_at_measure is None and now >= measure_from:
                cpu_at_measure = time.process_time()
            t0 = perf_counter()
            sock.sendall(message)
            got = 0
            while got < size:
                n = sock.recv_into(view[got:], size - got)
                if n == 0:
                    raise ConnectionError(f"server closed the connection after {got} of {size} bytes")
                got += n
                if got < size and monotonic() > hard_deadline:
                    raise TimeoutError("reply still incomplete at the hard deadline")
            t1 = perf_counter()
            done = monotonic()
            if reply != message:
                # A server that echoes wrong bytes must not look fast: an error, not a request.
                if mismatches == 0:
                    first = next(i for i in range(size) if reply[i] != message[i])
                    report.error_messages.append(
                        f"client {report.index}: reply differs from the {size} bytes sent "
                        f"(first at byte {first}: sent {message[first]}, got {reply[first]})"
                    )
                mismatches += 1
                report.errors += 1
                continue
            if measure_from <= done < end:
                report.requests += 1
                latency = (t1 - t0) * 1000.0
                seen = report.latencies_seen
                report.latencies_seen = seen + 1
                if seen < MAX_LATENCIES_PER_CLIENT:
                    latencies.append(latency)
                else:
                    # Reservoir sampling (algorithm R): every latency kept with equal chance.
                    slot = rng.randrange(seen + 1)
                    if slot < MAX_LATENCIES_PER_CLIENT:
                        latencies[slot] = latency
    except OSError as exc:
        fail(exc, "during the run")
        return False
    finally:
        if cpu_at_measure is not None:
            report.cpu_seconds = time.process_time() - cpu_at_measure
        if mismatches > 1:
            report.error_messages.append(f"client {report.index}: {mismatches} replies differed")
    return True


def _close_cleanly(sock: socket.socket) -> None:
    """Shut down our side and read to the server's end of file before closing, so neither
    side sees a reset (bounded by the socket timeouts and a total time)."""
    try:
        _set_timeouts(sock, 1.0)
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and sock.recv(65536):
            pass
    except OSError:
        pass
    finally:
        sock.close()
