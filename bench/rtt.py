"""Round trip: the client window against a bare Python socket client, on the same server.

    python -m bench rtt [--trips 300] [--size 64] [--interval-ms 50] [--server ours-thread]
                        [--paired ROUNDS] [--reply-delay-ms 1,5,20]

A round trip of the window is what a person sees: from pressing Send (the real button,
text typed in the real box) to the reply's row in the window's log. The bare client does
sendall() then recv() until the whole reply is in, in one thread. Both talk to the same
echo server, started fresh in a process of its own, one after the other.

Trips start `interval` apart, as when a person presses Send (or an auto-repeat every
50 ms): the window shows the first event after a quiet spell at once. Back to back,
the window batches replies to one repaint per 30 ms by design (what keeps it smooth
under a flood); that is measured too, and shown, but it is not what a person waits for.

Between the two, the window's shape with nothing in it (bench/rtt_floor.py): the GUI
thread sends, a receive thread hands the reply over with a queued Qt signal. What the
window costs above that is the app's own work per trip, not Qt's or the thread's. And
the same with no receive thread (a socket notifier in the GUI thread): what TCP Lab's
design, blocking calls on threads and a netcore without Qt, costs by itself.

With --reply-delay-ms, both clients then talk to a peer that answers each message that
many milliseconds later (bench.baselines.delayed_echo_server), as a far or a thinking
peer does: is the time the window adds fixed, or does a window left waiting longer take
longer to show the reply? Over loopback the 2x target compares against a 0.2 ms trip;
this says what the ratio is once the trip itself takes time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import time
from collections.abc import Iterator

from bench.baselines import delayed_echo_server
from bench.echo import SERVERS, ServerFactory, load_plugins
from bench.stats import format_table, percentile

TRIP_TIMEOUT_SECONDS = 5.0
WARMUP_TRIPS = 50
# A delayed peer's longest wait: under the 1 s in which bench.baselines' start-up probe
# must be echoed, and far under TRIP_TIMEOUT_SECONDS.
LONGEST_REPLY_DELAY_MS = 500.0


def bare_round_trips(host: str, port: int, message: bytes, trips: int,
                     interval: float) -> list[float]:
    """Seconds per round trip of a blocking socket client, sorted."""
    times: list[float] = []
    with socket.create_connection((host, port), timeout=TRIP_TIMEOUT_SECONDS) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        next_trip = time.perf_counter()
        for trip in range(WARMUP_TRIPS + trips):
            time.sleep(max(0.0, next_trip - time.perf_counter()))
            next_trip += interval
            started = time.perf_counter()
            sock.sendall(message)
            got = 0
            while got < len(message):
                chunk = sock.recv(65536)
                if not chunk:
                    raise RuntimeError("the server closed the connection")
                got += len(chunk)
            if trip >= WARMUP_TRIPS:
                times.append(time.perf_counter() - started)
    return sorted(times)


@contextlib.contextmanager
def as_a_window_runs() -> Iterator[None]:
    """A QApplication, and this process's threads on one core, as `tcp-lab` keeps a
    window's (gui/app.py), one the server is not kept on; every core again after, so a
    bare client measured next runs as it did before."""
    from gui.offscreen import offscreen_on_a_laptop_screen, quiet_the_offscreen_platform
    offscreen_on_a_laptop_screen()
    from PySide6.QtWidgets import QApplication

    from netcore import cpu

    quiet_the_offscreen_platform()
    all_cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    cpu.keep_python_threads_on_one_core()
    app = QApplication.instance() or QApplication([])
    try:
        yield
    finally:
        app.processEvents()
        if all_cores is not None:
            os.sched_setaffinity(0, all_cores)


def floor_round_trips(host: str, port: int, message: bytes, trips: int,
                      interval: float) -> list[float]:
    """Seconds per round trip of the window's shape with nothing in it (bench/rtt_floor.py)."""
    with as_a_window_runs():
        from bench.rtt_floor import signal_round_trips
        return signal_round_trips(host, port, message, trips, interval, WARMUP_TRIPS)


def notifier_floor_round_trips(host: str, port: int, message: bytes, trips: int,
                               interval: float) -> list[float]:
    """The same with no receive thread: the GUI thread reads the reply itself."""
    with as_a_window_runs():
        from bench.rtt_floor import notifier_round_trips
        return notifier_round_trips(host, port, message, trips, interval, WARMUP_TRIPS)


def window_round_trips(host: str, port: int, text: str, trips: int,
                       interval: float) -> list[float]:
    """Seconds per round trip through a client window, sorted: Send clicked -> reply logged."""
    with as_a_window_runs():
        return _window_round_trips(host, port, text, trips, interval)


def _window_round_trips(host: str, port: int, text: str, trips: int,
                        interval: float) -> list[float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.rtt_floor import run_events_until
    from gui.client_window import ClientWindow
    from netcore.client import ClientState

    app = QApplication.instance()
    window = ClientWindow(1, host, port)
    window.show()
    controller = window.controller
    loop = QEventLoop()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    wanted = [0]

    def check(_events: list) -> None:
        if controller.bytes_in >= wanted[0] or controller.state is ClientState.CLOSED:
            loop.quit()

    def wait_until(condition: object) -> None:
        guard.start(int(TRIP_TIMEOUT_SECONDS * 1000))
        while not condition() and guard.isActive():  # bounded by the guard timer
            loop.exec()
        guard.stop()

    controller.eventsArrived.connect(check)
    controller.connected.connect(lambda _port: loop.quit())
    times: list[float] = []
    try:
        window.connect_to_server()
        wait_until(lambda: controller.state is ClientState.CONNECTED)
        if controller.state is not ClientState.CONNECTED:
            raise RuntimeError(f"the client window could not connect: {controller.last_error}")
        window.message.ending_combo.setCurrentIndex(0)  # no line ending: exactly `text`
        window.message.edit.setText(text)
        size = len(window.message.payload())
        next_trip = time.perf_counter()
        for trip in range(WARMUP_TRIPS + trips):
            run_events_until(next_trip)  # as a window does between two clicks
            next_trip = max(next_trip + interval, time.perf_counter())
            wanted[0] = controller.bytes_in + size
            window.message.edit.setText(text)  # typed before Send is pressed
            started = time.perf_counter()
            window.message.send_button.click()
            wait_until(lambda: controller.bytes_in >= wanted[0])
            if controller.bytes_in < wanted[0]:
                raise RuntimeError(f"no reply within {TRIP_TIMEOUT_SECONDS} s")
            if trip >= WARMUP_TRIPS:
                times.append(time.perf_counter() - started)
    finally:
        window.close()
        app.processEvents()
    return sorted(times)


def measure(factory: ServerFactory, size: int, trips: int,
            interval: float) -> dict[str, list[float]]:
    text = "x" * size
    results = {}
    with factory() as (host, port):
        results["bare socket client"] = bare_round_trips(host, port, text.encode(), trips,
                                                         interval)
    with factory() as (host, port):
        results["Qt receive thread, nothing shown"] = floor_round_trips(
            host, port, text.encode(), trips, interval)
    with factory() as (host, port):
        results["Qt, no receive thread, nothing shown"] = notifier_floor_round_trips(
            host, port, text.encode(), trips, interval)
    with factory() as (host, port):
        results["client window"] = window_round_trips(host, port, text, trips, interval)
    with factory() as (host, port):
        results["bare socket client, back to back"] = bare_round_trips(
            host, port, text.encode(), trips, 0.0)
    with factory() as (host, port):
        results["client window, back to back (batched)"] = window_round_trips(
            host, port, text, trips, 0.0)
    return results


def paired_p50s(factory: ServerFactory, size: int, trips: int, interval: float,
                rounds: int) -> dict[str, list[float]]:
    """The p50 round trip (seconds) of "bare" and of "window", one each a round, in the
    rounds' order. Each round measures both a few seconds apart, the one that goes first
    alternating: the bare trip moved twofold between runs a minute apart on a VM
    (bench/HISTORY.md), the window's did not."""
    text = "x" * size
    p50s: dict[str, list[float]] = {"bare": [], "window": []}
    for round_number in range(rounds):
        order = ("bare", "window") if round_number % 2 == 0 else ("window", "bare")
        for client in order:
            with factory() as (host, port):
                if client == "bare":
                    times = bare_round_trips(host, port, text.encode(), trips, interval)
                else:
                    times = window_round_trips(host, port, text, trips, interval)
            p50s[client].append(percentile(times, 50))
    return p50s


def paired_ratios(factory: ServerFactory, size: int, trips: int, interval: float,
                  rounds: int) -> list[float]:
    """The window's p50 over the bare client's, one ratio per round, sorted."""
    p50s = paired_p50s(factory, size, trips, interval, rounds)
    return sorted(window / bare for bare, window in zip(p50s["bare"], p50s["window"]))


def delayed_p50s(delay_ms: float, size: int, trips: int, interval: float,
                 rounds: int) -> tuple[float, float]:
    """The bare client's and the window's p50 round trip (seconds) to a peer answering
    delay_ms late: the median of each over `rounds` paired rounds."""
    p50s = paired_p50s(lambda: delayed_echo_server(delay_ms), size, trips, interval, rounds)
    return percentile(sorted(p50s["bare"]), 50), percentile(sorted(p50s["window"]), 50)


def delayed_table_rows(delays_ms: list[float], size: int, trips: int, interval: float,
                       rounds: int) -> list[list[str]]:
    rows = []
    for delay_ms in delays_ms:
        # A trip starts only after the last one's reply; keep the pace a person's would be.
        paced = max(interval, 2 * delay_ms / 1000)
        bare, window = delayed_p50s(delay_ms, size, trips, paced, rounds)
        rows.append([f"{delay_ms:g}", f"{bare * 1e6:.0f}", f"{window * 1e6:.0f}",
                     f"{(window - bare) * 1e6:.0f}", f"{window / bare:.2f}"])
    return rows


def _delays(text: str) -> list[float]:
    try:
        delays = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of milliseconds: {text!r}") from None
    if not delays or any(not 0 < delay <= LONGEST_REPLY_DELAY_MS for delay in delays):
        raise argparse.ArgumentTypeError(
            f"each delay must be above 0 and at most {LONGEST_REPLY_DELAY_MS:g} ms: {text!r}")
    return delays


def main(argv: list[str] | None = None) -> int:
    load_plugins()
    parser = argparse.ArgumentParser(prog="python -m bench rtt", description=__doc__.split("\n")[0])
    parser.add_argument("--trips", type=int, default=300)
    parser.add_argument("--interval-ms", type=float, default=50.0,
                        help="time from one trip's start to the next's")
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--server", default="ours-thread", choices=sorted(SERVERS))
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--paired", type=int, default=0, metavar="ROUNDS",
                        help="then this many rounds of bare and window trips side by side, "
                             "each giving its own ratio")
    parser.add_argument("--reply-delay-ms", type=_delays, default=[], metavar="MS[,MS...]",
                        help="then the same trips to a peer answering this many milliseconds "
                             "late, for each delay given")
    parser.add_argument("--delay-rounds", type=int, default=2, metavar="ROUNDS",
                        help="rounds of bare and window trips for each delay (default 2)")
    options = parser.parse_args(argv)
    results = measure(SERVERS[options.server], options.size, options.trips,
                      options.interval_ms / 1000)
    rows = []
    for name, times in results.items():
        bare_p50 = percentile(results["bare socket client, back to back" if "back" in name
                                      else "bare socket client"], 50)
        p50 = percentile(times, 50)
        rows.append([name, f"{p50 * 1e6:.0f}", f"{percentile(times, 90) * 1e6:.0f}",
                     f"{percentile(times, 99) * 1e6:.0f}", f"{times[-1] * 1e6:.0f}",
                     f"{p50 / bare_p50:.2f}"])
    print(f"Round trips of {options.size} bytes to {options.server}, {options.trips} each "
          f"after {WARMUP_TRIPS} warm-up trips, one every {options.interval_ms:g} ms "
          f"(or back to back), in microseconds")
    print(format_table(["client", "p50 µs", "p90 µs", "p99 µs", "max µs", "p50 / bare"], rows,
                       markdown=options.markdown))
    ratio = (percentile(results["client window"], 50)
             / percentile(results["bare socket client"], 50))
    print(f"target: client window p50 within 2x of the bare client: "
          f"{'met' if ratio <= 2.0 else 'NOT met'} ({ratio:.2f}x)")
    if options.paired > 0:
        ratios = paired_ratios(SERVERS[options.server], options.size, options.trips,
                               options.interval_ms / 1000, options.paired)
        median = percentile(ratios, 50)
        print(f"paired rounds ({options.paired}): client window p50 / bare p50, median "
              f"{median:.2f}x (rounds {ratios[0]:.2f}x to {ratios[-1]:.2f}x): "
              f"{'met' if median <= 2.0 else 'NOT met'}")
    if options.reply_delay_ms:
        rows = delayed_table_rows(options.reply_delay_ms, options.size, options.trips,
                                  options.interval_ms / 1000, max(1, options.delay_rounds))
        print()
        print(f"The same trips to a peer answering late (ThreadingTCPServer's echo, waiting "
              f"before each reply); p50 in microseconds, the median of "
              f"{max(1, options.delay_rounds)} rounds each")
        print(format_table(["reply delay ms", "bare p50 µs", "window p50 µs",
                            "window adds µs", "window / bare"], rows,
                           markdown=options.markdown))
    return 0
