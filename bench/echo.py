"""The echo benchmark: load each server with run_echo_load and print one table.

``python -m bench echo --sizes 64,1024 --concurrency 1,4 --servers threading,socat``

Servers are looked up by name in SERVERS: a name maps to a function returning a context
manager that starts the server, yields ``(host, port)`` and stops it on exit. Other modules
add theirs with register_server(); if a module bench/ours.py exists, main() imports it and
adds every entry of its own ``SERVERS`` dict (that is where TCP Lab's servers go).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import math
import os
import sys
import time
from collections.abc import Callable
from typing import ContextManager

from bench import baselines
from bench.load import run_echo_load
from bench.server_cpu import ServerCpuMeter
from bench.stats import LoadResult, print_table

ServerFactory = Callable[[], ContextManager[tuple[str, int]]]

SERVERS: dict[str, ServerFactory] = {
    "threading": baselines.threading_tcp_server,
    "threading-one-core": baselines.threading_tcp_server_on_one_core,
    "forking": baselines.forking_tcp_server,
    "asyncio-streams": baselines.asyncio_streams_server,
    "asyncio-protocol": baselines.asyncio_protocol_server,
    "socat": baselines.socat_server,
}

# Modules whose SERVERS dict main() adds to ours, when they exist.
PLUGIN_MODULES = ("bench.ours",)

HEADERS = ["server", "size", "conc", "req/s", "MiB/s", "p50 ms", "p90 ms", "p99 ms",
           "max ms", "server cpu µs/req", "client cpu %", "errors"]


def register_server(name: str, factory: ServerFactory) -> None:
    """Make factory available as --servers NAME (a later registration replaces an earlier)."""
    SERVERS[name] = factory


def load_plugins() -> None:
    """Add the servers of every PLUGIN_MODULES module that exists. An error inside such a
    module is not hidden: only a missing module is skipped."""
    for module_name in PLUGIN_MODULES:
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for name, factory in getattr(module, "SERVERS", {}).items():
            register_server(name, factory)


def measure(
    server_factory: ServerFactory,
    size: int,
    concurrency: int,
    warmup: float,
    duration: float,
) -> LoadResult:
    """Start a fresh server, load it, stop it. A fresh server per measurement, so that
    nothing left from the previous one (forked children, grown buffers) skews this one."""
    with server_factory() as (host, port):
        meter = ServerCpuMeter(port)
        return run_echo_load(host, port, size, concurrency, warmup, duration,
                             meter.seconds if meter.found else None)


def _ints(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, not {text!r}") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive integers, not {text!r}")
    return values


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}"


def _us(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def result_row(server: str, size: int, concurrency: int, result: LoadResult) -> list[str]:
    return [
        server,
        str(size),
        str(concurrency),
        f"{result.requests_per_second:.0f}",
        f"{result.mib_per_second:.2f}",
        _ms(result.p50_ms),
        _ms(result.p90_ms),
        _ms(result.p99_ms),
        _ms(result.max_ms),
        _us(result.server_cpu_us_per_request),
        f"{result.client_cpu_percent:.0f}",
        str(result.errors),
    ]


def main(argv: list[str] | None = None) -> int:
    load_plugins()
    parser = argparse.ArgumentParser(
        prog="python -m bench echo",
        description="Echo throughput and latency of several servers (uvloop's echo_client method).",
    )
    parser.add_argument("--sizes", type=_ints, default=[64, 1024, 10240, 102400],
                        help="message sizes in bytes, comma-separated (default: %(default)s)")
    parser.add_argument("--concurrency", type=_ints, default=[1, 4, 32],
                        help="numbers of client processes, comma-separated (default: %(default)s)")
    parser.add_argument("--warmup", type=float, default=1.0,
                        help="seconds of load not counted before each measurement (default: %(default)s)")
    parser.add_argument("--duration", type=float, default=5.0,
                        help="seconds measured per cell (default: %(default)s)")
    parser.add_argument("--servers", type=_names, default=list(SERVERS),
                        help=f"servers, comma-separated, among: {', '.join(SERVERS)} (default: all)")
    parser.add_argument("--markdown", action="store_true", help="print a GitHub Markdown table")
    args = parser.parse_args(argv)
    if args.warmup < 0 or args.duration <= 0:
        parser.error("--warmup must be >= 0 and --duration > 0")
    unknown = [name for name in args.servers if name not in SERVERS]
    if unknown:
        parser.error(f"unknown server(s) {', '.join(unknown)}; known: {', '.join(SERVERS)}")

    cells = [(s, size, c) for s in args.servers for size in args.sizes for c in args.concurrency]
    print(f"echo benchmark: {len(cells)} measurements of {args.warmup:g} s warm-up + "
          f"{args.duration:g} s, {os.cpu_count()} CPUs (clients and server share them)",
          file=sys.stderr)
    rows: list[list[str]] = []
    problems: list[str] = []
    interrupted = False
    for number, (server, size, concurrency) in enumerate(cells, 1):
        began = time.monotonic()
        label = f"{server} size={size} concurrency={concurrency}"
        try:
            result = measure(SERVERS[server], size, concurrency, args.warmup, args.duration)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            interrupted = True
            break
        except Exception as exc:  # noqa: BLE001 - one failing server must not end the run
            rows.append([server, str(size), str(concurrency)] + ["-"] * 8 + ["failed"])
            problems.append(f"{label}: {type(exc).__name__}: {exc}")
            print(f"[{number}/{len(cells)}] {label}: FAILED {exc}", file=sys.stderr)
            continue
        rows.append(result_row(server, size, concurrency, result))
        problems.extend(f"{label}: {message}" for message in result.error_messages)
        print(f"[{number}/{len(cells)}] {label}: {result.requests_per_second:.0f} req/s, "
              f"{result.errors} errors ({time.monotonic() - began:.1f} s)", file=sys.stderr)
    print_table(HEADERS, rows, markdown=args.markdown)
    if problems:
        print("\nerrors:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    if interrupted:
        return 130  # the shell's code for "ended by SIGINT"
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
