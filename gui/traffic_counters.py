"""Bytes and calls counted on one side (a client window, or the server's every connection),
shown in a line with a Reset button, as network test tools do.

Counted from the events, so a flood folded into one line (a `count` of calls) counts
exactly. Reset starts the counts again from zero; the log and the connections table keep
their own totals.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from gui.i18n import translate
from gui.live_label import LiveLabel
from netcore.events import Event, EventKind

# While counts stream, the line is rewritten at most this often: nobody reads a count that
# changes faster.
REFRESH_INTERVAL_MS = 250


class TrafficCounters(QWidget):
    """"received 2,048 B in 2 recv() · sent 2,048 B in 2 send()" and Reset."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bytes_in = self.bytes_out = self.recv_calls = self.send_calls = 0
        # Not a QLabel: its every new count would lay the whole window out again.
        self.label = LiveLabel(self)
        self.label.setObjectName(f"{object_name}Label")
        self.reset_button = QPushButton(translate("traffic_counters", "Rese&t"), self)
        self.reset_button.setObjectName(f"{object_name}ResetButton")
        self.reset_button.setToolTip(
            translate("traffic_counters", "Count bytes and calls from zero again"))
        self.reset_button.setAccessibleName(translate("traffic_counters", "Reset the counters"))
        self.reset_button.clicked.connect(self.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.reset_button)
        self._held = QTimer(self)
        self._held.setSingleShot(True)
        self._held.timeout.connect(self._show)
        self._show()
        self._last_shown = 0.0  # the first count shows at once

    @Slot(object)
    def count(self, events: list[Event]) -> None:
        changed = False
        for event in events:
            if event.kind is EventKind.RECEIVED:
                self.bytes_in += event.size
                self.recv_calls += event.count
                changed = True
            elif event.kind is EventKind.SENT:
                self.bytes_out += event.size
                self.send_calls += event.count
                changed = True
        if changed and not self._held.isActive():
            wait_ms = REFRESH_INTERVAL_MS - (time.monotonic() - self._last_shown) * 1000
            if wait_ms <= 0:
                self._show()  # the first change after a quiet spell: at once
            else:
                self._held.start(int(wait_ms) + 1)

    @Slot()
    def reset(self) -> None:
        self.bytes_in = self.bytes_out = self.recv_calls = self.send_calls = 0
        self._show()

    @Slot()
    def _show(self) -> None:
        self._held.stop()
        self._last_shown = time.monotonic()
        self.label.setText(translate(
            "traffic_counters", "received {bytes_in} B in {recv_calls} recv() · "
                                "sent {bytes_out} B in {send_calls} send()").format(
            bytes_in=f"{self.bytes_in:,}", recv_calls=f"{self.recv_calls:,}",
            bytes_out=f"{self.bytes_out:,}", send_calls=f"{self.send_calls:,}"))
