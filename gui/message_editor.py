"""The rows where a person types a message: text or hex, a line ending, how many times to
send it and how often, and Send (Enter sends)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from gui.colours import ERROR, label_style
from gui.field_marks import REFUSED_FIELD_STYLE, clear_refused, mark_refused
from gui.file_sender import read_file_to_send
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.repeat_sender import (MAX_INTERVAL_MS, MIN_INTERVAL_MS, RepeatSender, SendFunction,
                               parse_repeat_count)
from gui.saved_messages import SavedMessage, SavedMessagesButton
from gui.text_encodings import encode_text, encoding_combo
from netcore.text import parse_hex

LINE_ENDINGS: tuple[tuple[str, bytes], ...] = (
    (QT_TRANSLATE_NOOP("message_editor", "No line ending"), b""),
    (QT_TRANSLATE_NOOP("message_editor", "LF (\\n)"), b"\n"),
    (QT_TRANSLATE_NOOP("message_editor", "CRLF (\\r\\n)"), b"\r\n"),
)
# The formats, by their English names (the format combo's item data); shown translated.
TEXT = QT_TRANSLATE_NOOP("message_editor", "Text")
HEX = QT_TRANSLATE_NOOP("message_editor", "Hex")
TEXT_PLACEHOLDER = QT_TRANSLATE_NOOP("message_editor", "Type a message and press Enter")
HEX_PLACEHOLDER = QT_TRANSLATE_NOOP("message_editor", "Hex bytes, e.g. 48 65 6c 6c 6f")
DEFAULT_INTERVAL_MS = 1000

# QLineEdit's default limit is 32767 characters: a pasted file would be cut silently.
MAX_MESSAGE_CHARACTERS = 16 * 1024 * 1024


class MessageEditor(QWidget):
    """Builds the bytes to send and says, at the field, what is wrong with bad input.

    Hex and the repeat count are checked as they are typed: a field that cannot be used
    is outlined, with the reason under it. The typed text is cleared only once a single
    message was accepted for sending, so nothing the user typed is lost when it could not
    be sent; a repeated message stays, to be sent again.
    """

    def __init__(self, prefix: str, send: SendFunction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._send_function = send
        self.repeater = RepeatSender(send, self)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(MAX_MESSAGE_CHARACTERS)
        self.edit.setObjectName(f"{prefix}MessageEdit")
        self.edit.setToolTip(translate("message_editor", "The message to send; Enter sends it"))
        self.edit.setPlaceholderText(translate("message_editor", TEXT_PLACEHOLDER))
        self.edit.setAccessibleName(translate("message_editor", "Message to send"))
        self.ending_combo = QComboBox(self)
        self.ending_combo.setObjectName(f"{prefix}LineEndingCombo")
        self.ending_combo.setAccessibleName(translate("message_editor", "Line ending"))
        self.ending_combo.setToolTip(translate("message_editor",
                                               "What to add at the end of each message"))
        for label, ending in LINE_ENDINGS:
            self.ending_combo.addItem(translate("message_editor", label), ending)
        self.ending_combo.setCurrentIndex(1)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName(f"{prefix}FormatCombo")
        self.format_combo.setAccessibleName(translate("message_editor", "Text or hex"))
        self.format_combo.setToolTip(translate(
            "message_editor", "Text is sent in the encoding beside it; Hex takes bytes like "
                              "48 65 6c 6c 6f"))
        for name in (TEXT, HEX):
            self.format_combo.addItem(translate("message_editor", name), name)
        self.encoding_combo = encoding_combo(
            f"{prefix}EncodingCombo",
            translate("message_editor", "How the text is written as bytes"), self)
        self.send_button = QPushButton(translate("message_editor", "Send"), self)
        self.send_button.setObjectName(f"{prefix}SendButton")
        self.send_button.setToolTip(translate("message_editor", "Send the message (Enter)"))

        self.repeat_edit = QLineEdit("1", self)
        self.repeat_edit.setObjectName(f"{prefix}RepeatEdit")
        self.repeat_edit.setAccessibleName(translate("message_editor", "Times to send"))
        self.repeat_edit.setToolTip(translate(
            "message_editor", "How many times Send sends the message, from 1 to 1,000,000"))
        self.repeat_edit.setMaximumWidth(self.repeat_edit.fontMetrics().horizontalAdvance("0") * 12)
        self.forever_check = QCheckBox(translate("message_editor", "until I stop it"), self)
        self.forever_check.setObjectName(f"{prefix}RepeatForeverCheck")
        self.forever_check.setToolTip(translate("message_editor",
                                                "Send again and again until you click Stop"))
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setObjectName(f"{prefix}IntervalSpin")
        self.interval_spin.setAccessibleName(translate("message_editor", "Time between sends"))
        self.interval_spin.setToolTip(translate(
            "message_editor", "How long to wait between two copies of the message"))
        self.interval_spin.setRange(MIN_INTERVAL_MS, MAX_INTERVAL_MS)
        self.interval_spin.setValue(DEFAULT_INTERVAL_MS)
        self.interval_spin.setSuffix(translate("message_editor", " ms"))
        self.interval_spin.setGroupSeparatorShown(True)
        self.progress_label = QLabel("", self)
        self.progress_label.setObjectName(f"{prefix}RepeatProgress")
        self.error_label = QLabel("", self)
        self.error_label.setObjectName(f"{prefix}MessageError")
        self.error_label.setStyleSheet(label_style(ERROR))
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        self.setStyleSheet(REFUSED_FIELD_STYLE)
        self.saved_button = SavedMessagesButton(f"{prefix}SavedMessages", self.message_to_keep,
                                                self.send_saved, self)
        self.file_button = QPushButton(translate("message_editor", "Se&nd file…"), self)
        self.file_button.setObjectName(f"{prefix}SendFileButton")
        self.file_button.setToolTip(translate(
            "message_editor", "Send a file's bytes exactly as they are on disk"))
        self.file_button.clicked.connect(self.send_file)

        message_row = QHBoxLayout()
        message_row.setContentsMargins(0, 0, 0, 0)
        message_row.addWidget(self.edit, 1)
        message_row.addWidget(self.ending_combo)
        message_row.addWidget(self.format_combo)
        message_row.addWidget(self.encoding_combo)
        message_row.addWidget(self.send_button)
        repeat_row = QHBoxLayout()
        repeat_row.setContentsMargins(0, 0, 0, 0)
        send_label = QLabel(translate("message_editor", "Send"), self)
        send_label.setBuddy(self.repeat_edit)
        repeat_row.addWidget(send_label)
        repeat_row.addWidget(self.repeat_edit)
        repeat_row.addWidget(QLabel(translate("message_editor", "times, or"), self))
        repeat_row.addWidget(self.forever_check)
        repeat_row.addWidget(QLabel(translate("message_editor", "· every"), self))
        repeat_row.addWidget(self.interval_spin)
        repeat_row.addStretch(1)
        repeat_row.addWidget(self.progress_label)
        repeat_row.addWidget(self.saved_button)
        repeat_row.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(message_row)
        layout.addLayout(repeat_row)
        layout.addWidget(self.error_label)

        self.edit.returnPressed.connect(self._send)
        self.send_button.clicked.connect(self._send_or_stop)
        self.edit.textChanged.connect(self._check_fields)
        self.repeat_edit.textChanged.connect(self._check_fields)
        self.forever_check.toggled.connect(self._check_fields)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.encoding_combo.currentIndexChanged.connect(self._check_fields)
        self.repeater.progressed.connect(self._show_progress)
        self.repeater.finished.connect(self._repeat_finished)
        stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        stop_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop_shortcut.activated.connect(self.repeater.stop)
        self._fields_locked = False  # while a repeat runs (_set_repeating)
        self._check_fields()

    def payload(self) -> bytes:
        """The bytes to send; raises ValueError with a sentence for bad hex, or for a
        character the chosen encoding cannot write."""
        text = self.edit.text()
        if self.format_combo.currentData() == HEX:
            body = parse_hex(text)
        else:
            body = encode_text(text, self.encoding_combo.currentData())
        return body + bytes(self.ending_combo.currentData())

    def repeat_times(self) -> int | None:
        """How many copies Send sends (None: until stopped); ValueError with a sentence."""
        if self.forever_check.isChecked():
            return None
        return parse_repeat_count(self.repeat_edit.text())

    def show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()

    def shut_down(self) -> None:
        """Stop a repeat in progress (the window is closing)."""
        self.repeater.stop()

    @Slot()
    def _send_or_stop(self) -> None:
        if self.repeater.running:
            self.repeater.stop()
        else:
            self._send()

    @Slot()
    def _send(self) -> None:
        if self.repeater.running:
            return  # Enter in the message field does not start a second repeat
        try:
            data = self.payload()
        except ValueError as exc:
            self._refuse(self.edit, self._payload_problem(exc))
            return
        try:
            times = self.repeat_times()
        except ValueError as exc:
            self._refuse(self.repeat_edit, str(exc))
            return
        if not data:
            self.show_error(translate("message_editor",
                                      "There is nothing to send: type a message first."))
            return
        # Sent before anything on the screen changes: the reply is due within a
        # millisecond, and whatever the window does first holds the interpreter that the
        # thread receiving it needs.
        problem = self.repeater.start(data, times, self.interval_spin.value())
        if problem:
            self._clear_progress()
            self.show_error(problem)
            return
        self.error_label.hide()  # an earlier refusal ("Not connected") no longer holds
        if times == 1:
            self.edit.clear()
        elif self.repeater.running:
            self._set_repeating(True)

    # ---- kept messages and files ----

    def message_to_keep(self) -> SavedMessage | None:
        """The message as typed, to keep (gui/saved_messages.py); None, saying why, if it
        cannot be sent as it is."""
        problem = self._message_problem()
        if problem or not self.edit.text():
            self.show_error(problem or translate("message_editor",
                                                 "There is nothing to keep: type a message first."))
            return None
        return SavedMessage(self.edit.text(), self.format_combo.currentData(),
                            self.encoding_combo.currentData(), self.ending_combo.currentIndex())

    def send_saved(self, message: SavedMessage) -> None:
        """Fill in a kept message and send it: one click."""
        if self.repeater.running:
            return
        for combo, value in ((self.format_combo, message.format),
                             (self.encoding_combo, message.encoding)):
            if combo.findData(value) >= 0:
                combo.setCurrentIndex(combo.findData(value))
        if 0 <= message.ending < self.ending_combo.count():
            self.ending_combo.setCurrentIndex(message.ending)
        self.repeat_edit.setText("1")
        self.forever_check.setChecked(False)
        self.edit.setText(message.text)
        self._send()

    @Slot()
    def send_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("message_editor", "Send a file"),
                                              str(Path.home()))
        if not name:
            return  # cancelled
        path = Path(name)
        try:
            data = read_file_to_send(path)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        problem = self._send_function(data)
        if problem:
            self.show_error(problem)
            return
        self.error_label.hide()
        self.progress_label.setText(translate("message_editor", "sent “{name}”, {size} bytes")
                                    .format(name=path.name, size=f"{len(data):,}"))

    def _message_problem(self) -> str:
        """Why the message cannot be sent as typed ("" if it can): bad hex, or a character
        the chosen encoding cannot write."""
        try:
            self.payload()
        except ValueError as exc:
            return self._payload_problem(exc)
        return ""

    def _payload_problem(self, exc: ValueError) -> str:
        if self.format_combo.currentData() == HEX:
            return translate("message_editor", "Invalid hex: {error}").format(error=exc)
        return str(exc)

    def _refuse(self, field: QWidget, sentence: str) -> None:
        mark_refused(field, sentence)
        self.show_error(sentence)
        field.setFocus()

    @Slot()
    def _check_fields(self) -> None:
        """Outline each field that cannot be used and say why; clear what was fixed."""
        problems: list[str] = []
        problem = self._message_problem()
        if problem:
            problems.append(problem)
            mark_refused(self.edit, problem)
        else:
            clear_refused(self.edit)
        try:
            times = self.repeat_times()
            clear_refused(self.repeat_edit)
        except ValueError as exc:
            times = 1
            problems.append(str(exc))
            mark_refused(self.repeat_edit, problems[-1])
        self.repeat_edit.setEnabled(not self.forever_check.isChecked())
        self.interval_spin.setEnabled(times != 1)
        if problems:
            self.show_error(problems[0])
        else:
            self.error_label.hide()

    @Slot()
    def _format_changed(self) -> None:
        hex_format = self.format_combo.currentData() == HEX
        self.encoding_combo.setEnabled(not hex_format)
        placeholder = HEX_PLACEHOLDER if hex_format else TEXT_PLACEHOLDER
        self.edit.setPlaceholderText(translate("message_editor", placeholder))
        self._check_fields()

    @Slot(int)
    def _show_progress(self, sent: int) -> None:
        times = self.repeater.times
        if times == 1:
            self._clear_progress()  # a single send needs no count
        elif times is None:
            self.progress_label.setText(translate("message_editor", "sent {sent}, until stopped")
                                        .format(sent=f"{sent:,}"))
        else:
            self.progress_label.setText(translate("message_editor", "sent {sent} of {times}")
                                        .format(sent=f"{sent:,}", times=f"{times:,}"))

    def _clear_progress(self) -> None:
        # QLabel.clear() lays the window out again even when there was nothing to clear:
        # work the GUI thread would do between a Send and its reply.
        if self.progress_label.text():
            self.progress_label.clear()

    @Slot(str)
    def _repeat_finished(self, problem: str) -> None:
        # A single send never locked the fields: nothing to unlock, and the reply, on its
        # way already, need not wait for the window to redo them.
        if self._fields_locked:
            self._set_repeating(False)
        if problem:
            self.show_error(problem)

    def _set_repeating(self, repeating: bool) -> None:
        """While repeating, the message and its settings are locked and Send becomes Stop."""
        self._fields_locked = repeating
        for field in (self.edit, self.ending_combo, self.format_combo, self.forever_check,
                      self.interval_spin, self.saved_button, self.file_button):
            field.setEnabled(not repeating)
        self.encoding_combo.setEnabled(not repeating
                                       and self.format_combo.currentData() != HEX)
        self.repeat_edit.setEnabled(not repeating and not self.forever_check.isChecked())
        self.send_button.setText(translate("message_editor", "Stop") if repeating
                                 else translate("message_editor", "Send"))
        self.send_button.setToolTip(translate("message_editor", "Stop sending copies (Esc)")
                                    if repeating
                                    else translate("message_editor", "Send the message (Enter)"))
        if repeating:
            self.send_button.setFocus()
        else:
            self._check_fields()
