"""Ratios from one run: ours against the standard library, asyncio and socat; the window's cost.

    python -m bench compare [--size 1024] [--concurrency 32] [--repeat 3] [--duration 3]

Every pair is measured `repeat` times, in rounds. In each round, a pair's two servers are
measured one right after the other, each on a fresh server, and that round's ratio is A's
requests per second over B's; the table gives their range, and the pair's ratio is the
geometric mean of the median of the rounds A went first in and that of the rounds B went
first in. Two runs this close in time share the machine's mood
(its speed wanders by 10 to 20% within minutes), which a ratio of two medians taken
minutes apart does not. The two take turns going first, so neither is always the one
measured on a machine still busy with the other's clients. A ratio above 1 means the
first server of the pair is faster.

Each server's CPU per request (bench/server_cpu.py) is printed beside the ratio: it tells
a server given less of the shared cores (the same CPU per request, fewer requests) from
one that does more work per request.
"""

from __future__ import annotations

import argparse
import math
import statistics
from collections.abc import Callable

from bench.echo import SERVERS, load_plugins, measure
from bench.stats import LoadResult, format_table

# What is compared, server A, server B, the least ratio A/B the issue asks for (or None).
Pair = tuple[str, str, str, float | None]
# One round of a pair: A's result, B's result, measured one right after the other.
Round = tuple[LoadResult, LoadResult]

PAIRS: list[Pair] = [
    ("cost of the window, iterative", "ours-iterative+gui", "ours-iterative", 0.9),
    ("cost of the window, thread", "ours-thread+gui", "ours-thread", 0.9),
    ("cost of the window, process", "ours-process+gui", "ours-process", 0.9),
    ("cost of the window, select", "ours-select+gui", "ours-select", 0.9),
    ("thread model vs ThreadingTCPServer", "ours-thread", "threading", 1.0),
    # What one core is worth, to each: is ours ahead only because of it?
    ("thread model vs ThreadingTCPServer on one core", "ours-thread", "threading-one-core",
     None),
    ("thread model: one core vs every core", "ours-thread", "ours-thread-all-cores", None),
    ("process model vs ForkingTCPServer", "ours-process", "forking", None),
    ("select model vs asyncio (protocol)", "ours-select", "asyncio-protocol", 1.0),
    ("select model vs asyncio (streams)", "ours-select", "asyncio-streams", None),
    ("thread model vs socat (C)", "ours-thread", "socat", None),
    ("select model vs socat (C)", "ours-select", "socat", None),
]


def measure_in_rounds(pairs: list[Pair], rounds: int,
                      measure_server: Callable[[str], LoadResult]) -> dict[str, list[Round]]:
    """Each pair's rounds: A and B measured back to back, A first in even rounds and B
    first in odd ones."""
    measured: dict[str, list[Round]] = {what: [] for what, *_ in pairs}
    for round_number in range(rounds):
        for what, first, second, _ in pairs:
            if round_number % 2 == 0:
                a_result = measure_server(first)
                b_result = measure_server(second)
            else:
                b_result = measure_server(second)
                a_result = measure_server(first)
            measured[what].append((a_result, b_result))
    return measured


def round_ratios(pair_rounds: list[Round]) -> list[float]:
    """Each round's A/B, in requests per second."""
    return [a.requests_per_second / b.requests_per_second for a, b in pair_rounds]


def pair_ratio(ratios: list[float]) -> float:
    """A/B from the rounds' ratios: the geometric mean of the median of the rounds A went
    first in and the median of those B went first in, so that going first weighs as much
    as going second whatever the number of rounds (of three, two have A first)."""
    a_first, b_first = ratios[0::2], ratios[1::2]
    if not b_first:
        return ratios[0]
    return math.sqrt(statistics.median(a_first) * statistics.median(b_first))


def verdict(ratio: float, ratios: list[float], least: float | None) -> str:
    """Whether the pair's ratio meets its target, and, when its rounds fall on both sides
    of it, that another run could well say the other: on this machine a ratio near its
    target went either way from one run to the next."""
    if least is None:
        return ""
    said = "met" if ratio >= least else "NOT met"
    if min(ratios) < least <= max(ratios):
        said += " (rounds either side)"
    return said


def median_rate(results: list[LoadResult]) -> float:
    return statistics.median(r.requests_per_second for r in results)


def median_cpu_per_request(results: list[LoadResult]) -> str:
    """The server's CPU per request (µs), the median of the rounds; "-" if not measured."""
    values = [r.server_cpu_us_per_request for r in results]
    values = [v for v in values if not math.isnan(v)]
    return f"{statistics.median(values):.1f}" if values else "-"


def main(argv: list[str] | None = None) -> int:
    load_plugins()
    parser = argparse.ArgumentParser(prog="python -m bench compare",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each pair")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--pairs", default="",
                        help="only the pairs whose description contains one of these words, "
                             "or that measure a server of that name (comma-separated: "
                             "'ours-thread+gui' is the window's cost for the thread model)")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    words = [w.strip() for w in options.pairs.split(",") if w.strip()]
    pairs = [p for p in PAIRS if not words or any(w in p[0] or w in p[1:3] for w in words)]

    def measure_server(name: str) -> LoadResult:
        result = measure(SERVERS[name], options.size, options.concurrency, options.warmup,
                         options.duration)
        if result.errors:
            raise SystemExit(f"{name} echoed wrong bytes or failed: "
                             f"{result.error_messages[:3]}")
        return result

    measured = measure_in_rounds(pairs, options.repeat, measure_server)
    rows = []
    missed = []
    for what, first, second, least in pairs:
        ratios = round_ratios(measured[what])
        ratio = pair_ratio(ratios)
        said = verdict(ratio, ratios, least)
        if said.startswith("NOT met"):
            missed.append(what)
        first_results = [a for a, _ in measured[what]]
        second_results = [b for _, b in measured[what]]
        rows.append([what, first, f"{median_rate(first_results):,.0f}", second,
                     f"{median_rate(second_results):,.0f}", f"{ratio:.2f}",
                     f"{min(ratios):.2f} to {max(ratios):.2f}",
                     f"{median_cpu_per_request(first_results)} / "
                     f"{median_cpu_per_request(second_results)}",
                     "" if least is None else f">= {least:g}", said])
    print(f"Echo of {options.size} bytes, {options.concurrency} client processes, "
          f"{options.repeat} rounds of {options.duration:g} s runs (req/s: the median of "
          f"the rounds; A / B: from the rounds' ratios, A and B measured one right after "
          f"the other, each first in turn)")
    print(format_table(["comparison", "A", "A req/s", "B", "B req/s", "A / B",
                        "rounds' A / B", "server µs/req A / B", "target", "verdict"], rows,
                       markdown=options.markdown))
    if missed:
        print("targets not met: " + "; ".join(missed))
    return 0
