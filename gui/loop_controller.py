"""What the server's and the clients' controllers share: one netcore loop on a QThread.

A controller lives in the GUI thread, so every signal it emits is a GUI-thread signal
(tests can wait on them, widgets connect to them without crossing threads). Its bridge
feeds `_take_batch`; its loop's end, normal or not, is handled exactly once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.event_bridge import EventBridge
from gui.i18n import translate
from gui.log_model import LogModel
from gui.threads import LoopThread
from netcore.events import Event


class LoopController(QObject):
    """A log, an event bridge and at most one running LoopThread."""

    errorOccurred = Signal(str)  # a sentence for the person at the window
    # A batch is one list shared by every slot, which must not change it: a Signal(list)
    # copied it into a Qt list and back for each slot, about 0.2 to 0.5 µs an event per
    # slot (a 300-event batch to five slots: 200 µs instead of 6).
    eventsArrived = Signal(object)  # list[Event]: every batch, after the models took it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = LogModel(parent=self)
        self._bridge = EventBridge(self)
        self._bridge.eventsArrived.connect(self._take_batch)
        self._thread: LoopThread | None = None

    def watch_repaints(self, window: QWidget) -> None:
        """The window showing this controller's events (see EventBridge.watch_repaints)."""
        self._bridge.watch_repaints(window)

    def _start_loop(self, loop: Callable[[], None], name: str) -> None:
        thread = LoopThread(loop, name, self)
        thread.finished.connect(self._thread_finished)
        thread.failed.connect(self._loop_failed)
        self._thread = thread
        thread.start_loop()

    def _stop_loop(self, request_stop: Callable[[], None], timeout_ms: int) -> None:
        """Wake the loop, wait for it (bounded), and finish now rather than when the
        thread's queued "finished" arrives."""
        if self._thread is None:
            return
        self._bridge.release_waiters()
        self._thread.stop_and_wait(request_stop, timeout_ms)
        self._finish()

    @Slot()
    def _thread_finished(self) -> None:
        # Queued: after a Stop and a quick Start (or Connect), the old thread's end
        # arrives late and must not end the new loop.
        if self.sender() is self._thread:
            self._finish()

    def _finish(self) -> None:
        if self._thread is None:
            return
        self._bridge.drain()  # the last events (CLOSED, STOPPED) before the end is told
        self._bridge.release_waiters()  # a thread still reporting never waits for us now
        self._thread = None
        self._loop_ended()

    @Slot(str)
    def _loop_failed(self, summary: str) -> None:
        self.errorOccurred.emit(self._failure_sentence(summary))

    # ---- for the subclasses ----

    def _loop_ended(self) -> None:
        """The loop has ended and its last events were taken."""

    def _failure_sentence(self, summary: str) -> str:
        return translate("loop_controller", "An unexpected error in TCP Lab ended this "
                                            "({summary}). Please report it.").format(
            summary=summary)

    @Slot(object)
    def _take_batch(self, events: list[Event]) -> None:
        self.eventsArrived.emit(events)
