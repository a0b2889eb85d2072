"""The keyboard's way through the main window's docks.

Qt keeps a dock that is tabbed behind another one "visible", only moved out of sight:
Tab would walk into its controls, and Space would press a button nobody can see. So Tab
passes over a control no pixel of which is seen (next_focus_in_sight, called from the
window's focusNextPrevChild).

The order itself is the order in which the controls joined the window: the main
window's own, then the tabs of the diagrams' docks beside them and those docks, then the
demos (gui/main_docks.py builds them in that order). Disabling the docks behind a tab
instead crashed Qt's table views as the docks were laid out again, and walking the focus
chain from Python to reorder it made wrappers of Qt's own widgets that held the window
in a reference cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from gui.refresh_throttle import on_screen

# More than the window has controls: the skipping is bounded.
FOCUS_STEPS_AT_MOST = 500


def next_focus_in_sight(move_focus: Callable[[bool], bool], forward: bool) -> bool:
    """Move the focus as Tab (forward) or Shift+Tab does with `move_focus` (the window's
    own QWidget.focusNextPrevChild), again until it lands on a control in sight."""
    for _ in range(FOCUS_STEPS_AT_MOST):
        if not move_focus(forward):
            return False
        focused = QApplication.focusWidget()
        if focused is None or on_screen(focused):
            return True
    return True
