"""`bench compare` pairs its runs: a machine that slows down during the run must not show
up as one server being faster than the other."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.compare import measure_in_rounds, pair_ratio, round_ratios, verdict
from bench.stats import LoadResult

PAIR = ("A against B", "server-a", "server-b", 1.0)


def drifting_machine(true_rates: dict[str, float], slowdown_per_run: float,
                     ) -> tuple[Callable[[str], LoadResult], list[str]]:
    """A measure_server() whose machine gets slower with every run, and the order it ran in."""
    runs: list[str] = []

    def measure_server(name: str) -> LoadResult:
        speed = (1 - slowdown_per_run) ** len(runs)
        runs.append(name)
        requests = round(true_rates[name] * speed)
        return LoadResult(requests=requests, bytes=requests * 64, seconds=1.0)

    return measure_server, runs


@pytest.mark.parametrize("rounds", [2, 3, 4, 5])
def test_a_slowing_machine_does_not_make_the_first_server_look_faster(rounds: int) -> None:
    # A and B are equally fast; the machine loses 8% of its speed at every run.
    measure_server, runs = drifting_machine({"server-a": 1000, "server-b": 1000}, 0.08)
    measured = measure_in_rounds([PAIR], rounds, measure_server)
    ratios = round_ratios(measured["A against B"])
    # A first, then B first: each round's ratio leans one way, then the other.
    assert runs == (["server-a", "server-b", "server-b", "server-a"] * 3)[:2 * rounds]
    assert ratios[0] > 1.05 and ratios[1] < 0.95
    assert pair_ratio(ratios) == pytest.approx(1.0, abs=0.005)


def test_each_round_keeps_its_own_pair_of_results() -> None:
    measure_server, _ = drifting_machine({"server-a": 900, "server-b": 1000}, 0.0)
    measured = measure_in_rounds([PAIR], 3, measure_server)
    assert len(measured["A against B"]) == 3
    assert round_ratios(measured["A against B"]) == [0.9, 0.9, 0.9]
    assert pair_ratio([0.9, 0.9, 0.9]) == pytest.approx(0.9)


def test_one_round_gives_its_own_ratio() -> None:
    assert pair_ratio([0.87]) == 0.87


def test_a_verdict_says_when_the_rounds_fall_on_both_sides_of_the_target() -> None:
    assert verdict(0.95, [0.91, 0.95, 0.99], 0.9) == "met"
    assert verdict(0.89, [0.85, 0.89, 0.88], 0.9) == "NOT met"
    assert verdict(0.91, [0.83, 0.91, 0.97], 0.9) == "met (rounds either side)"
    assert verdict(0.88, [0.77, 0.88, 0.98], 0.9) == "NOT met (rounds either side)"
    assert verdict(1.2, [1.1, 1.3], None) == "", "a pair without a target has no verdict"
