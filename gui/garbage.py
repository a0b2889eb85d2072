"""Python's cycle collector, run in the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed:
with socket threads allocating all the time, that is usually one of them. If the garbage
it finds holds a Qt widget (a window dropped by a script or a test), the widget is then
destroyed in that thread, and Qt crashes. qutebrowser met the same and does the same
thing: turn automatic collection off, and collect from a GUI-thread timer instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

COLLECT_INTERVAL_MS = 1000


class GuiThreadGarbageCollector(QObject):
    """Collects cycles once a second, in the GUI thread, only when a generation is due."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        gc.disable()
        self._timer.start(COLLECT_INTERVAL_MS)

    @Slot()
    def collect_if_due(self) -> int:
        """What the automatic collector would have done by now; returns objects freed."""
        first, second, third = gc.get_threshold()
        count_0, count_1, count_2 = gc.get_count()
        if count_0 <= first:
            return 0
        if count_1 <= second:
            return gc.collect(0)
        if count_2 <= third:
            return gc.collect(1)
        return gc.collect(2)

    def stop(self) -> None:
        """Give collection back to Python (at exit, and in tests)."""
        self._timer.stop()
        gc.enable()
