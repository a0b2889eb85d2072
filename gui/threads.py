"""QThreads that run netcore's blocking loops, and a registry of the ones still running.

A QThread object destroyed while its thread runs aborts the process, so every thread is
kept referenced here until it has finished; tests use `running_threads()` to prove that
nothing is left behind.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

_alive: set["LoopThread"] = set()
_detached: list["LoopThread"] = []


class LoopThread(QThread):
    """Runs one blocking netcore call (a server's accept loop, a client's run) to its end."""

    failed = Signal(str)  # an unexpected exception ended the loop: its one-line summary

    def __init__(self, loop: Callable[[], None], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = loop
        self.setObjectName(name)
        self.finished.connect(self._forget)

    def start_loop(self) -> None:
        _alive.add(self)
        self.start()

    def run(self) -> None:  # runs in the new thread
        try:
            self._loop()
        except Exception as exc:  # a bug, not a network failure: netcore reports those
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    @Slot()
    def _forget(self) -> None:
        _alive.discard(self)

    def stop_and_wait(self, request_stop: Callable[[], None], timeout_ms: int) -> bool:
        """Wake the loop (request_stop), then wait a bounded time; True if it ended."""
        request_stop()
        ended = self.wait(timeout_ms)
        if ended:
            _alive.discard(self)
        else:
            # Still blocked somewhere that cannot be woken. Its window may be deleted now,
            # and Qt would delete this child with it: a QThread destroyed while running
            # aborts the process. Detached and kept referenced for the rest of the run (a
            # rare case; dropping the last reference inside its own "finished" slot would
            # delete it in the middle of that call).
            self.setParent(None)
            _detached.append(self)
        return ended


def running_threads() -> list[LoopThread]:
    """Threads started here that have not finished yet."""
    return [thread for thread in _alive if thread.isRunning()]


def wait_for_all(timeout_ms: int) -> bool:
    """At exit: give threads still running a bounded time to end; True if all did."""
    return all(thread.wait(timeout_ms) for thread in running_threads())
