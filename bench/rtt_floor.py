"""The floor of a client window's round trip: the window's shape with nothing in it.

The GUI thread sends; a Python thread blocks in recv() and hands the reply to the GUI
thread with a queued Qt signal; a slot there ends the trip. That is what any Qt window
with a receive thread pays, whatever it shows: the bare client's trip plus one hand-over
between threads. Between it and the client window is the app's own work (the message
box, the events, the log's rows, the counters, the paint), which is what a faster window
would have to cut; below it, only a window without a receive thread could go.

Run in the window's process, on the window's one core (bench/rtt.py keeps it there).
"""

from __future__ import annotations

import math
import socket
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot

TRIP_TIMEOUT_MS = 5000
PAUSE_TRIES = 3  # timer waits to end a pause between trips, at most


class _ReplyHandOver(QObject):
    """Lives in the GUI thread; its signal, emitted by the receive thread, is queued."""

    replied = Signal(int)  # bytes received

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.received = 0
        self._loop = loop
        self.replied.connect(self._take, Qt.ConnectionType.QueuedConnection)

    @Slot(int)
    def _take(self, size: int) -> None:
        self.received += size
        self._loop.quit()


def _connect(host: str, port: int) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=TRIP_TIMEOUT_MS / 1000)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def run_events_until(moment: float) -> None:
    """Run the event loop until time.perf_counter() reaches `moment`, as a window's runs
    between two clicks. A loop and a timer of their own: a late event (the last part of a
    reply, or a batch that came after the trip was over) quitting the trip's loop had
    ended such pauses early, and trips then ran back to back."""
    pause_loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may fire 5% early
    timer.setSingleShot(True)
    timer.timeout.connect(pause_loop.quit)
    for _ in range(PAUSE_TRIES):  # bounded; a precise timer ends it at the first
        pause = moment - time.perf_counter()
        if pause <= 0:
            return
        timer.start(math.ceil(pause * 1000))
        pause_loop.exec()


def _paced_trips(loop: QEventLoop, sock: socket.socket, received: Callable[[], int],
                 message: bytes, trips: int, interval: float,
                 warmup_trips: int) -> list[float]:
    """Seconds per round trip, sorted: sendall() in the GUI thread, then its event loop
    runs until `received()` (counted by whatever `loop.quit()`s) has the whole echo."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    times: list[float] = []
    next_trip = time.perf_counter()
    for trip in range(warmup_trips + trips):
        run_events_until(next_trip)
        next_trip = max(next_trip + interval, time.perf_counter())
        wanted = received() + len(message)
        started = time.perf_counter()
        sock.sendall(message)
        guard.start(TRIP_TIMEOUT_MS)
        while received() < wanted and guard.isActive():  # bounded by the guard
            loop.exec()
        guard.stop()
        if received() < wanted:
            raise RuntimeError(f"no reply within {TRIP_TIMEOUT_MS} ms")
        if trip >= warmup_trips:
            times.append(time.perf_counter() - started)
    return sorted(times)


def signal_round_trips(host: str, port: int, message: bytes, trips: int, interval: float,
                       warmup_trips: int) -> list[float]:
    """Seconds per round trip, sorted: sendall() in the GUI thread -> the reply's signal
    taken there. A QApplication must exist."""
    loop = QEventLoop()
    hand_over = _ReplyHandOver(loop)
    sock = _connect(host, port)
    sock.settimeout(None)

    def receive() -> None:
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            hand_over.replied.emit(len(data))

    receiver = threading.Thread(target=receive, name="rtt floor receiver")
    receiver.start()
    try:
        return _paced_trips(loop, sock, lambda: hand_over.received, message, trips,
                            interval, warmup_trips)
    finally:
        # shutdown() wakes the blocked recv() (closing from this thread would not).
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        receiver.join(TRIP_TIMEOUT_MS / 1000)
        sock.close()


def notifier_round_trips(host: str, port: int, message: bytes, trips: int, interval: float,
                         warmup_trips: int) -> list[float]:
    """The same without a receive thread: a QSocketNotifier wakes the GUI thread itself,
    which reads the reply (not TCP Lab's design, which keeps netcore free of Qt and its
    blocking calls on threads: DESIGN.md; measured to show what that design costs)."""
    from PySide6.QtCore import QSocketNotifier

    loop = QEventLoop()
    received = [0]
    sock = _connect(host, port)
    notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read)

    def readable() -> None:
        try:
            received[0] += len(sock.recv(65536, socket.MSG_DONTWAIT))
        except BlockingIOError:
            return
        loop.quit()

    notifier.activated.connect(readable)
    try:
        return _paced_trips(loop, sock, lambda: received[0], message, trips, interval,
                            warmup_trips)
    finally:
        notifier.setEnabled(False)
        sock.close()
