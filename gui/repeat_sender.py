"""Sending one message again and again: N times, or until stopped, every so many ms.

What a network test tool's "auto send" does: the first copy goes at once, the rest on a
timer in the GUI thread (each send only queues bytes for the connection's own thread, so
the window never waits on the network).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from gui.i18n import translate

MAX_REPEAT_COUNT = 1_000_000
MIN_INTERVAL_MS = 1
MAX_INTERVAL_MS = 3_600_000

# Sends the bytes; returns "" when they were queued, else a sentence saying why not.
SendFunction = Callable[[bytes], str]


def parse_repeat_count(text: str) -> int:
    """How many times to send, from what a person typed; ValueError with a sentence if
    it cannot be used."""
    cleaned = text.strip().replace(",", "").replace("_", "")
    if not cleaned:
        raise ValueError(translate("repeat_sender",
                                   "Type how many times to send, from 1 to 1,000,000."))
    if not cleaned.isdecimal():
        raise ValueError(translate("repeat_sender", "“{typed}” is not a number of times: "
                                   "type a whole number such as 10.")
                         .format(typed=text.strip()[:20]))
    count = int(cleaned)
    if count < 1:
        raise ValueError(translate("repeat_sender",
                                   "Send at least once: type a number from 1 to 1,000,000."))
    if count > MAX_REPEAT_COUNT:
        raise ValueError(translate("repeat_sender", "That is more than 1,000,000 times: tick "
                                   "“until I stop it” to send without end."))
    return count


class RepeatSender(QObject):
    """Sends `data` every `interval_ms` until `times` copies went (None: until stopped).

    It stops by itself when a send is refused (the connection closed, say) and says why.
    """

    progressed = Signal(int)  # how many copies went so far
    # The repeat ended: "" when every copy went or the user stopped it, else why not.
    finished = Signal(str)

    def __init__(self, send: SendFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._send_function = send
        self._timer = QTimer(self)
        # A coarse timer may fire up to 5% late; a 10 ms interval should mean 10 ms.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._send_next)
        self._data = b""
        self._times: int | None = None
        self.sent = 0

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def times(self) -> int | None:
        return self._times

    def start(self, data: bytes, times: int | None, interval_ms: int) -> str:
        """Send the first copy now and the rest on the timer; "" or why it could not start."""
        self.stop()
        self._data, self._times, self.sent = data, times, 0
        problem = self._send_function(data)
        if problem:
            return problem
        self.sent = 1
        self.progressed.emit(self.sent)
        if times is not None and self.sent >= times:
            self.finished.emit("")
            return ""
        self._timer.start(max(MIN_INTERVAL_MS, min(interval_ms, MAX_INTERVAL_MS)))
        return ""

    @Slot()
    def stop(self) -> None:
        """Stop sending; what went already stays sent."""
        if self._timer.isActive():
            self._timer.stop()
            self.finished.emit("")

    @Slot()
    def _send_next(self) -> None:
        problem = self._send_function(self._data)
        if problem:
            self._timer.stop()
            self.finished.emit(translate("repeat_sender", "Stopped after {sent} sent: {problem}")
                               .format(sent=f"{self.sent:,}", problem=problem))
            return
        self.sent += 1
        self.progressed.emit(self.sent)
        if self._times is not None and self.sent >= self._times:
            self._timer.stop()
            self.finished.emit("")
