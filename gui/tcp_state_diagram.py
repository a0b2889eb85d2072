"""TCP's state machine, drawn as in RFC 793, with the states the app's sockets are in now
filled in and counted.

It is drawn in its own units, at the app's text size and zoomed in a DiagramView
(gui/diagram_view.py), so it stays sharp at any size, on a projector too. A state in use
is told apart by shape as well as colour: a thick double border and a count badge.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPainterPath,
                           QPaintEvent, QPalette, QPen, QPolygonF)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.colours import IN_USE_MARK, colour_on
from gui.diagram_view import DESIGN_TEXT_UNITS, ZoomableDiagram
from gui.i18n import translate
from gui.tcp_state_layout import (BOX_POSITIONS, DRAWING, IN_USE_RING, LINE_WIDTH, TRANSITIONS,
                                  arrow_head, badge_rect, box_rect, label_rect, route)
from netcore.kernel_view import STATE_SENTENCES

# Text sizes in the drawing's own units, so that they grow and shrink with it.
STATE_TEXT_SIZE, LABEL_TEXT_SIZE, BADGE_TEXT_SIZE = int(DESIGN_TEXT_UNITS), 13, 14
SMALLEST_READABLE_PIXELS = 7  # transition labels smaller than this are left to the tooltip
# A state in use: its name in black on amber on either palette (16:1); its border and
# count's badge in IN_USE_MARK (gui/colours.py).
IN_USE_FILL = QColor("#ffe082")
IN_USE_TEXT = QColor("#000000")


class TcpStateDiagram(ZoomableDiagram):
    """The state machine; show_states() marks the states in use with their counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(DRAWING, parent)
        self.setObjectName("tcpStateDiagram")
        self.setAccessibleName(translate("tcp_state_diagram", "TCP state machine"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counts: Counter[str] = Counter()
        self.setAccessibleDescription(self.describe())

    def show_states(self, states: list[str]) -> None:
        """One entry per socket: the state it is in."""
        counts = Counter(states)
        if counts != self.counts:
            self.counts = counts
            self.setAccessibleDescription(self.describe())
            self.update()

    def describe(self) -> str:
        """The same in words, for a screen reader and for tests."""
        if not self.counts:
            return translate("tcp_state_diagram", "No socket of the app is open.")
        return "; ".join(f"{state}: {count}" for state, count in sorted(self.counts.items()))

    def state_at(self, point: QPointF) -> str | None:
        local = self.to_drawing(point)
        for state in BOX_POSITIONS:
            if box_rect(state).contains(local):
                return state.strip()
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            state = self.state_at(QPointF(event.pos()))
            if state is None:
                QToolTip.showText(event.globalPos(), translate(
                    "tcp_state_diagram", "Ctrl + mouse wheel zooms; so do Ctrl++ and Ctrl+- "
                                         "while the diagram has the focus."), self)
            else:
                in_use = self.counts.get(state, 0)
                if in_use:
                    text = translate("tcp_state_diagram",
                                     "{state}: {meaning}\n{count} socket(s) of the app are in "
                                     "it now.")
                else:
                    text = translate("tcp_state_diagram", "{state}: {meaning}")
                QToolTip.showText(event.globalPos(),
                                  text.format(state=state, meaning=STATE_SENTENCES[state],
                                              count=in_use), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, offset = self._scale()
        painter.translate(offset)
        painter.scale(scale, scale)
        palette = self.palette()
        self._draw_transitions(painter, palette.color(QPalette.ColorRole.WindowText),
                               labelled=LABEL_TEXT_SIZE * scale >= SMALLEST_READABLE_PIXELS)
        for state in BOX_POSITIONS:
            self._draw_state(painter, state, palette)
        # The heads over the boxes: a state in use's ring would hide the tip of each.
        ink = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(ink, LINE_WIDTH))
        painter.setBrush(ink)
        for start, end, _label in TRANSITIONS:
            painter.drawPolygon(arrow_head(route(start, end)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self.draw_focus_frame(painter, event.rect())
        painter.end()

    def label_font(self) -> QFont:
        """The transitions' labels' font: the app's, at a size in the drawing's units."""
        font = QFont(self.font())
        font.setPixelSize(LABEL_TEXT_SIZE)
        return font

    def label_places(self) -> list[tuple[str, QRectF]]:
        """Each transition's label as shown (translated) and where it is written."""
        metrics = QFontMetricsF(self.label_font())
        places = []
        for index, (_start, _end, label) in enumerate(TRANSITIONS):
            text = translate("tcp_state_diagram", label)
            places.append((text, label_rect(index, text, metrics)))
        return places

    def _draw_transitions(self, painter: QPainter, colour: QColor, labelled: bool) -> None:
        painter.setPen(QPen(colour, LINE_WIDTH))
        for start, end, _label in TRANSITIONS:
            painter.drawPolyline(QPolygonF(route(start, end)))
        if labelled:
            # Each in room the layout keeps clear of every line and box
            # (gui/tcp_state_layout.py): nothing is drawn over its words.
            painter.setFont(self.label_font())
            for text, place in self.label_places():
                painter.drawText(place, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_state(self, painter: QPainter, state: str, palette: QPalette) -> None:
        rect = box_rect(state)
        name = state.strip()
        count = self.counts.get(name, 0)
        base = palette.color(QPalette.ColorRole.Base)
        mark = colour_on(IN_USE_MARK, palette)
        path = QPainterPath()
        path.addRoundedRect(rect, 8, 8)
        if count:
            painter.fillPath(path, IN_USE_FILL)
            painter.setPen(QPen(mark, 4))
            painter.drawPath(path)
            painter.setPen(QPen(mark, 1.5))
            ring = IN_USE_RING
            painter.drawRoundedRect(rect.adjusted(-ring, -ring, ring, ring), 11, 11)
        else:
            painter.fillPath(path, base)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1.3))
            painter.drawPath(path)
        font = QFont(self.font())
        font.setPixelSize(STATE_TEXT_SIZE)  # in the drawing's units: scaled with it
        font.setBold(bool(count))
        painter.setFont(font)
        # Text on Base in the colour made for it.
        painter.setPen(IN_USE_TEXT if count else palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        if count:
            badge = badge_rect(state)
            painter.setBrush(mark)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(badge)
            painter.setPen(base)
            font.setPixelSize(BADGE_TEXT_SIZE)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"{count}")
            painter.setBrush(Qt.BrushStyle.NoBrush)

