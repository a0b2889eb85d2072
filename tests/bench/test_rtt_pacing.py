"""`bench rtt` paces its trips as a person presses Send, one every interval: a batch that
comes after its trip is over must not start the next trip early (trips run back to back
then, and measure a flood instead of a person)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench.rtt_floor import _paced_trips

TRIPS = 4
INTERVAL_SECONDS = 0.03
REPLY_MS = 1
LATE_BATCH_MS = 8  # well inside the pause before the next trip
CLOCK_SLACK_SECONDS = 0.001  # a trip's start is read a moment after its pause ended


class EchoAndLateBatch:
    """Stands in for the socket: each send is answered at once, and a moment later the
    trip's loop is quit once more, as a batch reported after the reply quits it."""

    def __init__(self, loop: QEventLoop) -> None:
        self.loop = loop
        self.received = 0
        self.starts: list[float] = []
        self.late_quits = 0

    def sendall(self, message: bytes) -> None:
        self.starts.append(time.perf_counter())
        QTimer.singleShot(REPLY_MS, lambda: self._reply(len(message)))
        QTimer.singleShot(LATE_BATCH_MS, self._late_batch)

    def _reply(self, size: int) -> None:
        self.received += size
        self.loop.quit()

    def _late_batch(self) -> None:
        self.late_quits += 1
        self.loop.quit()


def test_a_late_batch_does_not_start_the_next_trip_early(qapp: QApplication) -> None:
    loop = QEventLoop()
    peer = EchoAndLateBatch(loop)
    times = _paced_trips(loop, peer, lambda: peer.received, b"x" * 64,  # type: ignore[arg-type]
                         TRIPS, INTERVAL_SECONDS, 0)
    assert len(times) == TRIPS
    gaps = [later - earlier for earlier, later in zip(peer.starts, peer.starts[1:])]
    assert min(gaps) >= INTERVAL_SECONDS - CLOCK_SLACK_SECONDS, gaps
    # The late batches were handled during the pauses (the window's events run there).
    assert peer.late_quits >= TRIPS - 1
