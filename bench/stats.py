"""Numbers a benchmark reports: percentiles, the result of one load run, and text tables."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

MIB = 1024 * 1024


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 <= q <= 100) of already sorted values; NaN when there are none.

    Linear interpolation between the two nearest ranks (numpy's default), so p50 of an
    even-sized sample is the mean of the middle two.
    """
    if not 0.0 <= q <= 100.0:
        raise ValueError(f"percentile must be between 0 and 100, not {q}")
    n = len(sorted_values)
    if n == 0:
        return math.nan
    rank = (n - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, n - 1)
    fraction = rank - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


@dataclass(slots=True)
class LoadResult:
    """What one load run measured, over its measurement window only (warm-up excluded).

    ``bytes`` counts the bytes echoed back (one direction): requests * message size.
    ``latencies_ms`` is sorted; it holds every request's latency, or an unbiased sample of
    them when there were too many to keep (``requests`` stays exact either way).
    A request whose reply differed from what was sent is an error, never a request.
    """

    requests: int
    bytes: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    clients: int = 0
    # CPU time (user + system) all client processes used during the measurement window:
    # on a small machine the load generator competes with the server for the same cores.
    client_cpu_seconds: float = 0.0
    # The same for the server (bench/server_cpu.py), when it was measured.
    server_cpu_seconds: float | None = None

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def mib_per_second(self) -> float:
        return self.bytes / MIB / self.seconds if self.seconds > 0 else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p90_ms(self) -> float:
        return percentile(self.latencies_ms, 90)

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def max_ms(self) -> float:
        return self.latencies_ms[-1] if self.latencies_ms else math.nan

    @property
    def server_cpu_us_per_request(self) -> float:
        """The server's CPU per request, in microseconds; NaN when it was not measured."""
        if self.server_cpu_seconds is None or not self.requests:
            return math.nan
        return self.server_cpu_seconds / self.requests * 1e6

    @property
    def client_cpu_percent(self) -> float:
        """Client CPU as a percentage of one core (200 means two cores busy)."""
        return 100.0 * self.client_cpu_seconds / self.seconds if self.seconds > 0 else 0.0


# Cells that stand for "no value" and do not stop a column from being numeric.
PLACEHOLDERS = ("", "-")


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def format_table(headers: list[str], rows: list[list[str]], markdown: bool = False) -> str:
    """The rows as an aligned plain-text table, or as a GitHub Markdown table.

    Columns whose cells are all numbers (or "-") are right-aligned, so digits line up.
    """
    columns = len(headers)
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"row has {len(row)} cells, headers have {columns}: {row}")
    widths = [max([len(headers[i])] + [len(row[i]) for row in rows]) for i in range(columns)]
    numeric = [
        any(_is_number(row[i]) for row in rows)
        and all(_is_number(row[i]) or row[i] in PLACEHOLDERS for row in rows)
        for i in range(columns)
    ]

    def cells(row: list[str]) -> list[str]:
        return [
            row[i].rjust(widths[i]) if numeric[i] else row[i].ljust(widths[i])
            for i in range(columns)
        ]

    lines: list[str] = []
    if markdown:
        # Markdown escapes: a "|" inside a cell would split it.
        def md(row: list[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells(row)) + " |"

        lines.append(md(headers))
        lines.append(
            "|"
            + "|".join(
                "-" * (widths[i] + 1) + ":" if numeric[i] else "-" * (widths[i] + 2)
                for i in range(columns)
            )
            + "|"
        )
        lines.extend(md(row) for row in rows)
    else:
        lines.append("  ".join(cells(headers)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines.extend("  ".join(cells(row)).rstrip() for row in rows)
    return "\n".join(lines)


def print_table(
    headers: list[str],
    rows: list[list[str]],
    markdown: bool = False,
    file: TextIO | None = None,
) -> None:
    """Print format_table(headers, rows, markdown) to file (standard output by default)."""
    print(format_table(headers, rows, markdown), file=file if file is not None else sys.stdout)
