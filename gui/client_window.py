"""A client window: connect to a server, send, and watch the client's side of TCP."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from gui.client_controller import ClientController
from gui.colours import ERROR, label_style
from gui.field_marks import REFUSED_FIELD_STYLE, clear_refused, mark_refused
from gui.host_text import host_problem
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.log_model import CONN, WORKER
from gui.log_view import LogView
from gui.message_editor import MessageEditor
from gui.repaint_hold import RepaintHold
from gui.settings import read_int, read_text, restore_geometry, save_geometry
from gui.traffic_counters import TrafficCounters
from netcore.client import DEFAULT_CONNECT_TIMEOUT, ClientState

STATE_SENTENCES: dict[ClientState, str] = {
    ClientState.IDLE: QT_TRANSLATE_NOOP(
        "client_window", "Not connected. Enter the server's address and click Connect."),
    ClientState.CONNECTING: QT_TRANSLATE_NOOP(
        "client_window", "Connecting: connect() waits while the kernels do the three-way "
                         "handshake (SYN, SYN+ACK, ACK)."),
    ClientState.CONNECTED: QT_TRANSLATE_NOOP(
        "client_window", "Connected. Type a message and press Enter to send it."),
    ClientState.HALF_CLOSED: QT_TRANSLATE_NOOP(
        "client_window", "Half-closed: this side sent its FIN and sends no more, but "
                         "replies still arrive."),
    ClientState.CLOSED: QT_TRANSLATE_NOOP("client_window", "Closed."),
}
# The client's name in the events it reports (the log's Worker column), like the server's
# "thread conn-3": an identifier netcore builds on ("client 1 sender"), not translated.
WORKER_PREFIX = "client"


class ClientWindow(QWidget):
    """One client, in a window of its own; any number can be open at once."""

    closed = Signal()

    def __init__(self, number: int, host: str, port: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.number = number
        self.remembered = True  # its size, place and address are kept (see MainWindow)
        self.name = translate("client_window", "Client {number}").format(number=number)
        self.setObjectName(f"clientWindow{number}")
        self.controller = ClientController(f"{WORKER_PREFIX} {number}", self)
        self.controller.watch_repaints(self)
        self.repaint_hold = RepaintHold(self)

        self.host_edit = QLineEdit(host, self)
        self.host_edit.setObjectName("clientHostEdit")
        self.host_edit.setAccessibleName(translate("client_window", "Server host"))
        self.host_edit.setToolTip(translate(
            "client_window", "The server's address or name, e.g. 127.0.0.1 or localhost"))
        self.host_edit.setStyleSheet(REFUSED_FIELD_STYLE)  # outlined when refused
        self.host_edit.textEdited.connect(lambda: clear_refused(self.host_edit))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("clientPortSpin")
        self.port_spin.setToolTip(translate("client_window", "The port the server listens on"))
        self.port_spin.setAccessibleName(translate("client_window", "Server port"))
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(port if 1 <= port <= 65535 else 9000)
        # Where the main window aimed it (the server), as the fields show it.
        self._opened_for = (host, self.port_spin.value())
        # Where the person had aimed this window number before (restore_from): kept for
        # the next time when, this time, the app aimed it at its server (aim_at).
        self._remembered: tuple[str, int] | None = None
        self._aimed_by_app = False
        self.timeout_spin = QDoubleSpinBox(self)
        self.timeout_spin.setObjectName("clientTimeoutSpin")
        self.timeout_spin.setAccessibleName(translate("client_window", "Connect timeout"))
        self.timeout_spin.setRange(0.5, 120.0)
        self.timeout_spin.setValue(DEFAULT_CONNECT_TIMEOUT)
        self.timeout_spin.setSuffix(translate("client_window", " s", "seconds"))
        self.timeout_spin.setToolTip(
            translate("client_window", "How long connect() may wait for the handshake"))
        self.connect_button = self._button(
            translate("client_window", "&Connect"), "clientConnectButton",
            translate("client_window", "socket() and connect() to the server (Ctrl+Return)"))
        self.connect_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.disconnect_button = self._button(
            translate("client_window", "&Disconnect"), "clientDisconnectButton",
            translate("client_window", "close(): end the connection normally (FIN)"))
        self.half_close_button = self._button(
            translate("client_window", "&Half-close"), "clientHalfCloseButton",
            translate("client_window",
                      "shutdown(SHUT_WR): stop sending (FIN) but keep receiving replies"))
        self.abort_button = self._button(
            translate("client_window", "A&bort"), "clientAbortButton",
            translate("client_window", "close with SO_LINGER 0: the server sees a reset (RST)"))
        self.state_label = QLabel(self)
        self.state_label.setObjectName("clientStateLabel")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("clientErrorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(label_style(ERROR))
        self.error_label.hide()
        self.counters = TrafficCounters("clientCounters", self)
        self.log_view = LogView(self.controller.log, "clientLog", self)
        # One client, one connection: its worker and connection columns would say the same
        # thing on every row.
        self.log_view.table.setColumnHidden(CONN, True)
        self.log_view.table.setColumnHidden(WORKER, True)
        self.message = MessageEditor("client", self._send, self)
        # A peer that is sent GBK most likely answers in GBK: the log reads what the window
        # writes (the log's own choice can still differ).
        self.message.encoding_combo.currentIndexChanged.connect(
            self.log_view.encoding_combo.setCurrentIndex)

        address_row = QHBoxLayout()
        address_row.addWidget(QLabel(translate("client_window", "Host:"), self))
        address_row.addWidget(self.host_edit, 1)
        address_row.addWidget(QLabel(translate("client_window", "Port:"), self))
        address_row.addWidget(self.port_spin)
        address_row.addWidget(QLabel(translate("client_window", "Timeout:"), self))
        address_row.addWidget(self.timeout_spin)
        buttons_row = QHBoxLayout()
        for button in (self.connect_button, self.disconnect_button, self.half_close_button,
                       self.abort_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        counters_row = QHBoxLayout()
        counters_row.addWidget(self.counters)
        counters_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(address_row)
        layout.addLayout(buttons_row)
        layout.addWidget(self.state_label)
        layout.addLayout(counters_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.log_view, 1)
        layout.addWidget(self.message)

        self.connect_button.clicked.connect(self.connect_to_server)
        self.disconnect_button.clicked.connect(self.controller.close)
        self.half_close_button.clicked.connect(self.controller.half_close)
        self.abort_button.clicked.connect(self.controller.abort)
        self._was_connected = False
        self.controller.stateChanged.connect(self._refresh)
        self.controller.errorOccurred.connect(self._show_error)
        self.controller.eventsArrived.connect(self.counters.count)
        self.controller.eventsArrived.connect(self.repaint_hold.release)
        self._refresh()
        self.resize(760, 520)

    def aim_at(self, host: str, port: int) -> None:
        """Fill in the server's address for the user (a demo does): where the app aims a
        window is not remembered as the user's own choice."""
        self.host_edit.setText(host)
        self.port_spin.setValue(port)
        self._opened_for = (host, self.port_spin.value())
        self._aimed_by_app = True

    # ---- remembered between runs (gui/settings.py) ----

    def save_to(self, settings: QSettings, server: tuple[str, int]) -> None:
        """Its size and place; its address only when the user aimed it elsewhere than the
        server, as it was when the window opened and as it is now (otherwise the next
        window of this number follows the server). An address remembered from before stays
        remembered when the app aimed the window at its running server this time."""
        settings.beginGroup(f"clients/{self.number}")
        save_geometry(settings, "geometry", self)
        host, port = self._address()
        if host and (host, port) not in (self._opened_for, server):
            settings.setValue("host", host)
            settings.setValue("port", port)
        elif (self._aimed_by_app and self._remembered is not None
              and (host, port) == self._opened_for):
            settings.setValue("host", self._remembered[0])  # left as the app aimed it
            settings.setValue("port", self._remembered[1])
        else:
            settings.remove("host")
            settings.remove("port")
        settings.endGroup()

    def _address(self) -> tuple[str, int]:
        return self.host_edit.text().strip(), self.port_spin.value()

    def restore_from(self, settings: QSettings) -> bool:
        """What this client number remembers; True if that included its size and place."""
        settings.beginGroup(f"clients/{self.number}")
        host = read_text(settings, "host")
        port = read_int(settings, "port", self.port_spin.minimum(), self.port_spin.maximum())
        if host is not None and port is not None:
            self.host_edit.setText(host)
            self.port_spin.setValue(port)
            self._remembered = (host, self.port_spin.value())
        placed = restore_geometry(settings, "geometry", self)
        settings.endGroup()
        return placed

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    @Slot()
    def connect_to_server(self) -> None:
        host = self.host_edit.text().strip()
        problem = host_problem(host)
        if problem:
            mark_refused(self.host_edit, problem)
            self._show_error(problem)
            self.host_edit.setFocus()
            return
        clear_refused(self.host_edit)
        self.error_label.hide()
        if self.controller.connect_to(host, self.port_spin.value(), self.timeout_spin.value()):
            self.counters.reset()  # each connection counts from zero (the log keeps the past)
        self._refresh()

    def _send(self, data: bytes) -> str:
        if self.controller.send(data):
            self.repaint_hold.hold()  # the reply, due any moment, is painted with the send
            return ""
        if self.controller.state is ClientState.HALF_CLOSED:
            return translate("client_window", "This side is half-closed: it can only receive now.")
        if self.controller.state is ClientState.CONNECTED and self.controller.queued_bytes:
            return translate("client_window", "The server is not reading: {size} bytes already "
                             "wait to be sent. Nothing more is taken until it reads."
                             ).format(size=f"{self.controller.queued_bytes:,}")
        return translate("client_window", "Not connected: click Connect before sending.")

    @Slot(str)
    def _show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()

    @Slot()
    def _refresh(self) -> None:
        state = self.controller.state
        busy = self.controller.busy
        connected = state is ClientState.CONNECTED
        if connected and not self._was_connected:
            # Connected: the next thing to do is type. (Connect, disabled while it
            # connects, had passed the keyboard to the counters' Reset button.) Only the
            # window's own focus: a window in the background stays there.
            self.message.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._was_connected = connected
        if connected and self._aimed_by_app and self._address() == self._opened_for:
            # Used with the server the app aimed it at: what it remembered from before is
            # stale (an old server's port), and goes at the close.
            self._remembered = None
        self.connect_button.setEnabled(not busy)
        self.host_edit.setEnabled(not busy)
        self.port_spin.setEnabled(not busy)
        self.timeout_spin.setEnabled(not busy)
        self.disconnect_button.setEnabled(busy)
        self.half_close_button.setEnabled(connected)
        self.abort_button.setEnabled(connected or state is ClientState.HALF_CLOSED)
        port = self.controller.local_port
        if state is ClientState.CLOSED and port is None and self.controller.last_error:
            # Not always connect(): a name that does not resolve fails before it.
            sentence = translate("client_window", "Not connected: the connection could not be "
                                                  "made (the reason is below). Check the "
                                                  "address, then Connect again.")
        elif state is ClientState.CONNECTED and port:
            sentence = translate("client_window", "Connected from local port {port}. Type a "
                                                  "message and press Enter to send it.").format(
                port=port)
        else:
            sentence = translate("client_window", STATE_SENTENCES[state])
        self.state_label.setText(sentence)
        if port and state in (ClientState.CONNECTED, ClientState.HALF_CLOSED):
            title = translate("client_window", "{client} · local port {port} — TCP Lab").format(
                client=self.name, port=port)
        else:
            title = translate("client_window", "{client} — TCP Lab").format(client=self.name)
        self.setWindowTitle(title)

    def shut_down(self) -> None:
        """Stop any repeat sending, then end the connection and its thread (bounded wait)."""
        self.message.shut_down()
        self.controller.shut_down()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        self.closed.emit()
        super().closeEvent(event)
