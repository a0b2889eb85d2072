"""Echo load generator: the method of uvloop's echo benchmark (MagicStack/uvloop bench/echo_client.py).

``concurrency`` client processes, each with one blocking TCP socket, each in a loop: send a
message of ``size`` bytes, read until the whole reply of the same length has arrived, check
that it is the same bytes. Processes rather than threads, so the generator is not limited
by one GIL; the spawn start method, so it also works from a process running Qt (forking a
process with Qt threads is not safe).

All clients connect first, then start together at a shared instant; requests completed
during the warm-up are not counted; then each client counts requests and their latencies
for ``duration_seconds`` and reports to the parent (bench/load_client.py, what each
client process runs).
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import time
from collections.abc import Callable
from multiprocessing.context import SpawnProcess
from typing import Any

from bench.load_client import (CONNECT_PHASE_SECONDS, SOCKET_TIMEOUT_SECONDS, ClientReport,
                               run_client)
from bench.stats import LoadResult

# Latencies kept in the merged result, so a long run cannot exhaust the parent's memory.
MAX_LATENCIES_TOTAL = 1_000_000
# Margin between "everyone is connected" and the common start, so that every client has
# woken up and is waiting for the same instant.
START_MARGIN_SECONDS = 0.2
# How long a process gets to exit after being asked to, before it is killed.
JOIN_SECONDS = 5.0
# The server's CPU is read at least this long before the measurement window closes
# (_server_cpu_seconds).
SERVER_CPU_MARGIN_SECONDS = 0.1
# Distinct error messages kept in a result (the count is always exact).
MAX_ERROR_MESSAGES = 10


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


def _merge_latencies(reports: list[ClientReport]) -> list[float]:
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
    read when the measurement window opens and shortly before it closes
    (_server_cpu_seconds).

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
            target=run_client,
            args=(i, host, port, size, warmup_seconds, duration_seconds,
                  start_event, start_at, ready, results),
            name=f"bench-echo-client-{i}",
            daemon=True,  # terminated if the parent exits without joining them
        )
        for i in range(concurrency)
    ]
    started: list[SpawnProcess] = []  # only these can be joined
    completed = False
    reports: list[ClientReport] = []
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
            server_cpu_seconds = _server_cpu_seconds(
                server_cpu, start + warmup_seconds, end - margin, end, duration_seconds)

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


def _server_cpu_seconds(cpu_used: Callable[[], float | None], since: float, until: float,
                        end: float, duration: float) -> float | None:
    """The server's CPU seconds over a window of `duration`, from what cpu_used() grew by
    between a reading at about monotonic time `since` and one at about `until`, at the
    rate of the time between the two readings' starts. None if a reading failed, if the
    last one was not over by `end` (when the clients stop: children that end then are
    counted nowhere for a moment), or if the CPU seemed to go down (a child counted
    nowhere at the last reading).

    A call before the first reading looks for the server's children in the whole process
    table (bench/server_cpu.py: tens of milliseconds on a busy machine), so that both
    readings only read them, quickly; the last starts three times the first's time before
    `end`, if `until` is later, so that it is over in time."""
    time.sleep(max(0.0, since - time.monotonic()))
    cpu_used()  # finds the children; its own reading is not used (its time is the walk's)
    first_started = time.monotonic()
    first = cpu_used()
    first_ended = time.monotonic()
    last_at = max(first_ended, min(until, end - 3 * (first_ended - first_started)))
    time.sleep(max(0.0, last_at - time.monotonic()))
    last_started = time.monotonic()
    last = cpu_used()
    last_ended = time.monotonic()
    between = last_started - first_started
    if first is None or last is None or last_ended >= end or last < first or between <= 0:
        return None
    return (last - first) * duration / between
