"""The server's CPU per request (bench echo, compare) is read twice during the measurement:
a last reading still running when the clients stop read socat's CPU per request as -10 to
1 µs instead of 20. Driven on a fake clock, so that a reading takes as long as the test says."""

from __future__ import annotations

import pytest

import bench.load
from bench.load import _cpu_used_between


class FakeClock:
    """time.monotonic and time.sleep for bench.load: sleeping moves the clock on."""

    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(bench.load, "time", fake)
    return fake


def cpu_meter(clock: FakeClock, reading_seconds: float, cpu_per_second: float):
    """A server that uses `cpu_per_second`; each reading of it takes `reading_seconds`, and
    sees the CPU as it was when the reading started (the parent is read first)."""
    def cpu_used() -> float:
        seen = clock.now * cpu_per_second
        clock.now += reading_seconds
        return seen
    return cpu_used


def test_a_slow_reading_starts_early_enough_to_be_over_before_the_clients_stop(clock):
    since, end = clock.now + 0.5, clock.now + 2.5
    used = _cpu_used_between(cpu_meter(clock, 0.3, 0.8), since, end - 0.1, end)
    assert used is not None, "a reading of 0.3 s fits in a window of 2 s"
    cpu_seconds, between = used
    assert clock.now < end
    # The rate over the readings is the server's rate, whatever their timing.
    assert cpu_seconds / between == pytest.approx(0.8, rel=0.01)
    assert between < 2.0 - 0.1, "the last reading moved earlier than its usual time"


def test_a_quick_reading_is_taken_at_its_usual_time(clock):
    since, end = clock.now + 0.5, clock.now + 2.5
    cpu_seconds, between = _cpu_used_between(cpu_meter(clock, 0.001, 0.5), since, end - 0.1, end)
    assert between == pytest.approx(1.9, abs=0.01)
    assert cpu_seconds / between == pytest.approx(0.5, rel=0.01)


def test_no_number_when_the_last_reading_cannot_end_before_the_clients_stop(clock):
    # A reading as long as the window: whatever it read, the clients stopped meanwhile.
    since, end = clock.now + 0.5, clock.now + 1.0
    assert _cpu_used_between(cpu_meter(clock, 0.6, 0.5), since, end - 0.1, end) is None


def test_no_number_when_the_server_is_gone(clock):
    readings = iter([1.0, None])
    since, end = clock.now + 0.5, clock.now + 2.5
    assert _cpu_used_between(lambda: next(readings), since, end - 0.1, end) is None
