"""A label whose text changes often (a count, a server's state), shown without laying the
window out again each time.

A QLabel asks its window for a new layout at every setText(): its size may have changed.
Qt then lays out the whole main window again and repaints all of it (its central widget
and docks), even when no widget moved: in a flood, the counters' line alone made the
window repaint everything four times a second. This line repaints only itself. Its
size hint grows in steps, only when the text outgrows it, and it never makes the window
wider than it is: text that does not fit goes on to the next line, as a word-wrapped
QLabel's does, and only a change in the number of lines lays the window out again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

# The hint grows by this many average characters more than the text needs: a count that
# gains a digit now and then asks for a new layout once in a while, not at every digit.
ROOM_TO_GROW_CHARS = 12


class LiveLabel(QWidget):
    """Plain text, left-aligned and wrapped at spaces as a word-wrapped QLabel draws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._hinted_width = 0
        self._lines = 1  # at the width it has now: a change asks for a new layout
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)  # a screen reader reads it as it would a label's
        needed = self.fontMetrics().horizontalAdvance(text)
        lines = self._lines_at(self.width())
        if needed > self._hinted_width or lines != self._lines:
            if needed > self._hinted_width:
                self._hinted_width = (needed + ROOM_TO_GROW_CHARS
                                      * self.fontMetrics().averageCharWidth())
            self._lines = lines
            self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # a new text size: the hint starts again
            self._hinted_width = 0
            text, self._text = self._text, ""
            self.setText(text)
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(self._hinted_width, self.heightForWidth(self._hinted_width))

    def minimumSizeHint(self) -> QSize:
        # A few characters: the window decides the width, and the text wraps to it.
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.fontMetrics().height())

    def heightForWidth(self, width: int) -> int:
        return self._lines_at(width) * self.fontMetrics().lineSpacing()

    def resizeEvent(self, event: object) -> None:
        self._lines = self._lines_at(self.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.rect(), _FLAGS, self.palette(),
                                  self.isEnabled(), self._text, QPalette.ColorRole.WindowText)
        painter.end()

    def _lines_at(self, width: int) -> int:
        if not self._text or width <= 0:
            return 1
        bounds = self.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), _FLAGS, self._text)
        return max(1, round(bounds.height() / self.fontMetrics().lineSpacing()))


_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
             | Qt.TextFlag.TextWordWrap)
