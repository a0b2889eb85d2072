"""The row where a person types a message: text or hex, a line ending, Send (Enter sends)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from netcore.text import parse_hex

LINE_ENDINGS: tuple[tuple[str, bytes], ...] = (
    ("No line ending", b""),
    ("LF (\\n)", b"\n"),
    ("CRLF (\\r\\n)", b"\r\n"),
)
TEXT, HEX = "Text", "Hex"


SendFunction = Callable[[bytes], str]
"""Sends the bytes; returns "" when they were queued, else a sentence saying why not."""

# QLineEdit's default limit is 32767 characters: a pasted file would be cut silently.
MAX_MESSAGE_CHARACTERS = 16 * 1024 * 1024


class MessageEditor(QWidget):
    """Builds the bytes to send and says, at the field, what is wrong with bad input.

    The typed text is cleared only once the message was accepted for sending, so nothing
    the user typed is lost when it could not be sent.
    """

    def __init__(self, prefix: str, send: SendFunction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._send_function = send
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(MAX_MESSAGE_CHARACTERS)
        self.edit.setObjectName(f"{prefix}MessageEdit")
        self.edit.setPlaceholderText("Type a message and press Enter")
        self.edit.setAccessibleName("Message to send")
        self.ending_combo = QComboBox(self)
        self.ending_combo.setObjectName(f"{prefix}LineEndingCombo")
        self.ending_combo.setToolTip("What to add at the end of each message")
        for label, ending in LINE_ENDINGS:
            self.ending_combo.addItem(label, ending)
        self.ending_combo.setCurrentIndex(1)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName(f"{prefix}FormatCombo")
        self.format_combo.setToolTip("Text is sent as UTF-8; Hex takes bytes like 48 65 6c 6c 6f")
        self.format_combo.addItems([TEXT, HEX])
        self.send_button = QPushButton("Send", self)
        self.send_button.setObjectName(f"{prefix}SendButton")
        self.send_button.setToolTip("Send the message (Enter)")
        self.error_label = QLabel("", self)
        self.error_label.setObjectName(f"{prefix}MessageError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.ending_combo)
        row.addWidget(self.format_combo)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error_label)

        self.edit.returnPressed.connect(self._send)
        self.send_button.clicked.connect(self._send)
        self.edit.textChanged.connect(self._clear_error)
        self.format_combo.currentTextChanged.connect(self._format_changed)

    def payload(self) -> bytes:
        """The bytes to send; raises ValueError with a sentence for bad hex."""
        text = self.edit.text()
        if self.format_combo.currentText() == HEX:
            body = parse_hex(text)
        else:
            body = text.encode("utf-8")
        return body + bytes(self.ending_combo.currentData())

    def show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()

    @Slot()
    def _send(self) -> None:
        try:
            data = self.payload()
        except ValueError as exc:
            self.show_error(f"Invalid hex: {exc}")
            return
        if not data:
            self.show_error("There is nothing to send: type a message first.")
            return
        problem = self._send_function(data)
        if problem:
            self.show_error(problem)
            return
        self.edit.clear()

    @Slot()
    def _clear_error(self) -> None:
        self.error_label.hide()

    @Slot(str)
    def _format_changed(self, name: str) -> None:
        self.edit.setPlaceholderText("Hex bytes, e.g. 48 65 6c 6c 6f" if name == HEX
                                     else "Type a message and press Enter")
        self._clear_error()
