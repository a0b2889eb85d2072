"""The main window's first layout on the screens a class meets: a 1366 x 768 laptop and a
1920 x 1080 projector, each less its task bar (what the window may take of it). The
offscreen platform's one screen is 800 x 800 pixels and is chosen once per process: the
checks (tests/gui/first_layout_checks.py) run in a pytest of their own on each screen,
described to Qt's offscreen plugin in a JSON file (QT_QPA_PLATFORM=offscreen:configfile=).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHECKS = Path(__file__).with_name("first_layout_checks.py")
RUN_SECONDS = 50  # a few seconds is usual; pyproject.toml's timeout for a test is 60
TASK_BAR = 40  # pixels of the screen's height a desktop's panel keeps (Windows: 40)


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)],
                         ids=["laptop-1366x768", "projector-1920x1080"])
def test_the_first_layout_shows_the_diagrams_readable(tmp_path: Path, width: int,
                                                      height: int) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": width, "height": height - TASK_BAR,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    environment = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(CHECKS)],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^3 passed in ", result.stdout, re.MULTILINE), result.stdout  # none skipped
