"""The moment a process-per-client server's children must give way to the window.

They run at the window's priority until it falls behind, and below it from then on
(gui/event_bridge.py's CHILDREN_CPU_SHARE says why). This is the alarm: the inbox
(gui/event_inbox.py) asks it at every report, from the reporting thread, and it calls
its callback once, the first time the window has not had its turn for GIVE_WAY_MS.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

# The flood's targets are a p99 under 50 ms and no stall of 200 ms.
GIVE_WAY_MS = 50
_GIVE_WAY_SECONDS = GIVE_WAY_MS / 1000


class GiveWayAlarm:
    """Calls `callback` once when a report finds the window GIVE_WAY_MS behind."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Quick and thread-safe (ServerController: the children give way); None once told.
        self.callback: Callable[[], object] | None = None
        self.woken_at = 0.0  # when the inbox sent the window its wake-up (while awake)

    def set(self, callback: Callable[[], object] | None) -> None:
        with self._lock:
            self.callback = callback

    def check(self, reported_at: float, heartbeat_on: bool, last_beat: float,
              awake: bool) -> None:
        """The window is behind when its heartbeat is GIVE_WAY_MS late at `reported_at`,
        or (before the heartbeat started: a burst after a quiet spell) the wake-up it was
        sent is that old. A spell the window is busy itself counts too: the end of a
        repaint is told by the event loop, and a window kept from running after one never
        tells it."""
        if heartbeat_on:
            late = reported_at - last_beat > _GIVE_WAY_SECONDS
        else:  # (the heartbeat starts when the window takes the wake-up: not yet)
            late = awake and reported_at - self.woken_at > _GIVE_WAY_SECONDS
        if not late:
            return
        with self._lock:  # read and cleared at once: one set meanwhile is told or kept, never lost
            callback, self.callback = self.callback, None
        if callback is not None:
            callback()
