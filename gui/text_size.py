"""Larger text on request, for a projector: the whole app's font, in steps.

Tables size their rows from the font once; FittedRows keeps a table's row height fitted
to its font when the font changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTableView

ROW_HEIGHT_PADDING = 6
NARRATION_SCALE = 1.15  # the demos' narration is read from the back of the room
STEP = 1.2
SMALLEST, LARGEST = 0.6, 4.0  # as a share of the size the app started with


_normal_point_size: float | None = None  # the app's font size before any Larger text


def text_scale() -> float:
    """The app's text size now, as a share of its normal size (1.0 before any TextSize):
    for pictures that scale as a whole (the conversation chart)."""
    if not _normal_point_size:
        return 1.0
    return QApplication.font().pointSizeF() / _normal_point_size


class TextSize:
    """Changes QApplication's font; remembers the size it started with."""

    def __init__(self) -> None:
        global _normal_point_size
        self._normal = _normal_point_size = QApplication.font().pointSizeF()

    @property
    def scale(self) -> float:
        return QApplication.font().pointSizeF() / self._normal

    def larger(self) -> None:
        self._set(min(LARGEST, self.scale * STEP))

    def smaller(self) -> None:
        self._set(max(SMALLEST, self.scale / STEP))

    def normal(self) -> None:
        self._set(1.0)

    def set_scale(self, scale: float) -> None:
        """A size remembered from last time (gui/settings.py), kept within the steps' range."""
        self._set(min(LARGEST, max(SMALLEST, scale)))

    def _set(self, scale: float) -> None:
        size = self._normal * scale
        font = QFont(QApplication.font())
        font.setPointSizeF(size)
        QApplication.setFont(font)
        # Widgets under a style sheet (a field that can be outlined as refused, say) do not
        # follow the application's font; a style sheet reaches every widget.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet("" if scale == 1.0 else
                          f"QWidget {{ font-size: {size:.1f}pt; }} "
                          f"#demoNarration {{ font-size: {size * NARRATION_SCALE:.1f}pt; }}")


class FittedRows(QObject):
    """Keeps `table`'s rows as tall as its font needs, now and after a font change."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._rows_in_view = 0
        self._fit()
        table.installEventFilter(self)

    def keep_in_view(self, rows: int) -> None:
        """The table is never made shorter than its header and `rows` rows, at any text
        size (a layout that shares the room, with docks say, would squeeze it first)."""
        self._rows_in_view = rows
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A style sheet's font arrives as a style change, not always as a font change; and
        # the table's metrics are new only once the event is handled: fit just after it.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit)
        return False

    def _fit(self) -> None:
        table = self._table
        row_height = table.fontMetrics().height() + ROW_HEIGHT_PADDING
        table.verticalHeader().setDefaultSectionSize(row_height)
        if self._rows_in_view:
            header = table.horizontalHeader().sizeHint().height()
            scroll_bar = table.horizontalScrollBar().sizeHint().height()
            table.setMinimumHeight(header + self._rows_in_view * row_height + scroll_bar
                                   + 2 * table.frameWidth())
