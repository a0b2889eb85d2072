"""Start-up: from launching `tcp-lab` to its window's first paint.

    python -m bench startup [--runs 10]

Each launch is timed from just before the process is started to the moment the app's
window has handled its first paint event (the app prints the wall-clock time then, with
`--print-paint-time`, and quits). Measured in the same run, as baselines: a bare Python
start (`python -c pass`) and the smallest PySide6 app that paints a window. The target
is under 1.5 s; the ratio to the smallest Qt app is what TCP Lab itself adds.

Every program runs as an installed one does, with Python's bytecode caches (pip writes
them on install, Python at the first start): written at the warm-up launch into a
directory of the benchmark's own, so that a PYTHONDONTWRITEBYTECODE in the environment
(set on the development machine) neither slows these launches nor is overridden in the
source tree. Where it is set, one more row launches the app as the environment starts
it: TCP Lab's own modules compiled from source each time, unless a __pycache__ of theirs
was left from an earlier start without it (the benchmark then says so); the standard
library and PySide6 come with caches of their own. The slowest of the app's rows is what
the target is judged on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import format_table

TARGET_SECONDS = 1.5
UNCACHED_ROW = "tcp-lab main window, as this environment starts it (PYTHONDONTWRITEBYTECODE)"
PACKAGES = ("gui", "netcore", "resources")  # TCP Lab's own, next to this folder
LAUNCH_TIMEOUT_SECONDS = 30.0

SMALLEST_QT_APP = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

def report():
    print(f"painted {time.time():.6f}", flush=True)
    label.close()

app = QApplication([])
label = QLabel("hello")
watch = FirstPaint()
label.installEventFilter(watch)
label.show()
app.exec()
"""


def tcp_lab_command() -> list[str]:
    """The installed console script next to this Python, else the module."""
    script = Path(sys.executable).with_name("tcp-lab")
    if script.exists():
        return [str(script), "--print-paint-time"]
    return [sys.executable, "-m", "gui", "--print-paint-time"]


def with_bytecode_caches(cache_dir: str) -> dict[str, str]:
    """This environment, with Python's bytecode caches read and written in `cache_dir`."""
    env = {name: value for name, value in os.environ.items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache_dir
    return env


def stale_bytecode_caches() -> list[Path]:
    """TCP Lab's own __pycache__ folders in its source tree (an editable install reads
    them even with PYTHONDONTWRITEBYTECODE set)."""
    root = Path(__file__).resolve().parent.parent
    return sorted(cache for package in PACKAGES for cache in (root / package).rglob("__pycache__"))


def time_launch(command: list[str], painted: bool, env: dict[str, str]) -> float:
    """Seconds from starting `command` to its first paint (or to its exit if not `painted`)."""
    env = dict(env)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env,
                            timeout=LAUNCH_TIMEOUT_SECONDS)
    ended = time.time()
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    if not painted:
        return ended - started
    for line in result.stdout.splitlines():
        if line.startswith("painted "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[0]} never reported a paint: {result.stdout[-500:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench startup",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tcp-lab-bench-bytecode-") as cache_dir:
        installed = with_bytecode_caches(cache_dir)
        subjects = [
            ("python -c pass", [sys.executable, "-c", "pass"], False, installed),
            ("smallest PySide6 window", [sys.executable, "-c", SMALLEST_QT_APP], True,
             installed),
            ("tcp-lab main window", tcp_lab_command(), True, installed),
        ]
        stale_caches = 0
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            subjects.append((UNCACHED_ROW, tcp_lab_command(), True, dict(os.environ)))
            stale_caches = len(stale_bytecode_caches())
        for _name, command, painted, env in subjects:  # writes the caches, warms the disk's
            time_launch(command, painted, env)
        times: dict[str, list[float]] = {name: [] for name, _, _, _ in subjects}
        for _ in range(options.runs):  # interleaved, so a slow spell hits them all alike
            for name, command, painted, env in subjects:
                times[name].append(time_launch(command, painted, env))
    qt_median = statistics.median(times["smallest PySide6 window"])
    rows = [[name, f"{statistics.median(values) * 1000:.0f}", f"{min(values) * 1000:.0f}",
             f"{max(values) * 1000:.0f}", f"{statistics.median(values) / qt_median:.2f}"]
            for name, values in times.items()]
    print(f"Launch to first paint, {options.runs} runs each "
          f"(QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
    print(format_table(["program", "median ms", "min ms", "max ms", "median / smallest Qt"],
                       rows, markdown=options.markdown))
    if stale_caches:
        print(f"note: {stale_caches} __pycache__ folders of TCP Lab's own modules were "
              f"there, so the last row read them: it is not a start from source")
    worst = max(max(values) for name, values in times.items() if name.startswith("tcp-lab"))
    print(f"target: painted in under {TARGET_SECONDS} s: "
          f"{'met' if worst < TARGET_SECONDS else 'NOT met'} (slowest of {options.runs}: "
          f"{worst:.2f} s)")
    return 0
