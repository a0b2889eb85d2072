"""Ratios from one run: ours against the standard library, asyncio and socat; the window's cost.

    python -m bench compare [--size 1024] [--concurrency 32] [--repeat 3] [--duration 3]

Every server of the chosen pairs is measured `repeat` times, in rounds (each round
measures each pair's A then B, each time on a fresh server; a server in two pairs is
measured twice per round), and compared by the median of its requests per second: a
slow spell of the machine then hits both sides alike. A ratio above 1 means the first server
of the pair is faster.
"""

from __future__ import annotations

import argparse
import statistics

from bench.echo import SERVERS, load_plugins, measure
from bench.stats import LoadResult, format_table

# (what is compared, server A, server B, the least ratio A/B the issue asks for, or None)
PAIRS: list[tuple[str, str, str, float | None]] = [
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


def median_rate(results: list[LoadResult]) -> float:
    return statistics.median(r.requests_per_second for r in results)


def main(argv: list[str] | None = None) -> int:
    load_plugins()
    parser = argparse.ArgumentParser(prog="python -m bench compare",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--pairs", default="",
                        help="only the pairs whose description contains one of these words, "
                             "or that measure a server of that name (comma-separated: "
                             "'ours-thread+gui' is the window's cost for the thread model)")
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    words = [w.strip() for w in options.pairs.split(",") if w.strip()]
    pairs = [p for p in PAIRS if not words or any(w in p[0] or w in p[1:3] for w in words)]
    measured: dict[str, list[LoadResult]] = {}
    for _ in range(options.repeat):
        for _, first, second, _ in pairs:
            for name in (first, second):
                result = measure(SERVERS[name], options.size, options.concurrency,
                                 options.warmup, options.duration)
                if result.errors:
                    raise SystemExit(f"{name} echoed wrong bytes or failed: "
                                     f"{result.error_messages[:3]}")
                measured.setdefault(name, []).append(result)
    rows = []
    missed = []
    for what, first, second, least in pairs:
        ratio = median_rate(measured[first]) / median_rate(measured[second])
        verdict = "" if least is None else ("met" if ratio >= least else "NOT met")
        if verdict == "NOT met":
            missed.append(what)
        rows.append([what, first, f"{median_rate(measured[first]):,.0f}", second,
                     f"{median_rate(measured[second]):,.0f}", f"{ratio:.2f}",
                     "" if least is None else f">= {least:g}", verdict])
    print(f"Echo of {options.size} bytes, {options.concurrency} client processes, median of "
          f"{options.repeat} alternating runs of {options.duration:g} s (req/s)")
    print(format_table(["comparison", "A", "A req/s", "B", "B req/s", "A / B", "target",
                        ""], rows, markdown=options.markdown))
    if missed:
        print("targets not met: " + "; ".join(missed))
    return 0
