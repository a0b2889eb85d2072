"""Manual mode: the person at the server picks a connection (or all), types and sends."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.i18n import translate
from gui.message_editor import MessageEditor
from gui.server_controller import ServerController

ALL_CONNECTIONS = -1


class ManualPanel(QGroupBox):
    """Send to a chosen connection or to all, and disconnect a chosen one."""

    def __init__(self, controller: ServerController, parent: QWidget | None = None) -> None:
        super().__init__(translate("manual_panel", "Reply by hand (manual mode)"), parent)
        self.controller = controller
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("manualTargetCombo")
        self.target_combo.setAccessibleName(translate("manual_panel", "Reply to"))
        self.target_combo.setToolTip(
            translate("manual_panel", "Which connection gets the message"))
        self.target_combo.setMinimumContentsLength(24)
        self.disconnect_button = QPushButton(translate("manual_panel", "&Disconnect"), self)
        self.disconnect_button.setObjectName("manualDisconnectButton")
        self.disconnect_button.setToolTip(
            translate("manual_panel", "Close the chosen connection from the server's side"))
        self.message = MessageEditor("manual", self._send, self)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(translate("manual_panel", "To:"), self))
        target_row.addWidget(self.target_combo, 1)
        target_row.addWidget(self.disconnect_button)
        layout = QVBoxLayout(self)
        layout.addLayout(target_row)
        layout.addWidget(self.message)

        self.disconnect_button.clicked.connect(self._disconnect)
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        controller.connectionAccepted.connect(self._refresh_targets)
        controller.connectionClosed.connect(self._refresh_targets)
        controller.stopped.connect(self._refresh_targets)
        self._targets_stale = True
        self._refresh_targets()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self._targets_stale:
            self._refresh_targets()

    def select_connection(self, conn_id: int) -> None:
        position = self.target_combo.findData(conn_id)
        if position >= 0:
            self.target_combo.setCurrentIndex(position)

    @Slot()
    def _refresh_targets(self) -> None:
        """The list of connections to reply to, made again when one comes or goes: only
        while the panel is shown (manual mode), else once it is (each is a call into Qt
        per open connection, a hundred at a time)."""
        if not self.isVisible():
            self._targets_stale = True
            return
        self._targets_stale = False
        chosen = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        self.target_combo.addItem(translate("manual_panel", "All connections"), ALL_CONNECTIONS)
        for conn_id in self.controller.connections.open_ids():
            row = self.controller.connections.row(conn_id)
            peer = row.peer if row is not None else ""
            self.target_combo.addItem(translate("manual_panel", "Connection {conn_id} ({peer})")
                                      .format(conn_id=conn_id, peer=peer), conn_id)
        self.target_combo.blockSignals(False)
        if chosen is not None:
            self.select_connection(chosen)
        self._target_changed(self.target_combo.currentIndex())

    @Slot(int)
    def _target_changed(self, position: int) -> None:
        self.disconnect_button.setEnabled(self.target_combo.currentData() not in (None, ALL_CONNECTIONS))

    def _send(self, data: bytes) -> str:
        target = self.target_combo.currentData()
        if self.controller.send_to(None if target == ALL_CONNECTIONS else target, data):
            return ""
        return translate("manual_panel", "No open connection to send to: wait for a client to "
                                         "connect.")

    @Slot()
    def _disconnect(self) -> None:
        target = self.target_combo.currentData()
        if target not in (None, ALL_CONNECTIONS):
            self.controller.disconnect(target)
