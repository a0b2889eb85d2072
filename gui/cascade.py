"""Where a new client window opens when it remembers no place of its own: down and to the
right of the main window's corner, a step further for each window already open, ten steps
deep; each run of ten starts a little further right than the one before (window 11 used to
open exactly over window 1), and every window opens on the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

CASCADE_STEP = QPoint(32, 32)
CASCADE_DEPTH = 10
RUN_SHIFT = 96  # pixels right for each run of CASCADE_DEPTH windows


def cascade_position(windows_open: int, origin: QPoint, window_size: QSize,
                     screen: QRect) -> QPoint:
    """The top-left corner of the next window, `windows_open` being open already."""
    run, step = divmod(windows_open, CASCADE_DEPTH)
    offset = CASCADE_STEP * (step + 1) + QPoint(RUN_SHIFT * run, 0)
    right = screen.left() + max(0, screen.width() - window_size.width())
    bottom = screen.top() + max(0, screen.height() - window_size.height())
    # Past the screen's edge from the main window's corner (the main window moved to the
    # bottom right), from the screen's corner instead; then kept on it: on a small screen
    # the last of a run line up along its edge, still apart the other way.
    x = origin.x() + offset.x()
    x = x if x <= right else screen.left() + offset.x()
    y = origin.y() + offset.y()
    y = y if y <= bottom else screen.top() + offset.y()
    return QPoint(min(max(x, screen.left()), right), min(max(y, screen.top()), bottom))
