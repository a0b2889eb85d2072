"""`bench rtt` paces its trips as a person presses Send, one every interval: a batch that
comes after its trip is over must not start the next trip early (trips run back to back
then, and measure a flood instead of a person)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench.rtt_floor import run_events_until

PAUSE_SECONDS = 0.08


def test_a_late_event_neither_ends_the_pause_nor_waits_behind_it(qapp: QApplication) -> None:
    trip_loop = QEventLoop()
    handled: list[float] = []

    def late_batch() -> None:
        # What the benchmark's check does when a batch arrives: quit the trip's loop.
        handled.append(time.perf_counter())
        trip_loop.quit()

    QTimer.singleShot(10, late_batch)
    started = time.perf_counter()
    run_events_until(started + PAUSE_SECONDS)
    ended = time.perf_counter()
    assert handled and handled[0] < started + PAUSE_SECONDS / 2, \
        "the window's events run during the pause"
    assert ended >= started + PAUSE_SECONDS, "the pause lasted"

