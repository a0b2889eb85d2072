"""The window under a flood: does it stay responsive, and does its memory stay flat?

    python -m bench flood [--model thread] [--clients 100] [--seconds 10] [--events N]
                          [--processes 2] [--switch-tabs]

The server is started from the app's main window (offscreen, shown and painted), so its
log, connections table and state line take every event. `clients` clients, in two
processes apart from it (or `--processes`), send as fast as they can for `seconds` (or, with --events,
until the window has taken that many events) and read every echo, so the flood is
never held back by TCP flow control. Inside the window's process a 5 ms timer probe
measures how late the GUI thread gets to it: a late beat is a stall a user would feel
as a frozen window. Memory is the window process's resident size (RSS): at the flood's
start, once warmed up (after a fifth of the flood, at most 10 s: every worker has run
and the log is full), and its highest after that.

Targets: longest stall under 200 ms, p99 under 50 ms, memory growth under 50 MB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import selectors
import socket
import tempfile
import time
from multiprocessing.synchronize import Event as EventType

import psutil

from netcore.limits import raise_open_file_limit
from bench.ours import our_server_with_pid
from bench.ours_server import EXPLAINED_STALL_MS, PROBE_INTERVAL_MS
from bench.stats import format_table, percentile
from netcore.config import ServerModel

# Client processes: few, so the flood measures the window, not a machine with a hundred
# busy programs at its priority (--processes 100 measures that: one peer program per
# client, like a hundred `ncat`s).
FLOOD_PROCESSES = 2
MAX_STALL_TARGET_MS = 200.0
P99_STALL_TARGET_MS = 50.0
MEMORY_GROWTH_TARGET_MB = 50.0
EVENTS_TIMEOUT_SECONDS = 1800.0  # an --events run ends by this bound whatever the rate
REPORT_TIMEOUT_SECONDS = 30.0
READY_TIMEOUT_SECONDS = 60.0  # for every client to connect and be served
WARMUP_FRACTION = 0.2  # of the flood, before memory must stay flat ...
WARMUP_SECONDS_MAX = 10.0  # ... but never longer than this


def flood_clients(host: str, port: int, count: int, size: int, go: EventType, stop: EventType,
                  results: multiprocessing.Queue) -> None:
    """Connect `count` clients; once `go` is set, keep them sending and reading as fast as
    they can until `stop`, or until the server has closed every one of them.

    Puts two messages on `results`: ("connected",) or ("error", why) once connected, then
    ("done", sent, received, connections the server closed, error or None)."""
    raise_open_file_limit(count)
    chunk = os.urandom(size)
    selector = selectors.DefaultSelector()
    sockets = []
    sent = received = closed_by_server = 0
    error: str | None = None
    try:
        for _ in range(count):
            sock = socket.create_connection((host, port), timeout=10)
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
            sockets.append(sock)
    except OSError as exc:
        results.put(("error", str(exc)))
    else:
        results.put(("connected",))
    try:
        go.wait(READY_TIMEOUT_SECONDS)
        while not stop.is_set() and closed_by_server < len(sockets):
            for key, mask in selector.select(0.1):
                sock = key.fileobj
                try:
                    if mask & selectors.EVENT_READ:
                        data = sock.recv(65536)
                        if not data:
                            raise ConnectionResetError("the server closed the connection")
                        received += len(data)
                    if mask & selectors.EVENT_WRITE:
                        sent += sock.send(chunk)
                except (BlockingIOError, InterruptedError):
                    pass
                except (ConnectionResetError, BrokenPipeError):
                    # The server ended it (stopped, or closed it): this client is done; a
                    # socket left registered would be reported ready at every turn.
                    selector.unregister(sock)
                    closed_by_server += 1
    except OSError as exc:
        error = str(exc)
    finally:
        for sock in sockets:
            sock.close()
        selector.close()
        results.put(("done", sent, received, closed_by_server, error))


def run_flood(model: ServerModel, clients: int, size: int, seconds: float,
              events_wanted: int, processes_wanted: int = FLOOD_PROCESSES,
              switch_tabs: bool = False) -> dict:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="tcp-lab-flood-") as folder:
        report_path = os.path.join(folder, "report.json")
        with our_server_with_pid(model, window=True, report_path=report_path,
                                 stop_after_events=events_wanted,
                                 switch_tabs=switch_tabs) as (address, pid):
            go, stop = context.Event(), context.Event()
            results: multiprocessing.Queue = context.Queue()
            share = [clients // processes_wanted + (i < clients % processes_wanted)
                     for i in range(processes_wanted)]
            processes = [context.Process(target=flood_clients,
                                         args=(*address, n, size, go, stop, results), daemon=True)
                         for n in share if n]
            for process in processes:
                process.start()
            outcomes = [_next_report(results, processes, READY_TIMEOUT_SECONDS)
                        for _ in processes]
            server = psutil.Process(pid)
            # Every client is connected (and, in the process model, its child started):
            # the flood starts now, and so does what is measured.
            rss_at_go = server.memory_info().rss
            go.set()
            started_wall, started = time.time(), time.monotonic()
            deadline = started + (EVENTS_TIMEOUT_SECONDS if events_wanted else seconds)
            rss_samples: list[tuple[float, int]] = []  # (seconds into the flood, RSS)
            while time.monotonic() < deadline and server.is_running() \
                    and server.status() != psutil.STATUS_ZOMBIE:
                try:
                    rss_samples.append((time.monotonic() - started, server.memory_info().rss))
                except psutil.NoSuchProcess:
                    break
                time.sleep(0.5)
            flooded_seconds = time.monotonic() - started
            ended_wall = time.time()
            stop.set()
            outcomes += [_next_report(results, processes, REPORT_TIMEOUT_SECONDS)
                         for _ in processes]
            for process in processes:
                process.join(REPORT_TIMEOUT_SECONDS)
        # Leaving the block stopped the server; it wrote its report as it closed.
        with open(report_path) as report_file:
            report = json.load(report_file)
    report["rss_at_go"] = rss_at_go
    report["rss_peak"] = max([rss for _, rss in rss_samples], default=rss_at_go)
    # Once warmed up (every worker has run, the log is full), memory must stay flat.
    warmup = min(WARMUP_SECONDS_MAX, flooded_seconds * WARMUP_FRACTION)
    warm = [rss for at, rss in rss_samples if at >= warmup] or [rss_at_go]
    report["warmup_seconds"] = warmup
    report["rss_warm"] = warm[0]
    report["rss_warm_peak"] = max(warm)
    report["flood_seconds"] = flooded_seconds
    report["flood_stalls_ms"] = [ms for at, ms in report["stalls_ms"]
                                 if started_wall <= at <= ended_wall]
    report["connect_stalls_ms"] = [ms for at, ms in report["stalls_ms"] if at < started_wall]
    report["flood_tab_switches"] = [(ms, dock) for at, ms, dock in report["tab_switches_ms"]
                                    if started_wall <= at <= ended_wall]
    report["flood_explained_stalls"] = [stall[1:] for stall in report["explained_stalls"]
                                        if started_wall <= stall[0] <= ended_wall]
    report["gui_cpu_share"], report["gui_wait_share"] = _gui_thread_shares(
        report["cpu_samples"], started_wall, ended_wall)
    done = [outcome for outcome in outcomes if outcome[0] == "done"]
    report["sent"] = sum(outcome[1] for outcome in done)
    report["errors"] = ([outcome[1] for outcome in outcomes if outcome[0] == "error"]
                        + [outcome[4] for outcome in done if outcome[4]])
    closed_by_server = sum(outcome[3] for outcome in done)
    # With --events the window's process ends the flood by stopping, which closes every
    # connection: expected then. Otherwise the server closed clients it should have served.
    if closed_by_server and not events_wanted:
        report["errors"].append(f"the server closed {closed_by_server} of the {clients} "
                                f"connections during the flood")
    return report


def _gui_thread_shares(samples: list, start: float,
                       end: float) -> tuple[float | None, float | None]:
    """Of the flood's time, the share the GUI thread ran on a CPU, and the share it was
    ready to run but waited for one (None where the system does not say). Between the
    last sample before the flood and the first after it: samples are a number of the
    probe's beats apart, and a stalled window beats less, so a short flood may hold
    fewer than two of them (as one did in CI)."""
    if len(samples) < 2:
        return None, None
    before = [sample for sample in samples if sample[0] <= start] or samples[:1]
    after = [sample for sample in samples if sample[0] >= end] or samples[-1:]
    (first_at, first_cpu, first_wait), (last_at, last_cpu, last_wait) = before[-1], after[0]
    wall = last_at - first_at
    if wall <= 0:
        return None, None
    waited = None if first_wait is None or last_wait is None else (last_wait - first_wait) / wall
    return (last_cpu - first_cpu) / wall, waited


def _explained_stalls(stalls: list[list[float]], worst: int = 3) -> str:
    """What the GUI thread did during the flood's long stalls (ours_server.StallProbe)."""
    if not stalls:
        return f"stalls of {EXPLAINED_STALL_MS} ms or more: none (or not measurable here)"
    # The beat's own interval is time the GUI thread may sleep anyway (its timer is not due).
    elapsed = sum(max(stall[3] - PROBE_INTERVAL_MS, stall[1] + stall[2]) for stall in stalls)
    ran, waited = sum(stall[1] for stall in stalls), sum(stall[2] for stall in stalls)
    longest = ", ".join(f"{late:.0f} ms late: {on_cpu:.0f} on a CPU, {waiting:.0f} waiting "
                        f"for one, {max(0.0, since - PROBE_INTERVAL_MS - on_cpu - waiting):.0f} "
                        f"asleep"
                        for late, on_cpu, waiting, since in sorted(stalls, reverse=True)[:worst])
    return (f"stalls of {EXPLAINED_STALL_MS} ms or more: {len(stalls)}; of their time the GUI "
            f"thread ran on a CPU {ran / elapsed:.0%}, waited for one {waited / elapsed:.0%}, "
            f"and slept {1 - (ran + waited) / elapsed:.0%} (for the GIL, or a lock). "
            f"Longest: {longest}")


def _tab_switches(switches: list[tuple[float, str]]) -> str:
    """How soon a pane brought to the front (as by a click on its tab) was painted."""
    if not switches:
        return "tab switches during the flood: none measured"
    each = []
    for dock in dict.fromkeys(name for _, name in switches):
        times = sorted(ms for ms, name in switches if name == dock)
        each.append(f"{dock} p50 {percentile(times, 50):.0f} ms, max {times[-1]:.0f} ms")
    return (f"tab switches during the flood (a pane brought to the front once a second, "
            f"until painted): {len(switches)}; " + "; ".join(each))


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}"


def _next_report(results: multiprocessing.Queue, processes: list, timeout: float) -> tuple:
    """The next message of a flood process; a process that died is an error, not a hang."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                raise RuntimeError("the flood client processes ended without reporting")
    raise TimeoutError(f"no report from the flood clients within {timeout:g} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench flood",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="thread", choices=[m.value for m in ServerModel])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--size", type=int, default=1024, help="bytes per send")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--events", type=int, default=0,
                        help="flood until the window has taken this many events instead")
    parser.add_argument("--processes", type=int, default=FLOOD_PROCESSES,
                        help="client processes the clients are shared among (at most one "
                             "per client)")
    parser.add_argument("--switch-tabs", action="store_true",
                        help="bring a tabbed pane to the front once a second (as a click on "
                             "its tab) and say how soon it was painted; it adds work, so the "
                             "stalls are no longer those of the flood alone")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    if not 1 <= options.processes <= options.clients:
        parser.error("--processes must be between 1 and --clients")
    report = run_flood(ServerModel(options.model), options.clients, options.size,
                       options.seconds, options.events, options.processes,
                       options.switch_tabs)
    stalls = sorted(report["flood_stalls_ms"])
    connect_worst = max(report["connect_stalls_ms"], default=0.0)
    total_growth_mb = (report["rss_peak"] - report["rss_at_go"]) / 2**20
    growth_mb = (report["rss_warm_peak"] - report["rss_warm"]) / 2**20
    rows = [[options.model, str(options.clients), f"{report['flood_seconds']:.1f}",
             f"{report['events']:,}", f"{report['events'] / report['seconds']:,.0f}",
             f"{percentile(stalls, 50):.1f}", f"{percentile(stalls, 99):.1f}",
             f"{stalls[-1] if stalls else 0:.1f}", f"{connect_worst:.0f}",
             f"{report['rss_start'] / 2**20:.0f}", f"{report['rss_at_go'] / 2**20:.0f}",
             f"{report['rss_warm'] / 2**20:.0f}", f"{total_growth_mb:.1f}", f"{growth_mb:.1f}",
             f"{report['log_rows']:,}", f"{report['log_dropped']:,}",
             _share(report["gui_cpu_share"]), _share(report["gui_wait_share"])]]
    print(f"Flood: {options.clients} clients sending {options.size}-byte chunks as fast as "
          f"they can, into a server started from the window. Stalls and memory growth are "
          f"measured from the moment every client is connected to the end of the flood.")
    print(format_table(["model", "clients", "seconds", "events", "events/s", "stall p50 ms",
                        "stall p99 ms", "stall max ms", "connecting: max stall ms",
                        "RSS idle MB", "RSS at flood start MB", "RSS warmed up MB",
                        "growth from start MB", "growth once warm MB", "log rows",
                        "log dropped", "GUI thread on a CPU %",
                        "GUI thread waiting for a CPU %"], rows, markdown=options.markdown))
    for error in report["errors"]:
        print(f"flood client error: {error}")
    p99 = percentile(stalls, 99)
    worst = stalls[-1] if stalls else 0.0
    met = worst < MAX_STALL_TARGET_MS and p99 < P99_STALL_TARGET_MS
    print(f"target: longest stall < {MAX_STALL_TARGET_MS:g} ms and p99 < "
          f"{P99_STALL_TARGET_MS:g} ms: {'met' if met else 'NOT met'}")
    print(f"target: memory growth < {MEMORY_GROWTH_TARGET_MB:g} MB once warmed up (after "
          f"{report['warmup_seconds']:.1f} s): "
          f"{'met' if growth_mb < MEMORY_GROWTH_TARGET_MB else 'NOT met'} "
          f"({growth_mb:.1f} MB over {report['events']:,} events; {total_growth_mb:.1f} MB "
          f"from the flood's start, which includes starting a worker per client)")
    print(_explained_stalls(report["flood_explained_stalls"]))
    if options.switch_tabs:
        print(_tab_switches(report["flood_tab_switches"]))
    return 0
