"""The main window's size, place and docks are there at the next start.

The offscreen platform's one screen is 800 x 800 pixels, smaller than the main window
(Qt shrinks a remembered window that does not fit the screen): the checks
(tests/gui/large_screen_checks.py) run in a pytest of their own on a screen as large as a
desktop's (tests/gui/screens.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.gui.large_screen_checks import SCREEN_HEIGHT, SCREEN_WIDTH
from tests.gui.screens import run_checks_on_screen

CHECKS = Path(__file__).with_name("large_screen_checks.py")


def test_the_main_window_and_its_docks_come_back_as_they_were_left(tmp_path: Path) -> None:
    run_checks_on_screen(CHECKS, tmp_path, SCREEN_WIDTH, SCREEN_HEIGHT, expected_passes=2)
