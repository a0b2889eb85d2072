"""Holding a window's repaint for a moment after Send, so the reply is painted with it.

A reply on this machine's loopback comes back a few hundred microseconds after Send.
Without a hold the window repaints right after the click (the cleared message box, the
button), and that repaint, which calls into Python for the window's own widgets, holds
the interpreter while the reply waits for it: the reply's row is shown after two paints
instead of one. Held, the click's changes and the reply's rows are painted together,
as soon as the reply's batch is taken, or one frame after the send at the latest, so a
send with no reply, or a stream of auto-repeated sends, still paints 60 times a second.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

FRAME_MS = 16  # one frame at 60 Hz: the longest a hold lasts


class RepaintHold(QObject):
    """Holds one top-level window's repaints until release(), or a frame at most."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._held = False
        self._swallowed = False  # a repaint was asked for while held
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release)
        # Installed after the bridge's repaint watch, so this filter runs before it: a
        # repaint that is held does not start a busy spell there.
        window.installEventFilter(self)

    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> None:
        """Hold repaints for one frame from now; a hold already running is not extended
        (sends faster than frames must not hold the window still)."""
        if self._held:
            return
        self._held = True
        self._timer.start(FRAME_MS)

    @Slot()
    def release(self) -> None:
        """Paint now what was held (nothing if nothing changed)."""
        if not self._held:
            return
        self._held = False
        self._timer.stop()
        if self._swallowed:
            self._swallowed = False
            # Qt asks for a repaint once and waits for it to happen: ask again.
            QCoreApplication.postEvent(self._window, QEvent(QEvent.Type.UpdateRequest))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._held and event.type() == QEvent.Type.UpdateRequest:
            self._swallowed = True
            return True
        return False
