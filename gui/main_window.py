"""The main window: the server's side of TCP, and the launcher of client windows."""

from __future__ import annotations

import errno

from PySide6.QtCore import QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMainWindow, QPushButton, QSpinBox,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from gui.client_window import ClientWindow
from gui.connections_model import COLUMNS as CONNECTION_COLUMNS
from gui.field_marks import REFUSED_FIELD_STYLE, clear_refused, mark_refused
from gui.log_view import LogView
from gui.main_docks import MainDocks
from gui.manual_panel import ManualPanel
from gui.model_texts import BEHAVIOUR_LABELS, MODEL_EXPLANATIONS, MODEL_LABELS
from gui.repaint_limiter import RepaintLimiter
from gui.server_controller import ServerController
from gui.text_size import FittedRows, TextSize
from netcore.config import (DEFAULT_BACKLOG, DEFAULT_IDLE_SECONDS, DEFAULT_MAX_CONNECTIONS,
                            DEFAULT_MAX_QUEUED_BYTES, DEFAULT_RECV_SIZE, Behaviour, ServerConfig,
                            ServerModel)
from netcore.errors import NetError, format_address
from netcore.exposure import addresses_others_would_use, only_this_computer
from netcore.framing import FRAMING_LABELS

DEFAULT_PORT = 9000
MAX_CLIENTS_AT_ONCE = 50  # "Open N clients" is for demos; more belongs in a benchmark
CASCADE_STEP = QPoint(32, 32)
MIB = 1024 * 1024


class MainWindow(QMainWindow):
    """Server controls, its state, connections table and log, and the client launcher."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("TCP Lab — server")
        self.server = ServerController(self)
        self.server.watch_repaints(self)
        self.client_windows: list[ClientWindow] = []
        # How many bytes each recv() asks for: not in the form (the default suits every
        # use); the "TCP is a stream" demo makes it tiny to split a message.
        self.recv_size = DEFAULT_RECV_SIZE
        # Not in the form either: the backlog demo starts a server that never accept()s.
        self.accept_clients = True
        self._next_client_number = 1

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self._build_server_box())
        layout.addWidget(self._build_state_box())
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.addWidget(self._build_connections_table())
        self.log_view = LogView(self.server.log, "serverLog", splitter)
        splitter.addWidget(self.log_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.manual_panel = ManualPanel(self.server, central)
        layout.addWidget(self.manual_panel)
        layout.addLayout(self._build_clients_row())
        self.setCentralWidget(central)
        self.docks = MainDocks(self, self.server)
        self.kernel_watch = self.docks.kernel_watch
        self.kernel_pane = self.docks.kernel_pane
        self.kernel_dock = self.docks.kernel_dock
        self.call_flow_pane = self.docks.call_flow_pane
        self._build_menus()

        self.server.stateChanged.connect(self.state_label.setText)
        self.server.errorOccurred.connect(self._show_error)
        self.server.stopped.connect(self._refresh_controls)
        self.server.listening.connect(self._app_sockets_changed)
        self.server.stopped.connect(self._app_sockets_changed)
        self.model_combo.currentIndexChanged.connect(self._explain_model)
        self.behaviour_combo.currentIndexChanged.connect(self._refresh_controls)
        self.behaviour_combo.currentIndexChanged.connect(self._explain_model)
        self.state_label.setText(self.server.state_text)
        self._explain_model()
        self._refresh_controls()
        self.resize(1100, 940)  # a window larger than the screen is shrunk to fit by Qt

    # ---- building ----

    def _build_server_box(self) -> QGroupBox:
        box = QGroupBox("Server", self)
        self.host_edit = QLineEdit("127.0.0.1", box)
        self.host_edit.setObjectName("serverHostEdit")
        self.host_edit.setAccessibleName("Server address")
        self.host_edit.setToolTip("127.0.0.1: only this computer can connect (safe). "
                                  "0.0.0.0: other computers can connect too.")
        self.port_spin = QSpinBox(box)
        self.port_spin.setObjectName("serverPortSpin")
        self.port_spin.setAccessibleName("Server port")
        self.port_spin.setRange(0, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setToolTip("0 lets the system pick a free port")
        self.model_combo = QComboBox(box)
        self.model_combo.setObjectName("serverModelCombo")
        self.model_combo.setAccessibleName("Concurrency model")
        for model, label in MODEL_LABELS.items():
            self.model_combo.addItem(label, model)
        self.model_combo.setCurrentIndex(self.model_combo.findData(ServerModel.THREAD))
        self.behaviour_combo = QComboBox(box)
        self.behaviour_combo.setObjectName("serverBehaviourCombo")
        self.behaviour_combo.setAccessibleName("What the server does with data")
        for behaviour, label in BEHAVIOUR_LABELS.items():
            self.behaviour_combo.addItem(label, behaviour)
        self.framing_combo = QComboBox(box)
        self.framing_combo.setObjectName("serverFramingCombo")
        self.framing_combo.setAccessibleName("How the server finds messages")
        self.framing_combo.setToolTip("TCP is a stream: it keeps no boundaries between send()s. "
                                      "A framing marks where each message ends; the server "
                                      "then answers whole messages.")
        for framing, label in FRAMING_LABELS.items():
            self.framing_combo.addItem(label, framing)
        self.backlog_spin = QSpinBox(box)
        self.backlog_spin.setObjectName("serverBacklogSpin")
        self.backlog_spin.setRange(0, 4096)
        self.backlog_spin.setValue(DEFAULT_BACKLOG)
        self.backlog_spin.setToolTip("listen(backlog): how many finished handshakes the kernel "
                                     "queues before accept() takes them")
        self.max_connections_spin = QSpinBox(box)
        self.max_connections_spin.setObjectName("serverMaxConnectionsSpin")
        self.max_connections_spin.setRange(1, 100_000)
        self.max_connections_spin.setValue(DEFAULT_MAX_CONNECTIONS)
        self.max_connections_spin.setToolTip("Clients served at once; the next one is told the "
                                             "server is full and closed")
        self.queued_spin = QSpinBox(box)
        self.queued_spin.setObjectName("serverQueuedSpin")
        self.queued_spin.setAccessibleName("Most bytes queued per client, in MiB")
        self.queued_spin.setRange(1, 1024)
        self.queued_spin.setValue(DEFAULT_MAX_QUEUED_BYTES // MIB)
        self.queued_spin.setSuffix(" MiB")
        self.queued_spin.setToolTip("Chat relays and your replies wait for a slow client up to "
                                    "this much; a client further behind is disconnected")
        self.idle_spin = QSpinBox(box)
        self.idle_spin.setObjectName("serverIdleSpin")
        self.idle_spin.setAccessibleName("Idle timeout in seconds")
        self.idle_spin.setRange(0, 86_400)
        self.idle_spin.setValue(int(DEFAULT_IDLE_SECONDS))
        self.idle_spin.setSuffix(" s")
        self.idle_spin.setSpecialValueText("never")  # shown for 0
        self.idle_spin.setToolTip("Close a connection that sends and is sent nothing for this "
                                  "long (0: never)")
        self.start_button = QPushButton("Start Server", box)
        self.start_button.setObjectName("serverStartButton")
        self.start_button.setToolTip("socket(), bind(), listen(), then accept() clients (Ctrl+R)")
        self.start_button.setShortcut(QKeySequence("Ctrl+R"))
        self.stop_button = QPushButton("Stop", box)
        self.stop_button.setObjectName("serverStopButton")
        self.stop_button.setToolTip("Close every connection and the listening socket (Ctrl+T)")
        self.stop_button.setShortcut(QKeySequence("Ctrl+T"))
        self.start_button.clicked.connect(self.start_server)
        self.stop_button.clicked.connect(self.stop_server)

        form = QFormLayout()
        address_row = QHBoxLayout()
        address_row.addWidget(self.host_edit, 1)
        address_row.addWidget(QLabel("Port:", box))
        address_row.addWidget(self.port_spin)
        address_row.addWidget(QLabel("Backlog:", box))
        address_row.addWidget(self.backlog_spin)
        form.addRow("Address:", address_row)
        limits_row = QHBoxLayout()
        limits_row.addWidget(QLabel("Clients at most:", box))
        limits_row.addWidget(self.max_connections_spin)
        limits_row.addWidget(QLabel("Queued per client:", box))
        limits_row.addWidget(self.queued_spin)
        limits_row.addWidget(QLabel("Close when idle for:", box))
        limits_row.addWidget(self.idle_spin)
        limits_row.addStretch(1)
        self.exposure_label = QLabel(box)
        self.exposure_label.setObjectName("serverExposureLabel")
        self.exposure_label.setTextFormat(Qt.TextFormat.PlainText)  # an address is no markup
        self.exposure_label.setWordWrap(True)
        self.exposure_label.setStyleSheet("color: #8a5300; font-weight: bold;")
        self.exposure_label.hide()
        form.addRow("", self.exposure_label)
        self.host_edit.textChanged.connect(self._warn_if_exposed)
        self.server.listening.connect(self._warn_if_exposed)
        self.server.stopped.connect(self._warn_if_exposed)
        self.port_spin.valueChanged.connect(self._warn_if_exposed)
        form.addRow("Limits:", limits_row)
        form.addRow("Model:", self.model_combo)
        behaviour_row = QHBoxLayout()
        behaviour_row.addWidget(self.behaviour_combo, 2)
        behaviour_row.addWidget(QLabel("Messages:", box))
        behaviour_row.addWidget(self.framing_combo, 1)
        form.addRow("Behaviour:", behaviour_row)
        self.model_explanation = QLabel(box)
        self.model_explanation.setObjectName("serverModelExplanation")
        self.model_explanation.setWordWrap(True)
        self.model_explanation.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        # A field the system refused (see _mark_field) is outlined until it is edited.
        box.setStyleSheet(REFUSED_FIELD_STYLE)
        self.host_edit.textEdited.connect(self._clear_field_marks)
        self.port_spin.valueChanged.connect(self._clear_field_marks)
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        outer.addWidget(self.model_explanation)
        outer.addLayout(buttons)
        return box

    def _build_state_box(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.state_label = QLabel(box)
        self.state_label.setObjectName("serverStateLabel")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        font = self.state_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.state_label.setFont(font)
        self.error_label = QLabel(box)
        self.error_label.setObjectName("serverErrorLabel")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.state_label)
        layout.addWidget(self.error_label)
        return box

    def _build_connections_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("connectionsTable")
        table.setAccessibleName("Connections")
        table.setModel(self.server.connections)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        char = self.fontMetrics().horizontalAdvance("0")
        for column, width in enumerate((5, 20, 15, 26, 15, 15, 14)[:len(CONNECTION_COLUMNS)]):
            table.setColumnWidth(column, char * width)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.clicked.connect(self._connection_clicked)
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no measuring per row
        FittedRows(table)
        # Byte counters that change thirty times a second are shown a few times a second.
        self.connections_repaints = RepaintLimiter(table)
        self.connections_table = table
        return table

    def _build_clients_row(self) -> QHBoxLayout:
        self.new_client_button = QPushButton("New client window", self)
        self.new_client_button.setObjectName("newClientButton")
        self.new_client_button.setToolTip("Open a client window (Ctrl+N)")
        self.new_client_button.clicked.connect(self.open_client_window)
        self.open_clients_spin = QSpinBox(self)
        self.open_clients_spin.setObjectName("openClientsSpin")
        self.open_clients_spin.setRange(1, MAX_CLIENTS_AT_ONCE)
        self.open_clients_spin.setValue(3)
        self.open_clients_spin.setAccessibleName("How many clients to open")
        self.open_clients_button = QPushButton("Open clients and connect", self)
        self.open_clients_button.setObjectName("openClientsButton")
        self.open_clients_button.setToolTip("Open this many client windows, each connected "
                                            "to the running server")
        self.open_clients_button.clicked.connect(self._open_many_clients)
        row = QHBoxLayout()
        row.addWidget(self.new_client_button)
        row.addStretch(1)
        row.addWidget(QLabel("Open", self))
        row.addWidget(self.open_clients_spin)
        row.addWidget(self.open_clients_button)
        return row

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        new_client = QAction("&New client window", self)
        new_client.setShortcut(QKeySequence.StandardKey.New)
        # Ctrl+N from a client window too: demos open clients from wherever the focus is.
        new_client.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        new_client.triggered.connect(self.open_client_window)
        file_menu.addAction(new_client)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.new_client_action = new_client
        view_menu = self.menuBar().addMenu("&View")
        self.docks.add_actions(view_menu)
        view_menu.addSeparator()
        self.text_size = TextSize()
        sizes = (("&Larger text", QKeySequence.StandardKey.ZoomIn, self.text_size.larger),
                 ("&Smaller text", QKeySequence.StandardKey.ZoomOut, self.text_size.smaller),
                 ("&Normal text size", QKeySequence("Ctrl+0"), self.text_size.normal))
        for text, keys, change in sizes:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(change)
            view_menu.addAction(action)

    # ---- server ----

    def server_config(self) -> ServerConfig:
        return ServerConfig(host=self.host_edit.text().strip(), port=self.port_spin.value(),
                            model=self.model_combo.currentData(),
                            behaviour=self.behaviour_combo.currentData(),
                            framing=self.framing_combo.currentData(),
                            backlog=self.backlog_spin.value(),
                            max_connections=self.max_connections_spin.value(),
                            max_queued_bytes=self.queued_spin.value() * MIB,
                            idle_seconds=float(self.idle_spin.value()),
                            recv_size=self.recv_size, accept_clients=self.accept_clients)

    @Slot()
    def start_server(self) -> None:
        self.error_label.hide()
        if not self.host_edit.text().strip():
            self._show_error("Enter an address to listen on: 127.0.0.1 for this computer only.")
            self._mark_field(self.host_edit, self.error_label.text())
            return
        if self.server.start(self.server_config()):
            host, port = self.server.address or ("", 0)
            if self.port_spin.value() == 0:
                self.port_spin.setValue(port)  # show the port the system picked
        elif self.server.start_error is not None:
            error = self.server.start_error
            self._mark_field(self._field_at_fault(error), error.sentence)
        self._refresh_controls()

    def _field_at_fault(self, error: NetError) -> QWidget:
        """The field whose value the system refused: the port when it is taken or not
        allowed, else the address (not this computer's, or a name not found)."""
        if error.code in (errno.EADDRINUSE, errno.EACCES):
            return self.port_spin
        return self.host_edit

    def _mark_field(self, field: QWidget, sentence: str) -> None:
        """Outline the refused field, put the reason on it, and the cursor in it; editing
        it clears the mark."""
        mark_refused(field, sentence)
        field.setFocus()

    @Slot()
    def _clear_field_marks(self) -> None:
        for field in (self.host_edit, self.port_spin):
            clear_refused(field)

    @Slot()
    def _warn_if_exposed(self) -> None:
        """Say so, with the addresses they would use, when other computers can connect."""
        # Once listening, the address bind() really used; before, what is typed (a name
        # is judged once the server has looked it up: nothing is looked up while typing).
        listening = self.server.address
        host = listening[0] if listening is not None else self.host_edit.text().strip()
        if not host or only_this_computer(host) is not False:
            self.exposure_label.hide()
            return
        port = listening[1] if listening is not None else self.port_spin.value()
        where = [format_address(address, port) if port else address
                 for address in addresses_others_would_use(host)]
        at = (f", at {' or '.join(where)}" if where else
              " (this computer's network addresses could not be listed)")
        self.exposure_label.setText(
            f"⚠ Other computers can connect to this server{at}. Anyone who can reach this "
            f"computer over the network can send it data. Use 127.0.0.1 to allow only this "
            f"computer.")
        self.exposure_label.show()

    @Slot()
    def stop_server(self) -> None:
        self.server.stop()
        self._refresh_controls()

    @Slot(str)
    def _show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()

    @Slot()
    def _refresh_controls(self) -> None:
        running = self.server.running
        for widget in (self.host_edit, self.port_spin, self.model_combo, self.behaviour_combo,
                       self.framing_combo, self.backlog_spin, self.max_connections_spin, self.queued_spin,
                       self.idle_spin, self.start_button):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.manual_panel.setVisible(self.behaviour_combo.currentData() is Behaviour.MANUAL)
        self.manual_panel.setEnabled(running)

    @Slot()
    def _explain_model(self) -> None:
        text = MODEL_EXPLANATIONS[self.model_combo.currentData()]
        if (self.model_combo.currentData() is ServerModel.ITERATIVE
                and self.behaviour_combo.currentData() is Behaviour.CHAT):
            text += (" With one client served at a time, chat has nobody to relay to: "
                     "choose a thread or a process per client to chat.")
        self.model_explanation.setText(text)

    @Slot(QModelIndex)
    def _connection_clicked(self, index: QModelIndex) -> None:
        conn_id = index.data(Qt.ItemDataRole.UserRole)
        if conn_id is not None:
            self.manual_panel.select_connection(conn_id)

    # ---- clients ----

    @Slot()
    def open_client_window(self) -> ClientWindow:
        """A new client window aimed at the running server (or at the port in the form)."""
        host, port = self._client_target()
        window = ClientWindow(self._next_client_number, host, port, self)
        self._next_client_number += 1
        window.closed.connect(self._forget_client)
        window.controller.connected.connect(self._app_sockets_changed)
        self.docks.watch_client(window)
        self.client_windows.append(window)
        window.move(self.pos() + CASCADE_STEP * (len(self.client_windows) % 10 + 1))
        window.show()
        return window

    @Slot()
    def _open_many_clients(self) -> None:
        # They connect even with no server running: each then shows "Connection refused",
        # which is what a real client would meet.
        for _ in range(self.open_clients_spin.value()):
            self.open_client_window().connect_to_server()

    def _client_target(self) -> tuple[str, int]:
        if self.server.address is not None:
            host, port = self.server.address
        else:
            host, port = self.host_edit.text().strip(), self.port_spin.value()
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1" if host != "::" else "::1"
        return host, port

    @Slot()
    def _app_sockets_changed(self) -> None:
        self.docks.app_sockets_changed(self.client_windows)

    @Slot()
    def _forget_client(self) -> None:
        window = self.sender()
        if window in self.client_windows:
            self.client_windows.remove(window)
            self.docks.forget_client(window)
            self._app_sockets_changed()

    # ---- closing ----

    def shut_down(self) -> None:
        """Close every client window and stop the server; every wait is bounded."""
        for window in list(self.client_windows):
            window.close()
        self.server.stop()
        self.docks.shut_down()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)
