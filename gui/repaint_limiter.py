"""Repaints a table at most a few times a second while its model streams changes.

Each repaint of a table lays out every visible cell again, and asks the model for seven
roles of each (seven calls into Python). Under a flood, the models change with every
batch, thirty times a second; repainting each time costs the GUI thread (and, through
Python's one lock, the sockets) far more than anyone gains: nobody reads a line or a byte
counter that changes faster than a few times a second. The first change after a quiet
spell shows at once, so a reply a person waits for is never held back.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView

from gui.refresh_throttle import refresh_everything_held

# Under a stream of changes, a table is repainted at most this often.
REPAINT_INTERVAL_MS = 250
# A view must be painted in full, held changes or not, when it is resized or shown: while
# updates are held, Qt would leave it blank.
_PAINT_IN_FULL = (QEvent.Type.Resize, QEvent.Type.Show)
_limiters: "weakref.WeakSet[RepaintLimiter]" = weakref.WeakSet()


def show_everything_held() -> None:
    """Show every view's held changes now, and refresh every held picture (diagrams,
    charts): before a picture of a window is taken, which renders held views blank
    otherwise."""
    refresh_everything_held()
    for limiter in list(_limiters):
        if not shiboken6.isValid(limiter):  # its view is gone; Python may not know yet
            _limiters.discard(limiter)
        elif limiter.holding:
            limiter.show_now()


class RepaintLimiter(QObject):
    """Holds a view's repaints back (setUpdatesEnabled) until an interval has passed
    since the last one; `after_showing` runs each time the held changes are shown."""

    def __init__(self, view: QAbstractItemView, after_showing: Callable[[], None] | None = None,
                 interval_ms: int = REPAINT_INTERVAL_MS) -> None:
        super().__init__(view)
        self._view = view
        self._after_showing = after_showing
        self._interval_ms = interval_ms
        self._last_shown = 0.0
        self._held = QTimer(self)  # ends a spell of not repainting
        self._held.setSingleShot(True)
        self._held.timeout.connect(self.show_now)
        model = view.model()
        model.rowsInserted.connect(self.changed)
        model.dataChanged.connect(self.changed)
        view.installEventFilter(self)
        _limiters.add(self)

    @property
    def holding(self) -> bool:
        return self._held.isActive()

    @Slot()
    def changed(self) -> None:
        """The model changed: show it now, or when the interval is over."""
        if self._held.isActive():
            return  # shown when the spell ends
        wait_ms = self._interval_ms - (time.monotonic() - self._last_shown) * 1000
        if wait_ms <= 0:
            self.show_now()  # the first change after a quiet spell: at once
            return
        self._view.setUpdatesEnabled(False)
        self._held.start(int(wait_ms) + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PAINT_IN_FULL and self._held.isActive():
            self.show_now()
        return False

    @Slot()
    def show_now(self) -> None:
        self._held.stop()
        self._last_shown = time.monotonic()
        self._view.setUpdatesEnabled(True)
        if self._after_showing is not None:
            self._after_showing()
