"""A log pane: the table of a LogModel with its switches (hex or a text encoding, waits),
a filter, copy and save, Clear and a drop count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from gui.i18n import translate
from gui.live_label import LiveLabel
from gui.log_export import CSV_SUFFIX, TEXT_SUFFIX, as_text, lines, save_log, why_not_written
from gui.log_filter import LogFilter
from gui.log_model import BYTES, CONN, TIME, WHAT, WORKER, LogModel
from gui.plain_tooltip import plain_tooltip
from gui.text_encodings import encoding_combo
from gui.repaint_limiter import RepaintLimiter
from gui.text_size import FittedRows



class LogView(QWidget):
    """Shows a log; keeps the newest row in sight unless the user scrolled up to read."""

    def __init__(self, model: LogModel, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView(self)
        # Tab leaves the table for the next control (it stepped from cell to cell, a trap
        # for the keyboard); the arrow keys move within it.
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName(object_name)
        self.table.setToolTip(translate("log_view", "Every socket call, in order; select lines "
                                                    "and press Ctrl+C to copy them"))
        self.table.setAccessibleName(translate("log_view", "Log"))
        self.table.setModel(model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: measuring content would cost time per row.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fitted_rows = FittedRows(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        char = self.fontMetrics().horizontalAdvance("0")
        # Bytes: a folded line of a flood counts millions ("13,538,858").
        for column, width in ((TIME, 14), (WORKER, 15), (CONN, 5), (WHAT, 17), (BYTES, 12)):
            self.table.setColumnWidth(column, char * width)

        self.hex_box = QCheckBox(translate("log_view", "Show data as hex"), self)
        self.hex_box.setObjectName(f"{object_name}HexBox")
        self.hex_box.setToolTip(
            translate("log_view", "Show the bytes as hexadecimal instead of text"))
        self.hex_box.toggled.connect(model.set_hex)
        self.encoding_combo = encoding_combo(
            f"{object_name}EncodingCombo",
            translate("log_view", "How the data's bytes are read as text"), self)
        self.encoding_combo.currentIndexChanged.connect(
            lambda: model.set_encoding(self.encoding_combo.currentData()))
        self.hex_box.toggled.connect(lambda hex_shown: self.encoding_combo.setEnabled(not hex_shown))
        self.waits_box = QCheckBox(translate("log_view", "Show waiting steps"), self)
        self.waits_box.setObjectName(f"{object_name}WaitsBox")
        self.waits_box.setChecked(True)
        self.waits_box.setToolTip(translate(
            "log_view", "Log each time a call starts to wait: accept(), recv(), "
                        "connect(). Turn off for a shorter log under heavy traffic."))
        self.waits_box.toggled.connect(model.set_show_waits)
        # A LiveLabel: its count changes with every batch of a flood, and a QLabel's would
        # lay the window out again each time and widen it with each new digit (the docks
        # beside it shrank in steps).
        self.dropped_label = LiveLabel(self)
        self.dropped_label.setObjectName(f"{object_name}DroppedLabel")
        clear_button = QPushButton(translate("log_view", "Clear lo&g"), self)
        clear_button.setObjectName(f"{object_name}ClearButton")
        clear_button.setToolTip(translate("log_view", "Remove every line from this log"))
        clear_button.clicked.connect(model.clear)
        self.save_button = QPushButton(translate("log_view", "&Save log…"), self)
        self.save_button.setObjectName(f"{object_name}SaveButton")
        self.save_button.setToolTip(translate(
            "log_view", "Save the lines of this log as text or as CSV (with a filter typed: "
                        "the lines it shows)"))
        self.save_button.clicked.connect(self.save_to_file)
        self.saved_label = QLabel("", self)
        self.saved_label.setObjectName(f"{object_name}SavedLabel")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is no markup
        self.copy_action = QAction(translate("log_view", "&Copy selected lines"), self.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selected)
        save_action = QAction(translate("log_view", "&Save log…"), self.table)
        save_action.triggered.connect(self.save_to_file)
        self.table.addActions([self.copy_action, save_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName(f"{object_name}FilterEdit")
        self.filter_edit.setPlaceholderText(translate("log_view", "Filter lines (Ctrl+F)"))
        self.filter_edit.setAccessibleName(translate("log_view", "Filter the log"))
        self.filter_edit.setToolTip(translate(
            "log_view", "Show only the lines that contain this text, in any column"))
        self.filter_edit.setClearButtonEnabled(True)
        self.match_label = QLabel("", self)
        self.match_label.setObjectName(f"{object_name}MatchLabel")
        self.filter = LogFilter(self.table, model, self.filter_edit, self.match_label)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_filter)
        clear_filter = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_edit)
        clear_filter.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_filter.activated.connect(self.filter_edit.clear)

        self.filter_edit.setMaximumWidth(char * 40)
        # Save and Clear beside the filter, above the table: the row below it is then
        # narrow enough for the main window's diagrams to have room beside the log.
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.match_label)
        filter_row.addStretch(1)
        filter_row.addWidget(self.saved_label)
        filter_row.addWidget(self.save_button)
        filter_row.addWidget(clear_button)
        switches = QHBoxLayout()
        switches.addWidget(self.hex_box)
        encoding_label = QLabel(translate("log_view", "or as text in"), self)
        encoding_label.setBuddy(self.encoding_combo)
        switches.addWidget(encoding_label)
        switches.addWidget(self.encoding_combo)
        switches.addWidget(self.waits_box)
        switches.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(switches)
        # A line of its own, shown once lines are dropped: beside the switches it had a
        # narrow window's last hundred pixels, and wrapped into four lines.
        layout.addWidget(self.dropped_label)
        self.dropped_label.hide()
        # Tab in reading order: the row above the table, the table, then the row below it.
        reading_order = [self.filter_edit, self.save_button, clear_button, self.table,
                         self.hex_box, self.encoding_combo, self.waits_box]
        for before, after in zip(reading_order, reading_order[1:]):
            QWidget.setTabOrder(before, after)

        self._follow = True
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        # A stream of lines is shown a few times a second, each time scrolled to the newest.
        self.repaints = RepaintLimiter(self.table, self._scroll_to_newest)
        model.droppedChanged.connect(self._dropped_changed)

    # ---- copy and save (gui/log_export.py) ----

    def shown_columns(self) -> list[int]:
        return [column for column in range(self.model.columnCount())
                if not self.table.isColumnHidden(column)]

    def shown_rows(self) -> list[int]:
        """Every line, or the ones the filter lets through."""
        if not self.filter.active:
            return list(range(self.model.rowCount()))
        return [row for row in range(self.model.rowCount()) if not self.table.isRowHidden(row)]

    @Slot()
    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    @Slot()
    def copy_selected(self) -> None:
        """The selected lines to the clipboard, tab-separated (Ctrl+C in the log); lines
        the filter hides are left out, even inside a selected range."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows()
                      if not self.table.isRowHidden(index.row()))
        if rows:
            QGuiApplication.clipboard().setText(
                as_text(lines(self.model, rows, self.shown_columns())))

    @Slot()
    def save_to_file(self) -> None:
        text_filter = translate("log_view", "Text, columns separated by tabs (*.txt)")
        csv_filter = translate("log_view", "CSV, for spreadsheets (*.csv)")
        name, chosen = QFileDialog.getSaveFileName(
            self, translate("log_view", "Save the log"), str(Path.home() / f"tcp-lab-log{TEXT_SUFFIX}"),
            f"{text_filter};;{csv_filter}")
        if not name:
            return  # cancelled
        path = Path(name)
        # The kind chosen decides, unless the name says otherwise: "log.csv" is CSV even
        # with the text kind chosen, and the offered "tcp-lab-log.txt" becomes .csv when
        # CSV is chosen.
        if chosen == csv_filter and path.suffix.lower() in ("", TEXT_SUFFIX):
            path = path.with_suffix(CSV_SUFFIX)
        elif not path.suffix:
            path = path.with_suffix(TEXT_SUFFIX)
        try:
            saved = save_log(self.model, self.shown_rows(), self.shown_columns(), path)
        except OSError as exc:
            reason = why_not_written(exc)
            QMessageBox.warning(self, translate("log_view", "Save the log"), plain_tooltip(
                translate("log_view", "The log could not be saved to {path}: {reason}.")
                .format(path=path, reason=reason)))  # (it guesses HTML as a tooltip does)
            return
        self.saved_label.setText(translate("log_view", "{count} lines saved").format(
            count=f"{saved:,}"))
        self.saved_label.setToolTip(plain_tooltip(
            translate("log_view", "Saved to {path}").format(path=path)))  # a name, no markup

    @Slot(int)
    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        self._follow = value >= bar.maximum() - 2

    def _scroll_to_newest(self) -> None:
        if self._follow:
            self.table.scrollToBottom()
        self._show_dropped()

    @Slot(int)
    def _dropped_changed(self, dropped: int) -> None:
        if not self.repaints.holding:  # else shown with the held lines
            self._show_dropped()

    def _show_dropped(self) -> None:
        # A label whose text changes lays the window out and repaints it: under a
        # flood, the count changes with every batch, and is shown with the lines.
        dropped = self.model.dropped
        text = ""
        if dropped:
            text = translate("log_view", "{dropped} older lines dropped; the latest {kept} are "
                                         "kept").format(dropped=f"{dropped:,}",
                                                        kept=f"{self.model.rowCount():,}")
        if text != self.dropped_label.text():
            self.dropped_label.setText(text)
            self.dropped_label.setVisible(bool(text))
