"""`bench compare` pairs its runs: a machine that slows down during the run must not show
up as one server being faster than the other."""

from __future__ import annotations

import statistics

from bench.compare import measure_in_rounds, round_ratios
from bench.stats import LoadResult

PAIR = ("A against B", "server-a", "server-b", 1.0)


def drifting_machine(true_rates: dict[str, float], slowdown_per_run: float):
    """A measure_server() whose machine gets slower with every run, and the order it ran in."""
    runs: list[str] = []

    def measure_server(name: str) -> LoadResult:
        speed = (1 - slowdown_per_run) ** len(runs)
        runs.append(name)
        requests = round(true_rates[name] * speed)
        return LoadResult(requests=requests, bytes=requests * 64, seconds=1.0)

    return measure_server, runs


def test_a_slowing_machine_does_not_make_the_first_server_look_faster():
    # A and B are equally fast; the machine loses 8% of its speed at every run.
    measure_server, runs = drifting_machine({"server-a": 1000, "server-b": 1000}, 0.08)
    rounds = measure_in_rounds([PAIR], 4, measure_server)
    ratios = round_ratios(rounds["A against B"])
    # Measured A first, then B first: each round's ratio leans one way, then the other.
    assert runs == ["server-a", "server-b", "server-b", "server-a"] * 2
    assert ratios[0] > 1 > ratios[1]
    assert abs(statistics.median(ratios) - 1.0) < 0.01


def test_each_round_keeps_its_own_pair_of_results():
    measure_server, _ = drifting_machine({"server-a": 900, "server-b": 1000}, 0.0)
    rounds = measure_in_rounds([PAIR], 3, measure_server)
    assert len(rounds["A against B"]) == 3
    assert round_ratios(rounds["A against B"]) == [0.9, 0.9, 0.9]
