"""The conversation chart's lane titles, pinned above the lanes however far it is scrolled.

Each title gets two lines of its lane's width. A longer one (an IPv6 peer's address "(not
in the app)", a long translation) is cut short with "…" at the end of its second line,
instead of running over the lane lines above and below the title row, and its tooltip
tells it in full, with the lane's explanation if it has one (a shared lane: why).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

from gui.conversation import Lane

TITLE_LINES = 2
SIDE_MARGIN = 4.0  # scene units between a title and its lane's edges
TITLE_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap


def fitted_title(font: QFont, title: str, width: float, lines: int = TITLE_LINES) -> str:
    """`title` as it fits in `lines` lines of `width`: unchanged if it does, else its first
    lines as the text wraps and the rest elided into the last one."""
    metrics = QFontMetricsF(font)
    # A word wider than the lane (an IPv6 address) is not wrapped: it runs into the next.
    needed = metrics.boundingRect(QRectF(0, 0, width, 1e6), TITLE_FLAGS, title)
    if (needed.height() < (lines + 0.5) * metrics.lineSpacing()  # (a line's height rounds up)
            and needed.width() <= width + 0.5):
        return title
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(title, font)
    layout.setTextOption(option)
    layout.beginLayout()
    kept: list[str] = []
    rest_from = 0
    for _ in range(lines - 1):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        rest_from = line.textStart() + line.textLength()
        kept.append(title[line.textStart():rest_from].strip())
    layout.endLayout()
    rest = title[rest_from:].strip()
    kept.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(kept)


class LaneTitles:
    """Draws the title row, and says which lane's title is under a point."""

    def __init__(self, lane_width: float, height: float) -> None:
        self.lane_width = lane_width
        self.height = height  # scene units, from the view's top edge
        self._fitted: dict[tuple[str, str], str] = {}  # (font, title): as drawn

    def draw(self, painter: QPainter, lanes: Iterable[Lane], lane_x: Mapping[int, float],
             top: float, left: float, width: float, ink: QColor, background: QColor) -> None:
        painter.fillRect(QRectF(left, top, width, self.height - 8), background)
        painter.setPen(ink)
        font = painter.font()
        text_width = self.lane_width - 2 * SIDE_MARGIN
        for lane in lanes:
            x = lane_x.get(lane.index)
            if x is None:
                continue  # a lane newer than the last refresh: titled at the next one
            painter.drawText(QRectF(x - self.lane_width / 2 + SIDE_MARGIN, top + 2, text_width,
                                    self.height - 12),
                             TITLE_FLAGS, self._fit(font, lane.title, text_width))

    def _fit(self, font: QFont, title: str, width: float) -> str:
        key = (font.key(), title)
        fitted = self._fitted.get(key)
        if fitted is None:
            if len(self._fitted) > 1000:  # a language or text size change: start afresh
                self._fitted.clear()
            fitted = self._fitted[key] = fitted_title(font, title, width)
        return fitted

    def lane_at(self, lanes: Iterable[Lane], lane_x: Mapping[int, float], x: float,
                below_top: float) -> Lane | None:
        """The lane whose title is at scene x `x`, `below_top` scene units under the view's
        top edge; None off the title row."""
        if not 0 <= below_top < self.height - 8:
            return None
        for lane in lanes:
            centre = lane_x.get(lane.index)
            if centre is not None and abs(x - centre) <= self.lane_width / 2:
                return lane
        return None
