"""Runs a demo's steps one after another in the GUI thread, never blocking it: each
step's condition is polled on a timer, and a pause between steps leaves time to read."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.demos.context import DemoContext
from gui.demos.script import DemoStep, words
from gui.i18n import translate

POLL_MS = 50
DEFAULT_READING_MS = 2500


class DemoRunner(QObject):
    """One demo at a time. It stays on screen when it ends, until end() cleans up."""

    started = Signal()  # a demo is about to run its first step
    narrated = Signal(str)  # a paragraph of narration
    stepStarted = Signal(int, int)  # step number (from 1), number of steps
    finished = Signal(bool, str)  # it ran to its end; else why it stopped

    def __init__(self, make_context: Callable[[], DemoContext], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_context = make_context
        self.context: DemoContext | None = None
        self.steps: list[DemoStep] = []
        self.index = -1
        self.reading_ms = DEFAULT_READING_MS
        self.narration: list[str] = []
        self._deadline = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self._next)

    @property
    def running(self) -> bool:
        return self._poll.isActive() or self._pause.isActive()

    def start(self, build: Callable[[DemoContext], list[DemoStep]]) -> None:
        """End whatever demo is on screen, then run a new one from its first step."""
        # A person's server stopped by the demo on screen stays stopped for the next one,
        # and is the one the next one starts again.
        user_server_port = self.context.user_server_port if self.context is not None else None
        self.end(restart_user_server=False)
        self.started.emit()
        self.context = self._make_context()
        if user_server_port is not None:
            self.context.user_server_port = user_server_port
        self.steps = build(self.context)
        self.narration = []
        self.index = -1
        if self.context.user_server_port is not None:
            self._say(translate("demos.runner", "Your server on port {port} is stopped for this "
                                "demo; End demo starts it again.").format(
                port=self.context.user_server_port))
        self._next()

    @Slot()
    def end(self, restart_user_server: bool = True) -> None:
        """Stop, and clean up what the demo started (client windows, the server); the
        person's server it stopped starts again, unless the app is closing."""
        self._poll.stop()
        self._pause.stop()
        if self.context is not None:
            self.context.cleanup(restart_user_server)
            self.context = None
        # The steps' closures hold the context, and it the window: kept, they would put the
        # window in a reference cycle, left to the collector (see gui/garbage.py).
        self.steps = []

    def _say(self, text: str) -> None:
        if text:
            self.narration.append(text)
            self.narrated.emit(text)

    @Slot()
    def _next(self) -> None:
        self.index += 1
        if self.index >= len(self.steps):
            self.finished.emit(True, "")
            return
        step = self.steps[self.index]
        self.stepStarted.emit(self.index + 1, len(self.steps))
        self._say(words(step.intro))
        try:
            if step.action is not None:
                step.action()
        except Exception as exc:  # a bug in a demo: say so rather than crash the app
            self._fail(translate("demos.runner", "The demo went wrong ({kind}: {error}).")
                       .format(kind=type(exc).__name__, error=exc))
            return
        self._deadline = time.monotonic() + step.timeout_seconds
        self._poll.start()
        self._check()  # a step whose condition already holds goes on at once

    @Slot()
    def _check(self) -> None:
        step = self.steps[self.index]
        if step.until is None or step.until():
            self._poll.stop()
            self._say(words(step.outcome))
            self._pause.start(self.reading_ms if self.index + 1 < len(self.steps) else 0)
        elif time.monotonic() > self._deadline:
            self._fail(translate("demos.runner", "This step did not happen within {seconds} s: "
                                 "{waiting_for}. The demo stops here.")
                       .format(seconds=f"{step.timeout_seconds:g}",
                               waiting_for=step.waiting_for
                               or translate("demos.runner", "the next event")))

    def _fail(self, sentence: str) -> None:
        self._poll.stop()
        self._pause.stop()
        self._say(sentence)
        self.finished.emit(False, sentence)
