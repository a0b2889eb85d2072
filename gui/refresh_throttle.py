"""Refreshes a live picture (a diagram, a chart) at most a few times a second, and not at
all while nobody can see it.

Under a flood, a picture's data changes with every batch, thirty times a second. Each
refresh is a long run of calls from Python into Qt, and each call gives up Python's one
lock (the GIL) and must win it back from the busy socket threads: the window then costs
the sockets far more than anyone gains, because nobody follows a picture that changes
faster than a few times a second. So a throttled refresh runs at once after a quiet
spell (a step a person waits to see shows at once), then at most every interval.

A picture in a dock that is tabbed behind another one is still "visible" to Qt, but no
pixel of it is on the screen: it is only marked stale, and refreshed the moment its tab
is chosen (seen()).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

# Under a stream of changes, a picture is refreshed at most this often (as the tables
# are repainted: gui/repaint_limiter.py).
REFRESH_INTERVAL_MS = 250
_throttles: "weakref.WeakSet[RefreshThrottle]" = weakref.WeakSet()


def on_screen(widget: QWidget) -> bool:
    """Whether any pixel of the widget can be seen now (a tab behind another has none)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def refresh_everything_held() -> None:
    """Refresh every picture whose refresh is held back or stale: before a picture of a
    window is taken, or when a test must see the latest state."""
    for throttle in list(_throttles):
        if not shiboken6.isValid(throttle):  # its widget is gone; Python may not know yet
            _throttles.discard(throttle)
        else:
            throttle.refresh_now_if_held()


class RefreshThrottle(QObject):
    """Calls `refresh` for `widget` on request(): at once after a quiet spell, at most
    every `interval_ms` while requests stream, never while the widget is off the screen
    (then once it is seen again)."""

    def __init__(self, widget: QWidget, refresh: Callable[[], None],
                 interval_ms: int = REFRESH_INTERVAL_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self._interval_ms = interval_ms
        self._last_refresh = 0.0
        self._stale = False  # a request came while nobody could see the widget
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_time)
        _throttles.add(self)

    @property
    def holding(self) -> bool:
        return self._timer.isActive() or self._stale

    def request(self) -> None:
        """The data changed: refresh now, at the end of the interval, or once seen."""
        if self._timer.isActive():
            return  # refreshed when the interval ends
        if not on_screen(self._widget):
            self._stale = True
            return
        wait_ms = self._interval_ms - (time.monotonic() - self._last_refresh) * 1000
        if wait_ms <= 0:
            self._refresh_now()
        else:
            self._timer.start(int(wait_ms) + 1)

    @Slot(bool)
    def seen(self, visible: bool = True) -> None:
        """The widget may have come on screen (a dock's tab was chosen, a window shown)."""
        if visible and self._stale:
            self._refresh_now()

    def refresh_now_if_held(self) -> None:
        if self.holding:
            self._refresh_now()

    @Slot()
    def _on_time(self) -> None:
        if on_screen(self._widget):
            self._refresh_now()
        else:
            self._stale = True

    def _refresh_now(self) -> None:
        self._timer.stop()
        self._stale = False
        self._last_refresh = time.monotonic()
        self._refresh()
