"""The conversation pane: the chart, a legend, zoom, and the bytes of a clicked arrow."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from gui.conversation import Arrow, Conversation
from gui.conversation_chart import ConversationChart
from gui.i18n import QT_TRANSLATE_NOOP, translate
from netcore.events import Event
from netcore.text import escape_bytes, hex_bytes

LEGEND = QT_TRANSLATE_NOOP("conversation_pane",
                           "Blue: client to server. Green: server to client. Dashed grey: the "
                           "kernels' handshake and teardown, inferred (no socket call reports "
                           "them). Red: a reset (RST), from the side that sent it. An open "
                           "dashed arrow was sent but not read yet. Click an arrow to see its "
                           "bytes.")
SHOWN_BYTES = 4096
# The server's and each client's events reach the window in batches of their own, a few
# tens of milliseconds apart: held this long, they are put back in the order they
# happened (every event carries its time), so a request is drawn before its reply.
HOLD_SECONDS = 0.15
SORT_INTERVAL_MS = 50


class ConversationPane(QWidget):
    """Feeds both sides' event batches to the conversation and redraws the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPane")
        self.conversation = Conversation()
        legend = QLabel(translate("conversation_pane", LEGEND), self)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: palette(placeholder-text);")
        self.chart = ConversationChart(self.conversation, self)
        self.zoom_in_button = zoom_in = QPushButton(translate("conversation_pane", "Zoom &in"), self)
        zoom_in.setObjectName("conversationZoomIn")
        zoom_in.setToolTip(translate("conversation_pane", "Larger (Ctrl + mouse wheel too)"))
        zoom_out = QPushButton(translate("conversation_pane", "Zoom o&ut"), self)
        zoom_out.setObjectName("conversationZoomOut")
        zoom_out.setToolTip(translate("conversation_pane", "Show more of the conversation, smaller"))
        self.clear_button = clear_button = QPushButton(translate("conversation_pane", "&Clear"), self)
        clear_button.setObjectName("conversationClear")
        clear_button.setToolTip(translate("conversation_pane", "Start the chart afresh"))
        self.bytes_view = QPlainTextEdit(self)
        self.bytes_view.setObjectName("conversationBytes")
        self.bytes_view.setAccessibleName(translate("conversation_pane", "The arrow's bytes"))
        self.bytes_view.setToolTip(translate("conversation_pane",
                                             "The bytes of the arrow you clicked, as text and as hex"))
        self.bytes_view.setReadOnly(True)
        self.bytes_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.bytes_view.setPlaceholderText(
            translate("conversation_pane", "Click an arrow to see its bytes here."))
        self.bytes_view.setMaximumHeight(self.fontMetrics().height() * 6)
        buttons = QHBoxLayout()
        buttons.addWidget(legend, 1)
        buttons.addWidget(zoom_in)
        buttons.addWidget(zoom_out)
        buttons.addWidget(clear_button)
        # The chart first: in a low dock, the bytes (shown on a click) get what is left,
        # two lines at least, and the person can drag the boundary.
        self.bytes_view.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        chart_and_bytes = QSplitter(Qt.Orientation.Vertical, self)
        chart_and_bytes.setChildrenCollapsible(False)
        chart_and_bytes.addWidget(self.chart)
        chart_and_bytes.addWidget(self.bytes_view)
        chart_and_bytes.setStretchFactor(0, 4)
        chart_and_bytes.setStretchFactor(1, 1)
        # The text box would ask for a dozen lines: at first it gets its two.
        chart_and_bytes.setSizes([10 * self.bytes_view.minimumHeight(),
                                  self.bytes_view.minimumHeight()])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(chart_and_bytes, 1)
        zoom_in.clicked.connect(self._zoom_in)
        zoom_out.clicked.connect(self._zoom_out)
        clear_button.clicked.connect(self.clear)
        self.chart.arrowClicked.connect(self.show_arrow)
        # (time, order of arrival, client name or "" for the server, ports, event)
        self._held: list[tuple[float, int, str, int | None, int | None, Event]] = []
        self._arrivals = 0
        self._sorter = QTimer(self)
        self._sorter.setInterval(SORT_INTERVAL_MS)
        self._sorter.timeout.connect(self._apply_held)

    @Slot()
    def _zoom_in(self) -> None:
        self.chart.zoom_by(1.25)

    @Slot()
    def _zoom_out(self) -> None:
        self.chart.zoom_by(0.8)

    def set_server_port(self, port: int | None) -> None:
        if port is not None:
            self.conversation.note_server_port(port)

    @Slot()
    def clear(self) -> None:
        """Start a new chart: every lane and arrow so far is forgotten."""
        # Taken in first: the chart must know which connections are open, to leave out
        # what comes of them (Conversation.clear).
        self._apply_held(everything=True)
        self._held.clear()
        self._sorter.stop()
        self.conversation.clear()
        self.chart.redraw()
        self.bytes_view.clear()

    @Slot(object)
    def take_server_events(self, events: list[Event]) -> None:
        self._hold("", None, None, events)

    def take_client_events(self, name: str, local_port: int | None, remote_port: int | None,
                           events: list[Event]) -> None:
        self._hold(name, local_port, remote_port, events)

    def _hold(self, name: str, local_port: int | None, remote_port: int | None,
              events: list[Event]) -> None:
        for event in events:
            self._arrivals += 1
            self._held.append((event.at, self._arrivals, name, local_port, remote_port, event))
        if self._held and not self._sorter.isActive():
            self._sorter.start()

    @Slot()
    def _apply_held(self, everything: bool = False) -> None:
        """Apply, in time order, the events held long enough for the other side's."""
        cutoff = float("inf") if everything else time.monotonic() - HOLD_SECONDS
        self._held.sort()
        ready = 0
        while ready < len(self._held) and self._held[ready][0] <= cutoff:
            ready += 1
        if ready:
            for _at, _n, name, local_port, remote_port, event in self._held[:ready]:
                if name:
                    self.conversation.apply_client(name, local_port, remote_port, [event])
                else:
                    self.conversation.apply_server([event])
            del self._held[:ready]
            self.chart.request_refresh()
        if not self._held:
            self._sorter.stop()

    def apply_now(self) -> None:
        """Apply and draw everything held (for a picture or a test that must not wait)."""
        self._apply_held(everything=True)
        self.chart.refreshes.refresh_now_if_held()
        self.chart.finish_drawing()

    @Slot(object)
    def show_arrow(self, arrow: Arrow) -> None:
        lanes = self.conversation.lanes
        sender = lanes[arrow.from_lane].title
        if arrow.to_lane is None:
            route = translate("conversation_pane", "{sender} → (not read yet)").format(
                sender=sender)
        else:
            route = f"{sender} → {lanes[arrow.to_lane].title}"
        if arrow.size == 0:
            self.bytes_view.setPlainText(f"{arrow.label}\n{route}")
            return
        shown = arrow.data[:SHOWN_BYTES]
        if len(arrow.data) >= arrow.size:
            text = translate("conversation_pane", "{label}, {route}\ntext: {text}\nhex:  {hex}")
        else:
            text = translate("conversation_pane",
                             "{label}, {route}\n(the first {kept} of {size} bytes are kept)\n"
                             "text: {text}\nhex:  {hex}")
        self.bytes_view.setPlainText(text.format(
            label=arrow.label, route=route, kept=f"{len(arrow.data):,}", size=f"{arrow.size:,}",
            text=escape_bytes(shown), hex=hex_bytes(shown)))
        self.bytes_view.moveCursor(self.bytes_view.textCursor().MoveOperation.Start)
