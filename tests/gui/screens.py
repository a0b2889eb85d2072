"""A screen of a given size for Qt's offscreen platform, whose one screen is otherwise 800 x
800 pixels and is chosen once per process: checks that need another one run in a process
of their own, the screen described in a JSON file (QT_QPA_PLATFORM=offscreen:configfile=).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from gui.offscreen import offscreen_screen

PROJECT = Path(__file__).resolve().parents[2]
RUN_SECONDS = 50  # a few seconds is usual; pyproject.toml's timeout for a test is 60


def run_checks_on_screen(checks: Path, folder: Path, width: int, height: int,
                         expected_passes: int) -> None:
    """Run the pytest file `checks` on such a screen; all its checks pass, none skipped."""
    environment = {**os.environ, "QT_QPA_PLATFORM": offscreen_screen(folder, width, height)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(checks)],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(rf"^{expected_passes} passed in ", result.stdout, re.MULTILINE), \
        result.stdout
