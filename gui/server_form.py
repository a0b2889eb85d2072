"""The server's settings: address, port, backlog, limits, model, behaviour and framing, with
Start and Stop; a field the system refused is outlined, with the reason on it."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from gui.colours import WARNING, label_style
from gui.field_marks import REFUSED_FIELD_STYLE, clear_refused, mark_refused
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.model_texts import BEHAVIOUR_LABELS, MODEL_LABELS
from gui.settings import read_text, restore_choice, restore_spin, save_choice, save_spin
from netcore.config import (DEFAULT_BACKLOG, DEFAULT_IDLE_SECONDS, DEFAULT_MAX_CONNECTIONS,
                            DEFAULT_MAX_QUEUED_BYTES, DEFAULT_RECV_SIZE, Behaviour,
                            ServerConfig, ServerModel)
from netcore.framing import FRAMING_LABELS, Framing

DEFAULT_PORT = 9000
MIB = 1024 * 1024
# netcore's FRAMING_LABELS (netcore has no Qt), marked here so they can be translated; each
# is shown through translate("server_form", label), which gives netcore's English back
# for a label that has no translation.
_FRAMING_TEXTS = (QT_TRANSLATE_NOOP("server_form", "None: handle each recv() as it comes"),
                  QT_TRANSLATE_NOOP("server_form", "Lines: a message ends with \\n"),
                  QT_TRANSLATE_NOOP("server_form", "Length prefix: 4 bytes, then the message"))


class ServerForm(QGroupBox):
    """The fields and buttons of the server's box; config() reads them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("server_form", "Server"), parent)
        self.host_edit = QLineEdit("127.0.0.1", self)
        self.host_edit.setObjectName("serverHostEdit")
        self.host_edit.setAccessibleName(translate("server_form", "Server address"))
        self.host_edit.setToolTip(translate("server_form",
                                            "127.0.0.1: only this computer can connect (safe). "
                                            "0.0.0.0: other computers can connect too."))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("serverPortSpin")
        self.port_spin.setAccessibleName(translate("server_form", "Server port"))
        self.port_spin.setRange(0, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setToolTip(translate("server_form", "0 lets the system pick a free port"))
        self.model_combo = QComboBox(self)
        self.model_combo.setObjectName("serverModelCombo")
        self.model_combo.setToolTip(translate("server_form", "How the server serves several "
                                                             "clients at once (explained below)"))
        self.model_combo.setAccessibleName(translate("server_form", "Concurrency model"))
        for model, label in MODEL_LABELS.items():
            self.model_combo.addItem(translate("model_texts", label), model)
        self.model_combo.setCurrentIndex(self.model_combo.findData(ServerModel.THREAD))
        self.behaviour_combo = QComboBox(self)
        self.behaviour_combo.setObjectName("serverBehaviourCombo")
        self.behaviour_combo.setToolTip(translate("server_form",
                                                  "What the server does with the bytes it gets"))
        self.behaviour_combo.setAccessibleName(
            translate("server_form", "What the server does with data"))
        for behaviour, label in BEHAVIOUR_LABELS.items():
            self.behaviour_combo.addItem(translate("model_texts", label), behaviour)
        self.framing_combo = QComboBox(self)
        self.framing_combo.setObjectName("serverFramingCombo")
        self.framing_combo.setAccessibleName(
            translate("server_form", "How the server finds messages"))
        self.framing_combo.setToolTip(translate(
            "server_form", "TCP is a stream: it keeps no boundaries between send()s. "
                           "A framing marks where each message ends; the server "
                           "then answers whole messages."))
        for framing, label in FRAMING_LABELS.items():
            self.framing_combo.addItem(translate("server_form", label), framing)
        self.backlog_spin = QSpinBox(self)
        self.backlog_spin.setObjectName("serverBacklogSpin")
        self.backlog_spin.setAccessibleName(translate("server_form", "Backlog"))
        self.backlog_spin.setRange(0, 4096)
        self.backlog_spin.setValue(DEFAULT_BACKLOG)
        self.backlog_spin.setToolTip(translate(
            "server_form", "listen(backlog): how many finished handshakes the kernel "
                           "queues before accept() takes them"))
        self.max_connections_spin = QSpinBox(self)
        self.max_connections_spin.setObjectName("serverMaxConnectionsSpin")
        self.max_connections_spin.setAccessibleName(translate("server_form", "Clients at most"))
        self.max_connections_spin.setRange(1, 100_000)
        self.max_connections_spin.setValue(DEFAULT_MAX_CONNECTIONS)
        self.max_connections_spin.setToolTip(translate(
            "server_form", "Clients served at once; the next one is told the "
                           "server is full and closed"))
        self.queued_spin = QSpinBox(self)
        self.queued_spin.setObjectName("serverQueuedSpin")
        self.queued_spin.setAccessibleName(
            translate("server_form", "Most bytes queued per client, in MiB"))
        self.queued_spin.setRange(1, 1024)
        self.queued_spin.setValue(DEFAULT_MAX_QUEUED_BYTES // MIB)
        self.queued_spin.setSuffix(translate("server_form", " MiB"))
        self.queued_spin.setToolTip(translate(
            "server_form", "Chat relays and your replies wait for a slow client up to "
                           "this much; a client further behind is disconnected"))
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("serverIdleSpin")
        self.idle_spin.setAccessibleName(translate("server_form", "Idle timeout in seconds"))
        self.idle_spin.setRange(0, 86_400)
        self.idle_spin.setValue(int(DEFAULT_IDLE_SECONDS))
        self.idle_spin.setSuffix(translate("server_form", " s", "seconds"))
        self.idle_spin.setSpecialValueText(translate("server_form", "never"))  # shown for 0
        self.idle_spin.setToolTip(translate(
            "server_form", "Close a connection that sends and is sent nothing for this "
                           "long (0: never)"))
        self.start_button = QPushButton(translate("server_form", "Start Server"), self)
        self.start_button.setObjectName("serverStartButton")
        self.start_button.setToolTip(
            translate("server_form", "socket(), bind(), listen(), then accept() clients (Ctrl+R)"))
        self.start_button.setShortcut(QKeySequence("Ctrl+R"))
        self.stop_button = QPushButton(translate("server_form", "Stop"), self)
        self.stop_button.setObjectName("serverStopButton")
        self.stop_button.setToolTip(
            translate("server_form", "Close every connection and the listening socket (Ctrl+T)"))
        self.stop_button.setShortcut(QKeySequence("Ctrl+T"))

        form = QFormLayout()
        address_row = QHBoxLayout()
        address_row.addWidget(self.host_edit, 1)
        address_row.addWidget(QLabel(translate("server_form", "Port:"), self))
        address_row.addWidget(self.port_spin)
        address_row.addWidget(QLabel(translate("server_form", "Backlog:"), self))
        address_row.addWidget(self.backlog_spin)
        form.addRow(translate("server_form", "Address:"), address_row)
        limits_row = QHBoxLayout()
        limits_row.addWidget(QLabel(translate("server_form", "Clients at most:"), self))
        limits_row.addWidget(self.max_connections_spin)
        limits_row.addWidget(QLabel(translate("server_form", "Queued per client:"), self))
        limits_row.addWidget(self.queued_spin)
        limits_row.addStretch(1)
        # Rows no wider than they must be: the form is as narrow as it can be, for the
        # diagrams beside it (gui/first_layout.py).
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(translate("server_form", "Close when idle for:"), self))
        idle_row.addWidget(self.idle_spin)
        idle_row.addStretch(1)
        self.exposure_label = QLabel(self)
        self.exposure_label.setObjectName("serverExposureLabel")
        self.exposure_label.setTextFormat(Qt.TextFormat.PlainText)  # an address is no markup
        self.exposure_label.setWordWrap(True)
        self.exposure_label.setStyleSheet(label_style(WARNING, bold=True))
        self.exposure_label.hide()
        form.addRow("", self.exposure_label)
        form.addRow(translate("server_form", "Limits:"), limits_row)
        form.addRow("", idle_row)
        form.addRow(translate("server_form", "Model:"), self.model_combo)
        form.addRow(translate("server_form", "Behaviour:"), self.behaviour_combo)
        form.addRow(translate("server_form", "Messages:"), self.framing_combo)
        self.model_explanation = QLabel(self)
        self.model_explanation.setObjectName("serverModelExplanation")
        self.model_explanation.setWordWrap(True)
        self.model_explanation.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        # A field the system refused (see mark_field) is outlined until it is edited.
        self.setStyleSheet(REFUSED_FIELD_STYLE)
        self.host_edit.textEdited.connect(self.clear_field_marks)
        self.port_spin.valueChanged.connect(self.clear_field_marks)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.model_explanation)
        outer.addLayout(buttons)
        self._spins = {"port": self.port_spin, "backlog": self.backlog_spin,
                       "maxConnections": self.max_connections_spin,
                       "queuedMiB": self.queued_spin, "idleSeconds": self.idle_spin}
        self._choices = {"model": (self.model_combo, ServerModel),
                         "behaviour": (self.behaviour_combo, Behaviour),
                         "framing": (self.framing_combo, Framing)}
        # The port the system chose when the user asked for any (0): shown in the field
        # while the server runs, but 0 is what is remembered.
        self.port_picked_by_system: int | None = None
        self._defaults = (self.host_edit.text(),
                          {key: spin.value() for key, spin in self._spins.items()},
                          {key: combo.currentIndex() for key, (combo, _) in self._choices.items()})

    # ---- remembered between runs (gui/settings.py) ----

    def save_to(self, settings: QSettings) -> None:
        settings.beginGroup("server")
        host = self.host_edit.text().strip()
        if host:
            settings.setValue("host", host)
        for key, spin in self._spins.items():
            save_spin(settings, key, spin)
        if self.port_spin.value() == self.port_picked_by_system:
            settings.setValue("port", 0)
        for key, (combo, _) in self._choices.items():
            save_choice(settings, key, combo)
        settings.endGroup()

    def restore_from(self, settings: QSettings) -> None:
        settings.beginGroup("server")
        host = read_text(settings, "host")
        if host is not None:
            self.host_edit.setText(host)
        for key, spin in self._spins.items():
            restore_spin(settings, key, spin)
        for key, (combo, kind) in self._choices.items():
            restore_choice(settings, key, combo, kind)
        settings.endGroup()

    def restore_defaults(self) -> None:
        host, spin_values, choice_indexes = self._defaults
        self.host_edit.setText(host)
        for key, spin in self._spins.items():
            spin.setValue(spin_values[key])
        for key, (combo, _) in self._choices.items():
            combo.setCurrentIndex(choice_indexes[key])

    def config(self, recv_size: int = DEFAULT_RECV_SIZE, accept_clients: bool = True) -> ServerConfig:
        return ServerConfig(host=self.host_edit.text().strip(), port=self.port_spin.value(),
                            model=self.model_combo.currentData(),
                            behaviour=self.behaviour_combo.currentData(),
                            framing=self.framing_combo.currentData(),
                            backlog=self.backlog_spin.value(),
                            max_connections=self.max_connections_spin.value(),
                            max_queued_bytes=self.queued_spin.value() * MIB,
                            idle_seconds=float(self.idle_spin.value()),
                            recv_size=recv_size, accept_clients=accept_clients)

    def set_running(self, running: bool) -> None:
        """While a server runs its settings are fixed: Stop it to change them."""
        for widget in (self.host_edit, self.port_spin, self.model_combo, self.behaviour_combo,
                       self.framing_combo, self.backlog_spin, self.max_connections_spin,
                       self.queued_spin, self.idle_spin, self.start_button):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)

    def mark_field(self, field: QWidget, sentence: str) -> None:
        """Outline the refused field, put the reason on it, and the cursor in it; editing
        it clears the mark."""
        mark_refused(field, sentence)
        field.setFocus()

    @Slot()
    def clear_field_marks(self) -> None:
        for field in (self.host_edit, self.port_spin):
            clear_refused(field)
