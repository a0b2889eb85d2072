"""Many client windows at once: the main window's "Open N clients and connect".

    python -m bench clients [--clients 50] [--model thread]

The app's real main window (offscreen, on a laptop's screen) starts its server and opens
N client windows with its button, each connecting to that server. A 5 ms timer in the
main window measures how late it gets to it meanwhile: a late beat is a frozen window
(the flood's measure, bench/flood.py). Measured from the click until every window is
connected and the server has accepted each of them. Two ways, one after the other, each
in a fresh main window: as the button does it (one window per turn of the event loop,
gui/client_opener.py), and, as the baseline, every window in one go, as the button did
before. Memory is what this process (the windows and the server share it) grew by, over
the windows, for the first way.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import psutil

from bench.ours_server import PROBE_INTERVAL_MS, StallProbe
from bench.stats import format_table, percentile

if TYPE_CHECKING:
    from gui.main_window import MainWindow

TIMEOUT_SECONDS = 60.0
STALL_TARGET_MS = 200  # the flood's: the window never freezes


def all_connected(window: MainWindow, clients: int) -> bool:
    """The main window has this many client windows, each connected, and its server has
    accepted each of them."""
    from netcore.client import ClientState
    return (len(window.client_windows) == clients
            and all(client.controller.state is ClientState.CONNECTED
                    for client in window.client_windows)
            and len(window.server.connections.open_ids()) == clients)


def run_until(done: Callable[[], bool]) -> bool:
    """Run the event loop, 10 ms at a time, until `done()` or TIMEOUT_SECONDS; whether
    it is done."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    give_up = time.monotonic() + TIMEOUT_SECONDS
    while not done() and time.monotonic() < give_up:  # bounded by the deadline
        QTimer.singleShot(10, loop.quit)
        loop.exec()
    return done()


def _open_and_measure(clients: int, model: str, in_one_go: bool) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from netcore.client import ClientState
    from netcore.config import ServerModel

    app = QApplication.instance()
    window = MainWindow()
    window.port_spin.setValue(0)
    window.model_combo.setCurrentIndex(window.model_combo.findData(ServerModel(model)))
    window.show()
    probe: StallProbe | None = None

    try:
        window.start_server()
        if not run_until(lambda: window.server.address is not None):
            raise SystemExit("the server did not start")
        settled_at = time.monotonic() + 0.3  # the window's first paints are not counted
        run_until(lambda: time.monotonic() >= settled_at)
        memory_before = psutil.Process().memory_info().rss
        probe = StallProbe(PROBE_INTERVAL_MS)  # the flood's
        started = time.monotonic()
        window.open_clients_spin.setValue(clients)
        if in_one_go:  # what the button's slot did before: aimed once, all opened at once
            window.clients.aim_many()
            for _ in range(clients):
                window.clients.open_connected()
        else:
            window.open_clients_button.click()

        connected = run_until(lambda: all_connected(window, clients))
        seconds = time.monotonic() - started
        connected_count = sum(1 for client in window.client_windows
                              if client.controller.state is ClientState.CONNECTED)
        probe.stop()  # (again below, if something failed first: it stops once)
        memory_after = psutil.Process().memory_info().rss
    finally:
        if probe is not None:
            probe.stop()
        window.close()
        app.processEvents()
    late_ms = sorted(late for _, late in probe.stalls_ms)
    how = "every window in one go (before)" if in_one_go else "one per turn (the button)"
    return [how, str(clients), str(connected_count),
            f"{seconds:.2f}", f"{percentile(late_ms, 50):.1f}", f"{percentile(late_ms, 99):.1f}",
            f"{late_ms[-1]:.1f}",
            # The first way only: the second reuses what the first's windows freed.
            "-" if in_one_go else f"{(memory_after - memory_before) / clients / 2**20:.1f}",
            "yes" if connected else "no"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench clients",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--model", default="thread", choices=["iterative", "thread", "process",
                                                              "select"])
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    from gui.client_opener import MAX_CLIENTS_AT_ONCE
    if not 1 <= options.clients <= MAX_CLIENTS_AT_ONCE:
        parser.error(f"--clients must be from 1 to {MAX_CLIENTS_AT_ONCE}, as the button's count")
    from bench.rtt import as_a_window_runs

    with as_a_window_runs():
        rows = [_open_and_measure(options.clients, options.model, in_one_go)
                for in_one_go in (False, True)]
    print(f"Open {options.clients} client windows and connect them to a {options.model} "
          f"server in the main window: how late a {PROBE_INTERVAL_MS} ms timer in the main window got")
    print(format_table(["opened", "clients", "connected", "seconds", "late p50 ms",
                        "late p99 ms", "late max ms", "MB per window", "all connected"],
                       rows, markdown=options.markdown))
    longest = float(rows[0][6])
    print(f"target: the main window late by less than {STALL_TARGET_MS} ms: "
          f"{'met' if longest < STALL_TARGET_MS and rows[0][-1] == 'yes' else 'NOT met'} "
          f"({longest:.0f} ms; every window in one go: {float(rows[1][6]):.0f} ms)")
    return 0
