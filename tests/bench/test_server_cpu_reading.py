"""The server's CPU per request (bench echo, compare) comes from two readings during the
measurement: a last reading still running when the clients stop read socat's CPU per
request as -10 to 1 µs instead of 20. Driven on a fake clock, so that a reading takes as
long as the test says."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import bench.load
from bench.load import _server_cpu_seconds


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


def cpu_meter(clock: FakeClock, reading_seconds: list[float],
              cpu_per_second: float) -> Callable[[], float]:
    """A server that uses `cpu_per_second`; its calls take `reading_seconds`, one after
    the other (the first looks for its children: bench/server_cpu.py), and each sees the
    CPU as it was when it started."""
    durations = iter(reading_seconds)

    def cpu_used() -> float:
        seen = clock.now * cpu_per_second
        clock.now += next(durations)
        return seen
    return cpu_used


def test_a_slow_search_for_children_and_quick_readings_give_the_servers_rate(clock):
    since, end = clock.now + 0.5, clock.now + 3.5
    cpu = _server_cpu_seconds(cpu_meter(clock, [0.3, 0.01, 0.02], 0.8), since, end - 0.1,
                              end, 3.0)
    assert cpu == pytest.approx(0.8 * 3.0, rel=0.01), "CPU over the whole 3 s window"
    assert clock.now < end, "the last reading was over before the clients stopped"


def test_a_last_reading_as_slow_as_the_first_starts_early_enough(clock):
    since, end = clock.now + 0.5, clock.now + 2.5
    cpu = _server_cpu_seconds(cpu_meter(clock, [0.3, 0.3, 0.3], 0.5), since, end - 0.1, end,
                              2.0)
    assert cpu == pytest.approx(0.5 * 2.0, rel=0.01)
    assert clock.now < end


def test_no_number_when_the_last_reading_cannot_end_before_the_clients_stop(clock):
    # The last reading is far slower than the first: the clients stop meanwhile.
    since, end = clock.now + 0.5, clock.now + 2.5
    assert _server_cpu_seconds(cpu_meter(clock, [0.3, 0.01, 0.5], 0.5), since, end - 0.1,
                               end, 2.0) is None


def test_no_number_when_the_cpu_seems_to_go_down_or_the_server_is_gone(clock):
    since, end = clock.now + 0.5, clock.now + 2.5
    readings = iter([2.0, 2.0, 1.5])  # a child counted at the first reading, not the last
    assert _server_cpu_seconds(lambda: next(readings), since, end - 0.1, end, 2.0) is None
    readings = iter([1.0, 1.0, None])
    assert _server_cpu_seconds(lambda: next(readings), since, end - 0.1, end, 2.0) is None
