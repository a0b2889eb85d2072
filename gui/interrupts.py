"""Ctrl+C in the terminal (SIGINT) or SIGTERM closes the window cleanly.

Python runs signal handlers only when the interpreter gets control, which it does not
while Qt's event loop waits in C. The C-level handler writes the signal number to a
"wakeup" socket; a QSocketNotifier watching it wakes the event loop, which then closes
the window the normal way (every thread and child stopped, exit code 0).
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Slot

HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class InterruptWatcher(QObject):
    """While installed, SIGINT and SIGTERM call `on_interrupt` in the GUI thread."""

    def __init__(self, on_interrupt: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_interrupt = on_interrupt
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_handlers = {number: signal.getsignal(number) for number in HANDLED_SIGNALS}
        self._previous_wakeup_fd = signal.set_wakeup_fd(self._writer.fileno())
        for number in HANDLED_SIGNALS:
            signal.signal(number, _ignore_in_python)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    @Slot()
    def _woken(self) -> None:
        try:
            self._reader.recv(64)
        except BlockingIOError:
            return
        self._on_interrupt()

    def uninstall(self) -> None:
        """Give the signals back to whoever had them before."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_wakeup_fd)
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()


def _ignore_in_python(signum: int, frame: object) -> None:
    """The wakeup socket does the work; the Python-level handler has nothing left to do."""
