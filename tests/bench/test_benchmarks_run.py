"""Every benchmark runs to its end at a tiny size, so the benchmark code cannot rot.

Not speed tests: nothing here compares a number with a threshold. Each run must finish,
print its table with a row for everything it measured, and leave nothing running.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN_SECONDS = 120
needs_socat = pytest.mark.skipif(shutil.which("socat") is None,
                                 reason="socat (a baseline server) is not installed")


def run_bench(*args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=RUN_SECONDS)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def table_rows(output: str) -> list[list[str]]:
    """The rows of the plain-text table: the lines after the ----- rule, split on 2+ spaces."""
    lines = output.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    rows = []
    for line in lines[rule + 1:]:
        if not line.strip() or line.startswith("target"):
            break
        rows.append([cell for cell in line.split("  ") if cell.strip()])
    return rows


def cpu_readings(cells: list[str]) -> list[float]:
    """The CPU-per-request cells that were measured. A reading that could not be taken in
    time prints "-" (bench/load.py, _server_cpu_seconds: on a busy machine the last
    reading may not be over when the clients stop); any other cell must be a number."""
    return [float(cell) for cell in (cell.strip() for cell in cells) if cell != "-"]


@needs_socat
def test_echo_measures_baselines_and_ours_with_and_without_the_window():
    servers = ["threading", "asyncio-protocol", "socat", "ours-thread", "ours-select+gui"]
    output = run_bench("echo", "--sizes", "64", "--concurrency", "2", "--warmup", "0.1",
                       "--duration", "0.4", "--servers", ",".join(servers))
    rows = table_rows(output)
    assert [row[0].strip() for row in rows] == servers
    for row in rows:
        assert int(row[3].strip().replace(",", "")) > 0, row  # requests per second
        assert row[-1].strip() == "0", f"errors in {row}"
    # The server's CPU per request: found by its port, whether it is one process
    # (ours, asyncio), forks (socat) or the window with its server.
    cpu = cpu_readings([row[9] for row in rows])
    assert len(cpu) >= len(rows) - 1 and all(reading > 0 for reading in cpu), rows


@needs_socat
def test_compare_prints_a_ratio_for_each_pair():
    output = run_bench("compare", "--size", "64", "--concurrency", "2", "--repeat", "1",
                       "--warmup", "0.1", "--duration", "0.4", "--pairs", "thread")
    header = output.splitlines()[1].split()
    assert header[-2:] == ["target", "verdict"], "every column says what it is"
    rows = table_rows(output)
    assert {row[0].strip() for row in rows} == {
        "cost of the window, thread", "thread model vs ThreadingTCPServer",
        "thread model vs ThreadingTCPServer on one core",
        "thread model: one core vs every core", "thread model vs socat (C)"}
    for row in rows:
        assert float(row[5]) > 0
    # Each server's CPU per request, "A / B" in each row.
    cpu = cpu_readings([cell for row in rows for cell in row[7].split(" / ")])
    assert len(cpu) >= 2 * len(rows) - 1 and all(reading > 0 for reading in cpu), rows


def test_round_trip_of_the_window_and_of_a_bare_client():
    output = run_bench("rtt", "--trips", "10", "--interval-ms", "5", "--paired", "2")
    names = [row[0].strip() for row in table_rows(output)]
    assert names == ["bare socket client", "Qt receive thread, nothing shown",
                     "Qt, no receive thread, nothing shown", "client window",
                     "bare socket client, back to back", "client window, back to back (batched)"]
    assert "target: client window p50 within 2x" in output
    paired = [line for line in output.splitlines() if line.startswith("paired rounds (2)")]
    assert len(paired) == 1, output
    median = float(paired[0].split("median ")[1].split("x")[0])
    assert median > 0, paired[0]


def test_round_trips_to_a_peer_that_answers_late():
    output = run_bench("rtt", "--trips", "5", "--interval-ms", "5", "--reply-delay-ms", "3",
                       "--delay-rounds", "1")
    late = output.split("The same trips to a peer answering late", 1)
    assert len(late) == 2, output
    rows = table_rows(late[1])
    assert [row[0].strip() for row in rows] == ["3"], rows
    bare, window, window_adds = (int(cell) for cell in rows[0][1:4])
    # The peer really waited: a trip can't be quicker than its 3 ms, whichever the client.
    assert bare >= 3000 and window >= 3000, rows
    assert window_adds == pytest.approx(window - bare, abs=1), rows


def test_round_trips_refuse_a_reply_delay_that_is_not_a_time():
    for bad in ("soon", "0", "2000"):
        result = subprocess.run([sys.executable, "-m", "bench", "rtt", "--reply-delay-ms", bad],
                                cwd=ROOT, capture_output=True, text=True, timeout=RUN_SECONDS)
        assert result.returncode == 2, result.stderr
        assert "--reply-delay-ms" in result.stderr and bad in result.stderr, result.stderr


def test_scale_serves_every_client_of_every_model():
    output = run_bench("scale", "--select", "40", "--thread", "10", "--process", "2",
                       "--messages", "2")
    rows = table_rows(output)
    assert [row[0].strip() for row in rows] == ["select", "thread", "process"]
    assert [row[3].strip() for row in rows] == ["80/80", "20/20", "4/4"]
    assert all(row[-1].strip() == "yes" for row in rows)


@pytest.mark.parametrize("model", ["thread", "select"])
def test_flood_reports_stalls_and_memory_of_the_window(model):
    output = run_bench("flood", "--model", model, "--clients", "4", "--seconds", "1")
    rows = table_rows(output)
    assert len(rows) == 1 and rows[0][0].strip() == model
    assert int(rows[0][3].strip().replace(",", "")) > 0, "the window took events"
    assert "target: longest stall" in output and "target: memory growth" in output
    assert "stalls of 50 ms or more:" in output, "what the window did in its long stalls"
    on_cpu, waiting = (cell.strip() for cell in rows[0][-2:])
    assert on_cpu != "n/a", "how much CPU the window's thread had is always known"
    if sys.platform.startswith("linux"):
        assert waiting != "n/a", "Linux says how long a thread waited for a CPU"


def test_a_flood_of_so_many_events_ends_when_the_window_has_taken_them():
    """--events N: the window's process stops itself at N events, which closes every
    client's connection; that is the flood's end, not an error of its clients."""
    output = run_bench("flood", "--model", "iterative", "--clients", "4", "--events", "2000")
    rows = table_rows(output)
    assert int(rows[0][3].strip().replace(",", "")) >= 2000
    assert "flood client error" not in output, output


def test_a_flood_from_a_program_per_client_says_how_soon_a_pane_brought_up_is_painted():
    output = run_bench("flood", "--model", "select", "--clients", "3", "--processes", "3",
                       "--seconds", "2.5", "--switch-tabs")
    assert int(table_rows(output)[0][3].strip().replace(",", "")) > 0, "the window took events"
    switches = next(line for line in output.splitlines() if line.startswith("tab switches"))
    assert "Dock p50" in switches, switches


def test_startup_times_the_app_and_its_baselines():
    from bench.startup import stale_bytecode_caches  # what the launches would leave

    caches_before = set(stale_bytecode_caches())
    output = run_bench("startup", "--runs", "1")
    names = [row[0].strip() for row in table_rows(output)]
    expected = ["python -c pass", "smallest PySide6 window", "tcp-lab main window"]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # The app as this environment starts it too: compiled from source every time.
        expected.append("tcp-lab main window, as this environment starts it "
                        "(PYTHONDONTWRITEBYTECODE)")
    assert names == expected
    # Its launches keep their bytecode caches in a folder of their own, not the tree's.
    assert set(stale_bytecode_caches()) <= caches_before


def test_clients_opens_client_windows_both_ways_and_connects_each():
    output = run_bench("clients", "--clients", "3")
    rows = table_rows(output)
    assert [row[0].strip() for row in rows] == ["one per turn (the button)",
                                                "every window in one go (before)"]
    assert all(row[2].strip() == "3" and row[-1].strip() == "yes" for row in rows)
    assert "target: the main window late by less than" in output


def test_child_times_a_process_per_client_connection_and_its_baselines():
    output = run_bench("child", "--connections", "2")
    rows = table_rows(output)
    assert [row[0].strip() for row in rows][:3] == [
        "an empty spawned child", "ours-process", "ForkingTCPServer"]
    for row in rows:
        assert float(row[1].strip()) > 0, row  # ms per connection


def test_idle_measures_the_baseline_and_every_model_with_and_without_clients():
    output = run_bench("idle", "--seconds", "0.3", "--clients", "2")
    rows = table_rows(output)
    names = [row[0].strip() for row in rows]
    assert names[:2] == ["an empty Qt window (baseline)", "TCP Lab, server stopped"]
    for model in ("iterative", "thread", "process", "select"):
        assert f"TCP Lab, {model} server, no clients" in names
    assert "TCP Lab, iterative server, 1 idle client window" in names
    assert "TCP Lab, process server, 2 idle client windows" in names
    by_name = dict(zip(names, rows))
    # The process model's two children are counted with the window's own process.
    assert int(by_name["TCP Lab, process server, 2 idle client windows"][1]) > \
        int(by_name["TCP Lab, process server, no clients"][1])
    for row in rows:
        assert float(row[2]) >= 0 and float(row[3]) > 0, row  # CPU %, switches a second
