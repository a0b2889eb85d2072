"""Echo load generator: the method of uvloop's echo benchmark (MagicStack/uvloop bench/echo_client.py).

``concurrency`` client processes, each with one blocking TCP socket, each in a loop: send a
message of ``size`` bytes, read until the whole reply of the same length has arrived, check
that it is the same bytes. Processes rather than threads, so the generator is not limited
by one GIL; the spawn start method, so it also works from a process running Qt (forking a
process with Qt threads is not safe).

All clients connect first, then start together at a shared instant; requests completed
during the warm-up are not counted; then each client counts requests and their latencies
for ``duration_seconds`` and reports to the parent.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import socket
import struct
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.context import SpawnProcess
from typing import Any

from bench.stats import LoadResult

# A client gives up when the server has not answered for this long (or not accepted its
# connection): a benchmark against a stuck server must report an error, not hang.
SOCKET_TIMEOUT_SECONDS = 10.0
# Latencies kept per client process; beyond that a uniform reservoir sample is kept (counts
# stay exact). 200k doubles are 1.6 MB to send to the parent.
MAX_LATENCIES_PER_CLIENT = 200_000
# Latencies kept in the merged result, so a long run cannot exhaust the parent's memory.
MAX_LATENCIES_TOTAL = 1_000_000
# How long the parent waits for all the clients to start and connect (spawning a Python
# process costs tens of milliseconds of CPU; 32 of them on 2 cores take a few seconds).
CONNECT_PHASE_SECONDS = 60.0
# Margin between "everyone is connected" and the common start, so that every client has
# woken up and is waiting for the same instant.
START_MARGIN_SECONDS = 0.2
# How long a process gets to exit after being asked to, before it is killed.
JOIN_SECONDS = 5.0
# The server's CPU is read this long before the measurement window closes (run_echo_load).
SERVER_CPU_MARGIN_SECONDS = 0.1
# Distinct error messages kept in a result (the count is always exact).
MAX_ERROR_MESSAGES = 10


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
class _ClientReport:
    """What one client process sends back to the parent (pickled through a queue)."""

    index: int
    requests: int = 0
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    latencies_ms: array = field(default_factory=lambda: array("d"))
    latencies_seen: int = 0  # how many latencies the reservoir was offered
    cpu_seconds: float = 0.0


def _client(
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
    report = _ClientReport(index)

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
    report: _ClientReport,
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


def _stop(processes: list[SpawnProcess], deadline: float) -> None:
    """Join every process; terminate, then kill, those that do not exit in time."""
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(JOIN_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def _get(source: Any, deadline: float, processes: list[SpawnProcess]) -> Any:
    """The next item from a multiprocessing queue, or None at the deadline or as soon as
    every process has exited without sending it (a client that died on start-up must not
    make the parent wait out the whole deadline)."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            return source.get(timeout=min(remaining, 0.25))
        except queue.Empty:
            pass
        if not any(p.is_alive() for p in processes):
            # Whatever a dead process put on the queue is in its pipe already.
            try:
                return source.get(timeout=0.25)
            except queue.Empty:
                return None


def _merge_latencies(reports: list[_ClientReport]) -> list[float]:
    """All clients' latencies, sorted; sampled clients weighed correctly.

    A client that kept only a sample of its latencies represents more requests per kept
    value than one that kept all; merging them as they are would over-weigh the slow
    clients. So every client is subsampled to the same rate (the smallest one, or lower to
    stay under MAX_LATENCIES_TOTAL) before merging.
    """
    seen_total = sum(r.latencies_seen for r in reports)
    if seen_total == 0:
        return []
    rate = min(
        [len(r.latencies_ms) / r.latencies_seen for r in reports if r.latencies_seen]
        + [MAX_LATENCIES_TOTAL / seen_total]
    )
    rng = random.Random(0)
    merged: list[float] = []
    for r in reports:
        keep = round(r.latencies_seen * rate)
        values = r.latencies_ms
        merged.extend(values if keep >= len(values) else rng.sample(values, keep))
    merged.sort()
    return merged


def run_echo_load(
    host: str,
    port: int,
    size: int,
    concurrency: int,
    warmup_seconds: float,
    duration_seconds: float,
    server_cpu: Callable[[], float | None] | None = None,
) -> LoadResult:
    """Load the echo server at host:port; see the module docstring for the method.

    `server_cpu`, if given, says how many CPU seconds the server has used so far: it is
    read when the measurement window opens and when it closes.

    Never hangs: every wait is bounded, and every client process is joined (terminated,
    then killed, when it does not exit in time). Client failures are counted in
    ``errors`` with the reasons in ``error_messages``.
    """
    if size < 1 or concurrency < 1 or warmup_seconds < 0 or duration_seconds <= 0:
        raise ValueError("size and concurrency must be >= 1, warmup >= 0, duration > 0")
    ctx = multiprocessing.get_context("spawn")
    start_event = ctx.Event()
    start_at = ctx.Value("d", 0.0, lock=False)  # written once, before start_event is set
    ready: Any = ctx.Queue()
    results: Any = ctx.Queue()
    processes = [
        ctx.Process(
            target=_client,
            args=(i, host, port, size, warmup_seconds, duration_seconds,
                  start_event, start_at, ready, results),
            name=f"bench-echo-client-{i}",
            daemon=True,  # terminated if the parent exits without joining them
        )
        for i in range(concurrency)
    ]
    started: list[SpawnProcess] = []  # only these can be joined
    completed = False
    reports: list[_ClientReport] = []
    errors: list[str] = []
    try:
        for process in processes:
            process.start()
            started.append(process)

        # Phase 1: every client connects (or fails to) before anyone sends.
        connect_deadline = time.monotonic() + CONNECT_PHASE_SECONDS
        answered = 0
        while answered < concurrency:
            if _get(ready, connect_deadline, started) is None:
                errors.append(f"only {answered} of {concurrency} clients started in time")
                break
            answered += 1

        # Phase 2: one start instant for all, a little ahead so every client is waiting.
        start = time.monotonic() + START_MARGIN_SECONDS
        start_at.value = start
        start_event.set()

        end = start + warmup_seconds + duration_seconds
        server_cpu_seconds = None
        if server_cpu is not None:
            # Read a little before the end: once the clients stop, a forking server's
            # children end, and for a moment their CPU is counted nowhere (not yet waited
            # for by their parent). What it used meanwhile stands for the whole window.
            margin = min(SERVER_CPU_MARGIN_SECONDS, duration_seconds / 4)
            used = _cpu_used_between(server_cpu, start + warmup_seconds, end - margin)
            if used is not None:
                server_cpu_seconds = used * duration_seconds / (duration_seconds - margin)

        # Phase 3: collect the reports. Read them before joining: a process that has put
        # a large object on a queue does not exit until it has been read.
        results_deadline = end + SOCKET_TIMEOUT_SECONDS + JOIN_SECONDS + 5.0
        while len(reports) < concurrency:
            report = _get(results, results_deadline, started)
            if report is None:
                break
            reports.append(report)
        missing = concurrency - len(reports)
        if missing:
            errors.append(f"{missing} of {concurrency} clients sent no report")
        completed = True
    finally:
        start_event.set()  # release any client still waiting, so it can exit
        # Interrupted (Ctrl-C, an error): terminate the clients now rather than letting
        # them run to the end of their measurement.
        _stop(started, time.monotonic() + (JOIN_SECONDS if completed else 0.0))
        ready.close()
        results.close()

    error_count = len(errors) + sum(r.errors for r in reports)
    for r in sorted(reports, key=lambda r: r.index):
        errors.extend(r.error_messages)
    requests = sum(r.requests for r in reports)
    return LoadResult(
        requests=requests,
        bytes=requests * size,
        seconds=duration_seconds,
        latencies_ms=_merge_latencies(reports),
        errors=error_count,
        error_messages=errors[:MAX_ERROR_MESSAGES],
        clients=concurrency,
        client_cpu_seconds=sum(r.cpu_seconds for r in reports),
        server_cpu_seconds=server_cpu_seconds,
    )


def _cpu_used_between(cpu_used: Callable[[], float | None], since: float,
                      until: float) -> float | None:
    """What cpu_used() grew by from monotonic time `since` to `until` (waiting for each)."""
    time.sleep(max(0.0, since - time.monotonic()))
    first = cpu_used()
    time.sleep(max(0.0, until - time.monotonic()))
    last = cpu_used()
    return None if first is None or last is None else last - first
