"""The part every table model of the app shares: a flat list of rows under fixed headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QObject,
                            QPersistentModelIndex, Qt)


class RowListModel(QAbstractTableModel):
    """A flat table: `self._rows` holds one entry per row, `columns` names the columns."""

    def __init__(self, columns: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[Any] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def multiData(self, index: QModelIndex | QPersistentModelIndex,
                  role_data_span: QModelRoleDataSpan) -> None:
        """Every role a view asks of one cell, in one call into Python.

        A table view asks seven roles per cell it paints; Qt's own multiData() calls
        data() once per role, and each of those calls must take Python's lock (the GIL)
        back from the socket threads, which under load means waiting for one of them each
        time. One call per cell waits once.
        """
        data = self.data
        for role_data in role_data_span:
            role_data.setData(data(index, role_data.role()))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section]
        return None
