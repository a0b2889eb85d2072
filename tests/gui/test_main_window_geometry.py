"""The main window's size, place and docks are there at the next start.

The offscreen platform's one screen is 800 x 800 pixels, smaller than the main window
(Qt shrinks a remembered window that does not fit the screen), and the platform is
chosen once per process: the checks (tests/gui/large_screen_checks.py) run in a pytest
of their own on a screen as large as a desktop's, described to Qt's offscreen plugin in
a JSON file (QT_QPA_PLATFORM=offscreen:configfile=...).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.gui.large_screen_checks import SCREEN_HEIGHT, SCREEN_WIDTH

PROJECT = Path(__file__).resolve().parents[2]
CHECKS = Path(__file__).with_name("large_screen_checks.py")
RUN_SECONDS = 50  # a few seconds is usual; pyproject.toml's timeout for a test is 60


def test_the_main_window_and_its_docks_come_back_as_they_were_left(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "desktop", "x": 0, "y": 0, "width": SCREEN_WIDTH, "height": SCREEN_HEIGHT,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(CHECKS)],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^2 passed in ", result.stdout, re.MULTILINE), result.stdout  # none skipped
