"""The main window's first layout on the screens a class meets: a 1366 x 768 laptop, a
1920 x 1080 projector and an old 1024 x 768 one, each less its task bar (what the window
may take of it). The checks (tests/gui/first_layout_checks.py) run in a pytest of their
own on each screen (tests/gui/screens.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.screens import run_checks_on_screen

CHECKS = Path(__file__).with_name("first_layout_checks.py")
CHECK_COUNT = 8
TASK_BAR = 40  # pixels of the screen's height a desktop's panel keeps (Windows: 40)


@pytest.mark.parametrize("width, height", [(1024, 768), (1366, 768), (1920, 1080)],
                         ids=["small-1024x768", "laptop-1366x768", "projector-1920x1080"])
def test_the_first_layout_shows_the_diagrams_readable(tmp_path: Path, width: int,
                                                      height: int) -> None:
    run_checks_on_screen(CHECKS, tmp_path, width, height - TASK_BAR, CHECK_COUNT)
