"""The main window's "Open N clients and connect": its count, its button, and opening the
windows without freezing the main window.

It built and showed every window in one go: 12 ms each here, so the main window (and
every window already open) froze for 0.6 s with 50 of them, its log and connections
table still, its buttons dead. Now it opens one window per turn of the event loop, and
between two the loop has its turn: the new window paints, the server's events are shown,
a click is answered. A 5 ms timer in the main window was then late by 23 to 39 ms at
most, not 656 to 691, and the 50 were connected about as soon (1.1 to 1.5 s against 1.0
to 1.1: `python -m bench clients`). Slices of 10 and 25 ms, a few windows each, were late
by 35 and 73 ms, for no time saved. The windows appear one after
another, each connecting as it opens, which is also easier to follow in a demo.

The windows still to open wait while a dialog asks something (they would cover it), and
do not open once the server they are aimed at stops (each would be refused) or a demo
starts (they would join its server): a note beside the button says how many opened, and
why no more did.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QApplication, QLabel, QPushButton, QSizePolicy, QSpinBox,
                               QWidget)

from gui.i18n import translate
from gui.server_controller import ServerController

MAX_CLIENTS_AT_ONCE = 50  # "Open N clients" is for demos; more belongs in a benchmark
# How often it looks again whether a dialog that waits for an answer (Reset settings, a
# message) has been answered: windows opened meanwhile would cover it.
DIALOG_RECHECK_MS = 100


class ManyClientsOpener(QObject):
    """The count and the button; a click asks for that many windows (windowWanted), one
    per turn of the event loop. The button says how far it got, and takes no click until
    it is done."""

    # Connected to the main window's slot that opens one: a signal, not a callable kept
    # here, which would hold the window in a reference cycle (freed late, by the collector).
    openingStarted = Signal()  # before the first windowWanted of a click
    windowWanted = Signal()
    finished = Signal()  # every window asked for is open (or stop() was called)

    def __init__(self, parent: QWidget, server: ServerController) -> None:
        super().__init__(parent)
        self._server = server
        # Whether the windows are aimed at the app's own server: once it stops, the rest
        # would each be refused, so they do not open.
        self._aimed_at_own_server = False
        server.stopped.connect(self._server_stopped)
        self._left = 0
        self._total = 0
        self._button_had_focus = False  # a disabled button loses it: given back at the end
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)  # as soon as the event loop has had its turn
        self._next.timeout.connect(self._open_next)

        self.spin = QSpinBox(parent)
        self.spin.setObjectName("openClientsSpin")
        self.spin.setToolTip(translate("main_window", "How many client windows "
                                                      "Open clients and connect opens"))
        self.spin.setRange(1, MAX_CLIENTS_AT_ONCE)
        self.spin.setValue(3)
        self.spin.setAccessibleName(translate("main_window", "How many clients to open"))
        self.button = QPushButton(translate("main_window", "&Open clients and connect"), parent)
        self.button.setObjectName("openClientsButton")
        self.button.setToolTip(translate(
            "main_window", "Open this many client windows, each connected to the running server"))
        self.button.clicked.connect(self.open)
        # Why the last opening stopped short, when something else stopped it: the windows
        # that did not open are not a fault of the person's to look for.
        # It wraps, and asks for no width of its own: a sentence held beside the button
        # made the main window a third wider (the docks narrower) until the next click.
        self.note = QLabel(parent)
        self.note.setObjectName("openClientsNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.hide()
        self._note_tells_the_server_stopped = False
        server.listening.connect(self._server_listening)

    @property
    def opening(self) -> bool:
        return self._left > 0

    @Slot()
    def open(self) -> None:
        """Open as many windows as the count says: the first now, the others after it."""
        if self.opening:
            return
        self._left = self._total = self.spin.value()
        self._aimed_at_own_server = self._server.address is not None
        self.note.hide()
        self.openingStarted.emit()
        self._open_next()

    @Slot()
    def stop(self) -> None:
        """Open no more (the main window is closing); those open stay open."""
        self._next.stop()
        if self.opening:
            self._left = 0
            self._done()

    @Slot()
    def stop_for_a_demo(self) -> None:
        # The windows still to open would join the demo's own server and upset its steps.
        self.stop_because(translate("main_window",
                                    "a demo started, with a server and clients of its own"))

    @Slot()
    def _server_stopped(self) -> None:
        if self._aimed_at_own_server and self.opening:
            self.stop_because(translate("main_window", "the server stopped"))
            self._note_tells_the_server_stopped = True

    @Slot()
    def _server_listening(self) -> None:
        # "…: the server stopped" is old news once it is back (a demo's "…: a demo
        # started" is not: the demo starts the server itself).
        if self._note_tells_the_server_stopped:
            self.note.hide()

    def stop_because(self, reason: str) -> None:
        """Open no more, and say beside the button how many opened and why no more did:
        "Opened 12 of 50: the server stopped."."""
        if not self.opening:
            return
        opened = self._total - self._left
        self._note_tells_the_server_stopped = False
        self.note.setText(translate("main_window", "Opened {opened} of {total}: {reason}.")
                          .format(opened=opened, total=self._total, reason=reason))
        self.note.setToolTip(self.note.text())  # whole, however narrow the window
        self.note.show()
        self.stop()

    @Slot()
    def _open_next(self) -> None:
        if QApplication.activeModalWidget() is not None:
            # A dialog waits for an answer: new windows would open over it and hide it
            # (they take no input meanwhile either). The rest open once it is answered.
            self._next.start(DIALOG_RECHECK_MS)
            return
        self._left -= 1
        was_the_last = self._left == 0
        self.windowWanted.emit()
        if self._left > 0:
            self._show_progress()
            self._next.start(0)
        elif was_the_last:
            self._done()
        # else stop() was called while that window opened, and has finished already.

    def _show_progress(self) -> None:
        if self.button.isEnabled():
            self._button_had_focus = self.button.hasFocus()
            # As wide as its widest text for as long as it counts: its row does not shift
            # at each new digit, or when it gets back its own text.
            own_width = self.button.sizeHint().width()
            self.button.setText(self._progress_text(self._total))
            self.button.setMinimumWidth(max(own_width, self.button.sizeHint().width()))
        self.button.setEnabled(False)
        self.spin.setEnabled(False)
        self.button.setText(self._progress_text(self._total - self._left))

    def _progress_text(self, opened: int) -> str:
        return translate("main_window", "Opening {opened} of {total}…").format(
            opened=opened, total=self._total)

    def _done(self) -> None:
        self.button.setText(translate("main_window", "&Open clients and connect"))
        self.button.setMinimumWidth(0)
        self.button.setEnabled(True)
        self.spin.setEnabled(True)
        if self._button_had_focus:
            self._button_had_focus = False
            self.button.setFocus()
        self.finished.emit()
