"""TCP Lab's own echo server for the benchmarks, in a process of its own.

    python -m bench.ours_server MODEL [--window] [--report FILE]

Prints the port it listens on (127.0.0.1, chosen by the system) as its first line, then
serves until SIGTERM or SIGINT.

Without --window, events go to netcore's `discard` sink: the sockets' own cost. With
--window, the server is started through the real main window of the app (offscreen, but
shown and painted), so its log, connections table and state line receive every event:
what a user runs. With --report, the window's process writes, when it stops, a JSON
report: how many events the window took, its GUI thread's stalls measured by a timer
probe, and its memory.

Qt is imported only inside serve_with_window(): process-model children are spawned and
re-import this module, and must not load Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netcore.config import ServerModel

# Nothing heavier at the top: a process-per-client server's spawned children import this
# module again (it is their parent's __main__), and each import here would be paid by each
# child, a cost the app's own light entry point (gui/launcher.py) does not have. Each
# function imports what it uses.

HOST = "127.0.0.1"
# Far above any benchmark's client count: the benchmarks measure speed, not the limit.
MAX_CONNECTIONS = 100_000
BACKLOG = 1024
PROBE_INTERVAL_MS = 5  # the GUI thread's heartbeat; a late beat is a stall
TAB_SWITCH_INTERVAL_MS = 1000  # how often a tabbed pane is brought to the front
CPU_SAMPLE_MS = 250  # how often the probe notes the GUI thread's CPU time
EXPLAINED_STALL_MS = 50  # a stall this long is split into what the GUI thread did meanwhile
STOP_POLL_SECONDS = 0.1


def _announce(port: int) -> None:
    print(port, flush=True)


def _stop_on_signals(stop: threading.Event) -> None:
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())


def serve_headless(model: ServerModel) -> None:
    from netcore.config import ServerConfig
    from netcore.events import discard
    from netcore.limits import raise_open_file_limit
    from netcore.server import Server

    raise_open_file_limit(MAX_CONNECTIONS)
    server = Server(ServerConfig(host=HOST, port=0, model=model, backlog=BACKLOG,
                                 max_connections=MAX_CONNECTIONS), discard)
    _, port = server.open()
    serving = threading.Thread(target=server.serve_forever, name="bench serve_forever")
    serving.start()
    stop = threading.Event()
    _stop_on_signals(stop)
    _announce(port)
    while not stop.is_set() and serving.is_alive():
        stop.wait(STOP_POLL_SECONDS)
    server.stop()
    serving.join(5.0)


class StallProbe:
    """Measures how late a repeating GUI-thread timer fires: the window's unresponsiveness.

    Four times a second it also notes how long the GUI thread has run on a CPU, and (Linux)
    how long it was ready to run but waited for one: a window that is late because the
    machine gives it no CPU looks different from one that is busy itself. Each stall of
    EXPLAINED_STALL_MS or more is split the same way (Linux): the GUI thread's time on a
    CPU, waiting for one, and the rest, asleep (waiting for the interpreter's lock, the
    GIL, that another thread holds, or for a lock)."""

    def __init__(self, interval_ms: int) -> None:
        from PySide6.QtCore import QTimer
        self.interval = interval_ms / 1000
        self.stalls_ms: list[tuple[float, float]] = []  # (wall-clock time, how late, ms)
        # (wall-clock time, seconds on a CPU so far, seconds waiting for one so far or None)
        self.cpu_samples: list[tuple[float, float, float | None]] = []
        self._beats_per_sample = max(1, int(CPU_SAMPLE_MS / interval_ms))
        # (wall-clock time, how late, ms on a CPU, ms waiting for one, ms since the last beat)
        self.explained_stalls: list[tuple[float, float, float, float, float]] = []
        self._schedstat = _open_schedstat()  # read at every beat: kept open (1 µs a read)
        self._last_times = self._cpu_times()
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._timer.start()
        self._stopped = False
        self._sample_cpu()

    def _beat(self) -> None:
        now = time.perf_counter()
        late_ms = max(0.0, (now - self._last - self.interval) * 1000)
        self.stalls_ms.append((time.time(), late_ms))
        times = self._cpu_times()
        (ran, waited), (ran_before, waited_before) = times, self._last_times
        if late_ms >= EXPLAINED_STALL_MS and waited is not None and waited_before is not None:
            self.explained_stalls.append((time.time(), late_ms, (ran - ran_before) * 1000,
                                          (waited - waited_before) * 1000,
                                          (now - self._last) * 1000))
        self._last_times = times
        self._last = now
        if len(self.stalls_ms) % self._beats_per_sample == 0:
            self._sample_cpu()

    def _sample_cpu(self) -> None:
        self.cpu_samples.append((time.time(), *self._cpu_times()))

    def _cpu_times(self) -> tuple[float, float | None]:
        """Seconds the GUI thread has run on a CPU, and (Linux) waited for one, so far."""
        if self._schedstat is not None:
            try:
                on_cpu, waiting, _ = (int(field) for field in
                                      os.pread(self._schedstat, 100, 0).split())
                return on_cpu / 1e9, waiting / 1e9
            except (OSError, ValueError):
                pass
        return time.thread_time(), None

    def stop(self) -> None:
        if self._stopped:
            return  # (called again once the event loop is over)
        self._stopped = True
        self._timer.stop()
        self._sample_cpu()  # the last one: a flood's span always has one after it
        if self._schedstat is not None:
            os.close(self._schedstat)
            self._schedstat = None


class TabSwitchProbe:
    """What a person clicking in the window feels, which a late timer does not show: once
    a second it brings the next of the tabbed panes to the front (the calls' diagram, the
    conversation, the kernel's view), as a click on its tab does, and measures the time
    until the pane's picture has been painted: waiting for the GUI thread, then the
    painting itself, slower on a machine whose CPUs are busy."""

    def __init__(self, docks: list, interval_ms: int) -> None:
        from PySide6.QtCore import QObject, QTimer
        # (wall-clock time, ms until painted, the pane's dock)
        self.switches_ms: list[tuple[float, float, str]] = []
        self._docks = docks
        self._next = 0
        self._asked_at: float | None = None
        probe = self

        class PaintWatch(QObject):
            def eventFilter(self, watched: object, event: object) -> bool:
                from PySide6.QtCore import QEvent
                if event.type() == QEvent.Type.Paint and probe._asked_at is not None:
                    # Just before its paint event is handled: done once the loop turns.
                    QTimer.singleShot(0, probe._painted)
                return False

        self._watch = PaintWatch()
        for dock in docks:
            dock.widget().installEventFilter(self._watch)
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._switch)
        self._timer.start()

    def _switch(self) -> None:
        if self._asked_at is not None:
            return  # the last one is not painted yet: its time is still running
        self._next = (self._next + 1) % len(self._docks)
        self._asked_at = time.perf_counter()
        self._docks[self._next].raise_()

    def _painted(self) -> None:
        if self._asked_at is None:
            return
        self.switches_ms.append((time.time(), (time.perf_counter() - self._asked_at) * 1000,
                                 self._docks[self._next].objectName()))
        self._asked_at = None

    def stop(self) -> None:
        self._timer.stop()


def _open_schedstat() -> int | None:
    """The calling thread's /proc schedstat, opened (Linux), or None."""
    try:
        return os.open(f"/proc/self/task/{threading.get_native_id()}/schedstat", os.O_RDONLY)
    except OSError:
        return None


def serve_with_window(model: ServerModel, report_path: str | None,
                      stop_after_events: int = 0, switch_tabs: bool = False) -> None:
    from gui.offscreen import offscreen_on_a_laptop_screen, quiet_the_offscreen_platform
    offscreen_on_a_laptop_screen()  # laid out as on a laptop, not on Qt's 800 x 800 default
    import psutil
    from PySide6.QtCore import QTimer

    from gui.app import start_application
    from gui.main_window import MainWindow
    from netcore.limits import raise_open_file_limit

    raise_open_file_limit(MAX_CONNECTIONS)
    quiet_the_offscreen_platform()
    app, collector = start_application()  # as tcp-lab starts
    stop = threading.Event()
    window = MainWindow()
    window.host_edit.setText(HOST)
    window.port_spin.setValue(0)
    window.model_combo.setCurrentIndex(window.model_combo.findData(model))
    window.backlog_spin.setValue(BACKLOG)
    window.max_connections_spin.setValue(MAX_CONNECTIONS)
    window.show()
    events_seen = [0]

    def count(batch: list) -> None:
        # A folded event stands for `count` of them (see EventBridge): every one counts.
        events_seen[0] += sum(event.count for event in batch)
        if stop_after_events and events_seen[0] >= stop_after_events:
            stop.set()

    window.server.eventsArrived.connect(count)
    window.start_button.click()
    address = window.server.address
    if address is None:
        raise SystemExit(f"the window could not start the server: {window.error_label.text()}")
    process = psutil.Process()
    rss_at_start = process.memory_info().rss
    # Only when a report is asked for (the flood): its timer wakes the GUI thread 200 times
    # a second, each time taking the GIL from the socket threads, which the app itself
    # never does. (Measured in `compare` after the change, the thread model's window pair
    # moved within this machine's noise: 0.63 and 0.73.)
    probe = StallProbe(PROBE_INTERVAL_MS) if report_path else None
    docks = window.docks
    switches = (TabSwitchProbe([docks.call_flow_dock, docks.conversation_dock,
                                docks.kernel_dock], TAB_SWITCH_INTERVAL_MS)
                if report_path and switch_tabs else None)
    _stop_on_signals(stop)
    # Signals are handled between Python bytecodes; a timer makes sure some run.
    poll = QTimer()
    poll.setInterval(int(STOP_POLL_SECONDS * 1000))
    def close_when_asked() -> None:
        if stop.is_set():
            if probe is not None:
                probe.stop()  # the flood is over: the stop's own wait is not a stall under it
            if switches is not None:
                switches.stop()
            window.close()

    poll.timeout.connect(close_when_asked)
    poll.start()
    _announce(address[1])
    started = time.perf_counter()
    app.exec()
    seconds = time.perf_counter() - started
    poll.stop()
    collector.stop()
    if probe is not None and report_path:  # the probe runs only for a report
        probe.stop()
        report = {"events": events_seen[0], "seconds": seconds, "stalls_ms": probe.stalls_ms,
                  "cpu_samples": probe.cpu_samples, "explained_stalls": probe.explained_stalls,
                  "tab_switches_ms": switches.switches_ms if switches is not None else [],
                  "rss_start": rss_at_start, "rss_end": process.memory_info().rss,
                  "log_rows": window.server.log.rowCount(),
                  "log_dropped": window.server.log.dropped}
        with open(report_path, "w") as out:
            json.dump(report, out)


def main(argv: list[str] | None = None) -> int:
    from bench.baseline_server import exit_at_end_of_stdin
    from netcore.config import ServerModel
    from netcore.cpu import keep_python_threads_on_one_core

    parser = argparse.ArgumentParser(prog="python -m bench.ours_server")
    parser.add_argument("model", choices=[m.value for m in ServerModel])
    parser.add_argument("--window", action="store_true",
                        help="start the server through the app's window (offscreen)")
    parser.add_argument("--report", help="with --window: write the window's report here")
    parser.add_argument("--stop-after-events", type=int, default=0,
                        help="with --window: stop once the window has taken this many events")
    parser.add_argument("--switch-tabs", action="store_true",
                        help="with --report: bring a tabbed pane to the front once a second "
                             "and report how soon it was painted")
    options = parser.parse_args(argv)
    model = ServerModel(options.model)
    if options.window or model is not ServerModel.SELECT:
        keep_python_threads_on_one_core()  # as tcp-lab and tcp-lab serve do
    exit_at_end_of_stdin()  # the benchmark holds our stdin: if it dies, we stop too
    if options.window:
        serve_with_window(model, options.report, options.stop_after_events,
                          options.switch_tabs)
    else:
        serve_headless(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
