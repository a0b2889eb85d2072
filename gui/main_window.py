"""The main window: the server's side of TCP, and the launcher of client windows."""

from __future__ import annotations

import errno

from PySide6.QtCore import QEvent, QModelIndex, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QMessageBox, QSizePolicy, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from gui.client_row import ClientWindows
from gui.client_window import ClientWindow
from gui.connections_model import COLUMNS as CONNECTION_COLUMNS
from gui.colours import ERROR, WARNING, label_style, palette_changed
from gui.dock_focus import next_focus_in_sight
from gui.first_layout import default_size, lay_out
from gui.host_text import host_problem
from gui.i18n import translate
from gui.live_label import LiveLabel
from gui.log_view import LogView
from gui.main_docks import MainDocks
from gui.main_menus import MainMenus
from gui.manual_panel import ManualPanel
from gui.model_texts import MODEL_EXPLANATIONS
from gui.repaint_limiter import RepaintLimiter
from gui.server_controller import ServerController
from gui.server_form import ServerForm
from gui.text_size import FittedRows
from gui.traffic_counters import TrafficCounters
from gui.window_settings import reset_main_window, restore_main_window, save_main_window
from netcore.config import DEFAULT_RECV_SIZE, Behaviour, ServerConfig, ServerModel
from netcore.errors import NetError, format_address
from netcore.exposure import addresses_others_would_use, only_this_computer

CONNECTION_ROWS_IN_VIEW = 2
LOG_ROWS_IN_VIEW = 3


class MainWindow(QMainWindow):
    """Server controls, its state, connections table and log, and the client launcher."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        # Ends with the app's display name: desktops (X11, Windows) add that name to a
        # title that does not end with it, which made "TCP Lab — server — TCP Lab".
        self.setWindowTitle(translate("main_window", "Server — TCP Lab"))
        self.server = ServerController(self)
        self.server.watch_repaints(self)
        self.clients = ClientWindows(self)
        self.client_windows = self.clients.windows  # (by the name the app and tests use)
        # How many bytes each recv() asks for: not in the form (the default suits every
        # use); the "TCP is a stream" demo makes it tiny to split a message.
        self.recv_size = DEFAULT_RECV_SIZE
        # Not in the form either: the backlog demo starts a server that never accept()s.
        self.accept_clients = True

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self._build_server_box())
        state_box = self._build_state_box()
        # The state keeps the height its text needs, in a window too short for all of it:
        # squeezed, a state that changed its number of lines (as each client came) squeezed
        # the form in turn, and every row below moved.
        state_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(state_box)
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.addWidget(self._build_connections_table())
        self.log_view = LogView(self.server.log, "serverLog", splitter)
        splitter.addWidget(self.log_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        # The docks (beside, or the demos below) must not squeeze these to a row or two,
        # where a new connection or line is out of sight: a few rows of each stay in view.
        self.connections_rows.keep_in_view(CONNECTION_ROWS_IN_VIEW)
        self.log_view.fitted_rows.keep_in_view(LOG_ROWS_IN_VIEW)
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
        # A demo runs its own server and clients: windows still to open would join it.
        self.docks.demo_pane.runner.started.connect(self.many_clients.stop_for_a_demo)
        self._build_menus()

        self.server.stateChanged.connect(self.state_label.setText)
        # While a server runs, its state line keeps the height of its longest sentence:
        # the table and the log below it stay put as clients come and go.
        # (Its own methods: a lambda here would hold the window, which would then wait
        # for the cycle collector to be freed.)
        self.server.listening.connect(self.state_label.hold_height)
        self.server.stopped.connect(self.state_label.fit_height)
        self.server.eventsArrived.connect(self.counters.count)
        self.server.errorOccurred.connect(self._show_error)
        self.server.stopped.connect(self._refresh_controls)
        self.server.listening.connect(self.clients.sockets_changed)
        self.server.stopped.connect(self.clients.sockets_changed)
        self.model_combo.currentIndexChanged.connect(self._explain_model)
        self.behaviour_combo.currentIndexChanged.connect(self._refresh_controls)
        self.behaviour_combo.currentIndexChanged.connect(self._explain_model)
        self.state_label.setText(self.server.state_text)
        self._refresh_controls()  # (the manual reply's panel hidden: the controls' narrowest)
        # As large as the screen it opens on, the docks shared out for that screen; what
        # Reset settings goes back to.
        free_area = self.screen().availableGeometry()
        self.resize(default_size(free_area))
        self.move(free_area.topLeft())
        lay_out(self, self.docks)
        self._first_dock_layout = self.saveState()
        restore_main_window(self)
        if self.text_size.scale > 1.0:
            self.menus.text_room.fit_to_screen()  # (remembered from a larger screen?)
        self._explain_model()
        self._refresh_controls()

    # ---- building ----

    def _build_server_box(self) -> ServerForm:
        form = self.server_form = ServerForm(self)
        # The form's fields, by the names the rest of the app and its tests use.
        self.host_edit, self.port_spin = form.host_edit, form.port_spin
        self.model_combo, self.behaviour_combo = form.model_combo, form.behaviour_combo
        self.framing_combo, self.backlog_spin = form.framing_combo, form.backlog_spin
        self.max_connections_spin, self.queued_spin = form.max_connections_spin, form.queued_spin
        self.idle_spin, self.exposure_label = form.idle_spin, form.exposure_label
        self.model_explanation = form.model_explanation
        self.start_button, self.stop_button = form.start_button, form.stop_button
        self.start_button.clicked.connect(self.start_server)
        self.stop_button.clicked.connect(self.stop_server)
        self.host_edit.textChanged.connect(self._warn_if_exposed)
        self.server.listening.connect(self._warn_if_exposed)
        self.server.stopped.connect(self._warn_if_exposed)
        self.port_spin.valueChanged.connect(self._warn_if_exposed)
        return form

    def _build_state_box(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        # It changes with every client that comes or goes: 500 of them are 500 new texts.
        self.state_label = LiveLabel(box)
        self.state_label.setObjectName("serverStateLabel")
        font = self.state_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.state_label.setFont(font)
        self.error_label = QLabel(box)
        self.error_label.setObjectName("serverErrorLabel")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(label_style(ERROR))
        self.error_label.hide()
        self.counters = TrafficCounters("serverCounters", box)
        self.counters.setToolTip(translate("main_window", "Every connection of the server"))
        layout.addWidget(self.state_label)
        layout.addWidget(self.error_label)
        counters_row = QHBoxLayout()
        counters_row.addWidget(self.counters)
        counters_row.addStretch(1)
        layout.addLayout(counters_row)
        return box

    def _build_connections_table(self) -> QTableView:
        table = QTableView(self)
        # Tab leaves the table for the next control (it stepped from cell to cell, a trap
        # for the keyboard); the arrow keys move within it.
        table.setTabKeyNavigation(False)
        table.setObjectName("connectionsTable")
        table.setToolTip(translate("main_window", "One row per accepted connection; click a row "
                                                  "to reply to it by hand in manual mode"))
        table.setAccessibleName(translate("main_window", "Connections"))
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
        self.connections_rows = FittedRows(table)
        # Byte counters that change thirty times a second are shown a few times a second.
        self.connections_repaints = RepaintLimiter(table)
        self.connections_table = table
        return table

    def _build_clients_row(self) -> QHBoxLayout:
        row = self.clients.row()
        # By the names the rest of the app and its tests use.
        self.new_client_button = self.clients.new_button
        self.many_clients = self.clients.opener
        self.open_clients_spin = self.many_clients.spin
        self.open_clients_button = self.many_clients.button
        return row

    def _build_menus(self) -> None:
        menus = self.menus = MainMenus(self)
        # By the names the rest of the app and its tests use.
        self.new_client_action, self.reset_settings_action = menus.new_client, menus.reset_settings
        self.text_size, self.language_menu = menus.text_size, menus.language_menu

    # ---- server ----

    def server_config(self) -> ServerConfig:
        return self.server_form.config(self.recv_size, self.accept_clients)

    @Slot()
    def start_server(self) -> None:
        self.error_label.hide()
        host = self.host_edit.text().strip()
        # A port typed in the address box ("127.0.0.1:9000", "9000") said only "not an
        # address of this computer": the client window's words say what to do instead.
        problem = host_problem(host) if host else translate(
            "main_window", "Enter an address to listen on: 127.0.0.1 for this computer only.")
        if problem:
            self._show_error(problem)
            self._mark_field(self.host_edit, problem)
            return
        if self.server.start(self.server_config()):
            self.counters.reset()  # a new server counts from zero (the log keeps the past)
            host, port = self.server.address or ("", 0)
            if self.port_spin.value() == 0:
                self.port_spin.setValue(port)  # show the port the system picked
                self.server_form.port_picked_by_system = port
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
        self.server_form.mark_field(field, sentence)

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
        if where:
            # Between addresses: "192.168.1.5:9000 or 10.0.0.2:9000".
            addresses = translate("main_window", " or ", "between addresses").join(where)
            text = translate(
                "main_window", "⚠ Other computers can connect to this server, at {addresses}. "
                               "Anyone who can reach this computer over the network can send "
                               "it data. Use 127.0.0.1 to allow only this computer.").format(
                addresses=addresses)
        else:
            text = translate(
                "main_window", "⚠ Other computers can connect to this server (this computer's "
                               "network addresses could not be listed). Anyone who can reach "
                               "this computer over the network can send it data. Use "
                               "127.0.0.1 to allow only this computer.")
        self.exposure_label.setText(text)
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
        self.reset_settings_action.setEnabled(not self.server.running)
        running = self.server.running
        self.server_form.set_running(running)
        self.menus.show_server_running(running)
        self.manual_panel.setVisible(self.behaviour_combo.currentData() is Behaviour.MANUAL)
        self.manual_panel.setEnabled(running)

    @Slot()
    def _explain_model(self) -> None:
        text = translate("model_texts", MODEL_EXPLANATIONS[self.model_combo.currentData()])
        if (self.model_combo.currentData() is ServerModel.ITERATIVE
                and self.behaviour_combo.currentData() is Behaviour.CHAT):
            # A sentence of its own, after the model's explanation.
            text += " " + translate("main_window",
                                    "With one client served at a time, chat has nobody to "
                                    "relay to: choose a thread or a process per client to chat.")
        self.model_explanation.setText(text)

    @Slot(QModelIndex)
    def _connection_clicked(self, index: QModelIndex) -> None:
        conn_id = index.data(Qt.ItemDataRole.UserRole)
        if conn_id is not None:
            self.manual_panel.select_connection(conn_id)

    # ---- clients ----

    @Slot()
    def open_client_window(self) -> ClientWindow:
        """A new client window, active, to type in (gui/client_row.py)."""
        return self.clients.open_window()

    # ---- closing ----

    def shut_down(self) -> None:
        """Close every client window and stop the server; every wait is bounded."""
        # A demo first: its cleanup would start again the server it stopped.
        self.docks.demo_pane.runner.end(restart_user_server=False)
        self.clients.close_all()
        self.server.stop()
        self.docks.shut_down()

    def changeEvent(self, event: QEvent) -> None:
        """The system's palette changed (light to dark, say): the app's own text colours
        follow it (gui/colours.py)."""
        if event.type() == QEvent.Type.PaletteChange:
            palette_changed()
            self.error_label.setStyleSheet(label_style(ERROR))
            self.server_form.exposure_label.setStyleSheet(label_style(WARNING, bold=True))
            self.manual_panel.message.error_label.setStyleSheet(label_style(ERROR))
            for window in self.client_windows:
                window.message.error_label.setStyleSheet(label_style(ERROR))
                window.error_label.setStyleSheet(label_style(ERROR))
        super().changeEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab pass over the controls of a dock tabbed out of sight."""
        return next_focus_in_sight(super().focusNextPrevChild, next)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()  # a demo still running ends first, and puts the form back
        save_main_window(self)
        super().closeEvent(event)

    # ---- remembered between runs (gui/window_settings.py) ----

    @Slot()
    def reset_settings(self) -> None:
        """File > Reset settings: after asking, everything goes back to how TCP Lab first
        started, now and at the next start. (Not while a server runs: the form shows the
        settings it runs with.)"""
        if self.server.running:
            return
        answer = QMessageBox.question(
            self, translate("main_window", "Reset settings"),
            translate("main_window", "Forget every remembered setting? The server's settings, "
                                     "the text size, the language, and where the windows and "
                                     "panes are go back to how TCP Lab first started."),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Reset:
            return
        reset_main_window(self, self._first_dock_layout)
