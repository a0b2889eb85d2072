"""A label whose text changes often (a count, a server's state), shown without laying the
window out again each time.

A QLabel asks its window for a new layout at every setText(): its size may have changed.
Qt then lays out the whole main window again, even when no widget moves, and in a window
whose docks a person arranged it repainted all of its central widget: in a flood, the
counters' line alone did that four times a second. This label repaints only itself, and asks
for a new layout only when its text's width or height changes (a count that gains a digit,
not one whose digits change). It never makes the window wider than it is: text that does
not fit goes on to the next line, as a word-wrapped QLabel's does.

A label can also hold its height (`hold_height`): the server's state alternates between a
sentence that takes one line and one that takes two ("... (3 clients connected)" and
"..., waiting in accept() for a client (3 clients connected)") at every client that
connects, and each time the connections table and the log below it jumped by a line and
were repainted. Held, the label keeps the tallest height its texts have had at its width
(the window is still laid out when a sentence's width changes, a quick pass in which
nothing moves).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class LiveLabel(QWidget):
    """Plain text, left-aligned and wrapped at spaces as a word-wrapped QLabel draws it.

    Screen readers get its text as its name (a QLabel is "static text" to them; this is
    a plain widget with a name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._text_width = 0  # on one line: the width it asks for
        self._height = 0  # at the width it has now: a change asks for a new layout
        self._held = False  # keeps the tallest height its texts have had at its width
        # While held: (width, the tallest height at that width); None until the next
        # text, so that a hold starts from the text it is for, not the one before it.
        self._tallest: tuple[int, int] | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    @Slot()
    def hold_height(self) -> None:
        """From its next text on, the label does not shrink when its text takes fewer
        lines: what is below it stays where it is. (The server says it listens before it
        says so on this line.) It fits its text again at `fit_height`, at a new text size,
        or when its width changes (a person resizing the window expects the text to flow
        again)."""
        self._held = True
        self._tallest = None

    @Slot()
    def fit_height(self) -> None:
        """The label is as tall as its text again, and follows it (see `hold_height`)."""
        self._held = False
        self._tallest = None
        height = self.heightForWidth(self.width())
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        if self._held and self._tallest is None:
            self._tallest = (0, 0)  # the hold starts with this text
        # A count that gains a digit, or a state with a longer sentence: a new layout. A
        # count that only changes its digits (most of them): just this repaint.
        text_width = self._one_line_width(text)
        height = self.heightForWidth(self.width())
        if text_width != self._text_width or height != self._height:
            self._text_width, self._height = text_width, height
            self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # a new text size: every size changes
            if self._tallest is not None:
                self._tallest = (0, 0)  # held from the text at its new size
            self._text_width = self._one_line_width(self._text)
            self._height = self.heightForWidth(self.width())
            self.updateGeometry()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(self._text_width, self.heightForWidth(self._text_width))

    def minimumSizeHint(self) -> QSize:
        # A few characters: the window decides the width, and the text wraps to it.
        return QSize(self.fontMetrics().averageCharWidth() * 12, self.fontMetrics().height())

    def heightForWidth(self, width: int) -> int:
        height = self._text_height(width)
        if not self._held or self._tallest is None:
            return height
        held_width, tallest = self._tallest
        if width != held_width:
            if width != self.width():
                return height  # a layout trying another width: not held there
            tallest = 0  # the label's new width: the text flows again, held from here
        if height > tallest:
            self._tallest = (width, height)
            return height
        return tallest

    def _one_line_width(self, text: str) -> int:
        # Measured as _text_height measures, not by the text's advance: at its advance a
        # text could take two lines there (rounding), and a long count wrapped its last
        # word at the very width it had asked for.
        return self.fontMetrics().boundingRect(QRect(0, 0, 1 << 20, 1 << 20), _ONE_LINE_FLAGS,
                                               text).width()

    def _text_height(self, width: int) -> int:
        if not self._text or width <= 0:
            return self.fontMetrics().height()
        # The height the text takes wrapped at this width, with whatever fonts draw it (a
        # Chinese sentence's fallback font has taller lines than the main font).
        return self.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), _FLAGS,
                                               self._text).height()

    def resizeEvent(self, event: object) -> None:
        self._height = self.heightForWidth(self.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Held taller than its text, the text stays at the top: its first line does not
        # move either.
        flags = _HELD_FLAGS if self._held else _FLAGS
        self.style().drawItemText(painter, self.rect(), flags, self.palette(),
                                  self.isEnabled(), self._text, QPalette.ColorRole.WindowText)
        painter.end()


_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
             | Qt.TextFlag.TextWordWrap)
_HELD_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                  | Qt.TextFlag.TextWordWrap)
_ONE_LINE_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
