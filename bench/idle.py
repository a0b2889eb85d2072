"""What TCP Lab costs while nothing happens: CPU and wakeups of an idle window.

    python -m bench idle [--seconds 10] [--clients 10]

A window left open on a laptop through a lesson must not drain its battery or warm it
while nobody types. The app's real main window (offscreen, on a laptop's screen) is left
alone for a fixed time, in these states, one after the other, each in a fresh window:
its server stopped; each model's server listening with no clients; each model serving
N connected client windows that send nothing (the iterative model one: it serves one
client at a time, and the others would wait in its listen queue). The baseline is an
empty Qt window, measured in the same run: what any PySide6 program costs on this
machine doing nothing.

Measured over the idle time: the CPU time of this process and of its children (the
process model's), as a share of one core; and the context switches of every thread of
them, voluntary and not, a second: each is a thread woken up (a timer, a poll with a
timeout) or pushed off a CPU. The processes counted include, once a process model has
started, multiprocessing's resource tracker, which lives as long as the program. The event loop runs undisturbed meanwhile: one timer ends
the idle time, and nothing else of the benchmark's wakes it.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from bench.stats import format_table

SETTLE_SECONDS = 1.0  # the window's first paints and the connections' first events
MODELS = ("iterative", "thread", "process", "select")


def _context_switches(pid: int) -> int:
    """Voluntary and involuntary context switches of every thread of the process.

    /proc/PID/status counts the main thread's only; each thread's are in its own
    /proc/PID/task/TID/status. A thread that ends meanwhile takes its count with it:
    idle, none should."""
    total = 0
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return 0  # gone, or not Linux
    for task in tasks:
        try:
            status = (task / "status").read_text()
        except OSError:
            continue  # the thread ended
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                total += int(line.split(":")[1])
    return total


def _usage() -> tuple[float, int, int]:
    """CPU seconds, context switches, and the number of processes, of this process and
    every child it has now."""
    processes = [psutil.Process()]
    processes += processes[0].children(recursive=True)
    cpu_seconds = 0.0
    switches = 0
    counted = 0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue  # it ended meanwhile
        cpu_seconds += times.user + times.system
        switches += _context_switches(process.pid)
        counted += 1
    return cpu_seconds, switches, counted


def _run_for(seconds: float) -> None:
    """Runs the event loop, untouched, for this long: one timer ends it."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def _measure_idle(seconds: float) -> tuple[float, float, int]:
    """A share of one core in %, context switches a second, the processes counted."""
    _run_for(SETTLE_SECONDS)
    cpu_before, switches_before, _ = _usage()
    started = time.monotonic()
    _run_for(seconds)
    elapsed = time.monotonic() - started
    cpu_after, switches_after, processes = _usage()
    return (100 * (cpu_after - cpu_before) / elapsed,
            (switches_after - switches_before) / elapsed, processes)


def _empty_window(seconds: float) -> tuple[float, float, int]:
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    window.resize(1200, 800)
    window.show()
    try:
        return _measure_idle(seconds)
    finally:
        window.close()
        window.deleteLater()


def _tcp_lab(seconds: float, model: str | None, clients: int) -> tuple[float, float, int]:
    """The main window: its server stopped (model None), or serving `clients` idle
    client windows."""
    from bench.clients import all_connected, run_until
    from gui.main_window import MainWindow
    from netcore.config import ServerModel

    window = MainWindow()
    window.port_spin.setValue(0)
    window.show()
    try:
        if model is not None:
            window.model_combo.setCurrentIndex(window.model_combo.findData(ServerModel(model)))
            window.start_server()
            if not run_until(lambda: window.server.address is not None):
                raise SystemExit(f"the {model} server did not start")
            if clients:
                window.open_clients_spin.setValue(clients)
                window.open_clients_button.click()
                if not run_until(lambda: all_connected(window, clients)):
                    raise SystemExit(f"the {clients} clients of the {model} server did not "
                                     "all connect")
        return _measure_idle(seconds)
    finally:
        window.close()
        run_until(lambda: not window.server.running)
        window.deleteLater()
        _run_for(0.2)  # the windows' deleteLater, and the children's ends


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench idle",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="idle time of each state")
    parser.add_argument("--clients", type=int, default=10,
                        help="idle client windows (the iterative model: one)")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    if options.seconds <= 0:
        parser.error("--seconds must be more than 0")
    from gui.client_opener import MAX_CLIENTS_AT_ONCE
    if not 1 <= options.clients <= MAX_CLIENTS_AT_ONCE:
        parser.error(f"--clients must be from 1 to {MAX_CLIENTS_AT_ONCE}, as the button's count")
    from bench.rtt import as_a_window_runs

    states: list[tuple[str, Callable[[], tuple[float, float, int]]]] = [
        ("an empty Qt window (baseline)", lambda: _empty_window(options.seconds)),
        ("TCP Lab, server stopped", lambda: _tcp_lab(options.seconds, None, 0)),
    ]
    for model in MODELS:
        states.append((f"TCP Lab, {model} server, no clients",
                       lambda model=model: _tcp_lab(options.seconds, model, 0)))
    for model in MODELS:
        clients = 1 if model == "iterative" else options.clients
        windows = "1 idle client window" if clients == 1 else f"{clients} idle client windows"
        states.append((f"TCP Lab, {model} server, {windows}",
                       lambda model=model, clients=clients:
                       _tcp_lab(options.seconds, model, clients)))
    rows: list[list[str]] = []
    with as_a_window_runs():
        baseline_switches = 0.0
        for name, measure in states:
            cpu_percent, switches, processes = measure()
            if not rows:
                baseline_switches = switches
            rows.append([name, str(processes), f"{cpu_percent:.2f}", f"{switches:.0f}",
                         f"{switches - baseline_switches:+.0f}" if rows else "-"])
    print(f"Idle for {options.seconds:g} s in each state (CPU: a share of one core, of this "
          f"process and its children; on {os.cpu_count()} cores)")
    print(format_table(["state", "processes", "CPU %", "switches/s", "switches/s over the baseline"],
                       rows, markdown=options.markdown))
    return 0
