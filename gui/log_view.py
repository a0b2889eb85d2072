"""A log pane: the table of a LogModel with its switches (hex, waits), Clear and a drop count."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QTimer, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from gui.log_model import BYTES, CONN, TIME, WHAT, WORKER, LogModel

ROW_HEIGHT_PADDING = 6
# Under a stream of events the table is repainted at most this often: nobody reads
# lines that scroll by faster, and each repaint lays out every visible line again.
REPAINT_INTERVAL_MS = 100


class LogView(QWidget):
    """Shows a log; keeps the newest row in sight unless the user scrolled up to read."""

    def __init__(self, model: LogModel, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView(self)
        self.table.setObjectName(object_name)
        self.table.setAccessibleName("Log")
        self.table.setModel(model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: measuring content would cost time per row.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_HEIGHT_PADDING)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        char = self.fontMetrics().horizontalAdvance("0")
        for column, width in ((TIME, 14), (WORKER, 15), (CONN, 5), (WHAT, 17), (BYTES, 9)):
            self.table.setColumnWidth(column, char * width)

        self.hex_box = QCheckBox("Show data as hex", self)
        self.hex_box.setObjectName(f"{object_name}HexBox")
        self.hex_box.setToolTip("Show the bytes as hexadecimal instead of text")
        self.hex_box.toggled.connect(model.set_hex)
        self.waits_box = QCheckBox("Show waiting steps", self)
        self.waits_box.setObjectName(f"{object_name}WaitsBox")
        self.waits_box.setChecked(True)
        self.waits_box.setToolTip("Log each time a call starts to wait: accept(), recv(), "
                                  "connect(). Turn off for a shorter log under heavy traffic.")
        self.waits_box.toggled.connect(model.set_show_waits)
        self.dropped_label = QLabel("", self)
        self.dropped_label.setObjectName(f"{object_name}DroppedLabel")
        clear_button = QPushButton("Clear log", self)
        clear_button.setToolTip("Remove every line from this log")
        clear_button.clicked.connect(model.clear)

        switches = QHBoxLayout()
        switches.addWidget(self.hex_box)
        switches.addWidget(self.waits_box)
        switches.addStretch(1)
        switches.addWidget(self.dropped_label)
        switches.addWidget(clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(switches)

        self._follow = True
        self._last_shown = 0.0
        self._held = QTimer(self)  # ends a spell of not repainting
        self._held.setSingleShot(True)
        self._held.timeout.connect(self._show_latest)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        model.rowsInserted.connect(self._rows_inserted)
        model.droppedChanged.connect(self._show_dropped)

    @Slot(int)
    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        self._follow = value >= bar.maximum() - 2

    @Slot(QModelIndex, int, int)
    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._held.isActive():
            return  # shown when the spell ends
        wait_ms = REPAINT_INTERVAL_MS - (time.monotonic() - self._last_shown) * 1000
        if wait_ms <= 0:
            self._show_latest()  # the first lines after a quiet spell: at once
            return
        self.table.setUpdatesEnabled(False)
        self._held.start(int(wait_ms) + 1)

    @Slot()
    def _show_latest(self) -> None:
        self._last_shown = time.monotonic()
        self.table.setUpdatesEnabled(True)
        if self._follow:
            self.table.scrollToBottom()

    @Slot(int)
    def _show_dropped(self, dropped: int) -> None:
        self.dropped_label.setText(
            f"{dropped:,} older lines dropped; the latest {self.model.rowCount():,} are kept"
            if dropped else "")
