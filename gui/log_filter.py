"""Filtering a log: only the lines that contain what the user typed, in any column shown.

The lines that do not match are hidden in the view (the log keeps them all, and its
counts stay exact); new lines are checked as they arrive. With the field empty, nothing is
checked at all: a flood costs nothing more than before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

from gui.i18n import translate
from gui.log_model import LogModel

TYPING_PAUSE_MS = 150  # a log of 10,000 lines is searched once the typing pauses


class LogFilter(QObject):
    """Hides the lines of `table` that do not contain the text of `field`."""

    def __init__(self, table: QTableView, model: LogModel, field: QLineEdit,
                 count_label: QLabel) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._field = field
        self._count_label = count_label
        self._wanted = ""  # lower case; "" shows every line
        self._shown = 0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.apply)
        field.textChanged.connect(self._pause.start)
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._rows_leaving)
        model.rowsRemoved.connect(self._show_count)
        model.modelReset.connect(self._model_reset)
        # Hex, or another encoding: the lines read differently, so match them again.
        model.dataChanged.connect(self._text_changed)
        self._columns: list[int] = []  # the columns searched, taken once per check

    @property
    def active(self) -> bool:
        return bool(self._wanted)

    def matches(self, row: int) -> bool:
        """Whether the line shows the text, in one of the columns taken by _take_columns()."""
        text = self._model.search_text
        return any(self._wanted in text(row, column).lower() for column in self._columns)

    @Slot()
    def apply(self) -> None:
        """Check every line against the field's text now."""
        self._pause.stop()
        was_active = self.active
        self._wanted = self._field.text().strip().lower()
        if not self.active and not was_active:
            return
        table = self._table
        self._take_columns()
        updating = table.updatesEnabled()  # off while the view's repaints are held
        table.setUpdatesEnabled(False)  # one repaint for all the lines, not one each
        try:
            self._shown = 0
            for row in range(self._model.rowCount()):
                shown = not self.active or self.matches(row)
                table.setRowHidden(row, not shown)
                self._shown += shown
        finally:
            table.setUpdatesEnabled(updating)
        self._show_count()

    def _take_columns(self) -> None:
        self._columns = [column for column in range(self._model.columnCount())
                         if not self._table.isColumnHidden(column)]

    @Slot(QModelIndex, int, int)
    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if not self.active:
            return
        self._take_columns()
        for row in range(first, last + 1):
            shown = self.matches(row)
            self._table.setRowHidden(row, not shown)
            self._shown += shown
        self._show_count()

    @Slot(QModelIndex, int, int)
    def _rows_leaving(self, _parent: QModelIndex, first: int, last: int) -> None:
        """The oldest lines beyond the log's bound, or a tail merged again: only those are
        counted (a log full of 10,000 lines loses a few with every batch)."""
        if self.active:
            self._shown -= sum(not self._table.isRowHidden(row) for row in range(first, last + 1))

    @Slot()
    def _model_reset(self) -> None:
        self._shown = 0
        self._show_count()

    @Slot()
    def _text_changed(self) -> None:
        if self.active:
            self.apply()

    @Slot()
    def _show_count(self) -> None:
        if not self.active:
            self._count_label.setText("")
            return
        self._count_label.setText(translate("log_filter", "{shown} of {total} lines match")
                                  .format(shown=f"{self._shown:,}",
                                          total=f"{self._model.rowCount():,}"))
