"""TCP's state machine, drawn as in RFC 793, with the states the app's sockets are in now
filled in and counted.

It is drawn in its own units, at the app's text size and zoomed in a DiagramView
(gui/diagram_view.py), so it stays sharp at any size, on a projector too. A state in use
is told apart by shape as well as colour: a thick double border and a count badge.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QHelpEvent, QPainter, QPainterPath, QPaintEvent,
                           QPalette, QPen, QPolygonF)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.colours import IN_USE_MARK, colour_on
from gui.diagram_view import DESIGN_TEXT_UNITS, ZoomableDiagram
from gui.i18n import QT_TRANSLATE_NOOP, translate
from netcore.kernel_view import STATE_SENTENCES

# Grid positions (column, row) of each state; CLOSED is drawn at the top (where a socket
# starts) and again at the bottom (where a connection ends), as textbooks do.
BOX_POSITIONS: dict[str, tuple[float, float]] = {
    "CLOSED": (1, 0), "LISTEN": (1, 1), "SYN_RECV": (0, 2), "SYN_SENT": (2, 2),
    "ESTABLISHED": (1, 3), "FIN_WAIT1": (0, 4), "CLOSE_WAIT": (2, 4),
    "FIN_WAIT2": (0, 5), "CLOSING": (1, 5), "LAST_ACK": (2, 5),
    "TIME_WAIT": (0, 6), "CLOSED ": (1.5, 6.6),
}
# (from, to, label): what moves a socket from one state to the next. The labels are
# translated where they are drawn.
TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    ("CLOSED", "LISTEN", QT_TRANSLATE_NOOP("tcp_state_diagram", "listen()")),
    ("CLOSED", "SYN_SENT", QT_TRANSLATE_NOOP("tcp_state_diagram", "connect(): SYN →")),
    ("LISTEN", "SYN_RECV", QT_TRANSLATE_NOOP("tcp_state_diagram", "SYN in, SYN+ACK out")),
    ("SYN_SENT", "ESTABLISHED", QT_TRANSLATE_NOOP("tcp_state_diagram", "SYN+ACK in, ACK out")),
    ("SYN_RECV", "ESTABLISHED", QT_TRANSLATE_NOOP("tcp_state_diagram", "ACK in")),
    ("ESTABLISHED", "FIN_WAIT1", QT_TRANSLATE_NOOP("tcp_state_diagram", "close(): FIN out")),
    ("ESTABLISHED", "CLOSE_WAIT", QT_TRANSLATE_NOOP("tcp_state_diagram", "FIN in, ACK out")),
    ("FIN_WAIT1", "FIN_WAIT2", QT_TRANSLATE_NOOP("tcp_state_diagram", "ACK in")),
    ("FIN_WAIT1", "CLOSING", QT_TRANSLATE_NOOP("tcp_state_diagram", "FIN in")),
    ("FIN_WAIT2", "TIME_WAIT", QT_TRANSLATE_NOOP("tcp_state_diagram", "FIN in, ACK out")),
    ("CLOSING", "TIME_WAIT", QT_TRANSLATE_NOOP("tcp_state_diagram", "ACK in")),
    ("CLOSE_WAIT", "LAST_ACK", QT_TRANSLATE_NOOP("tcp_state_diagram", "close(): FIN out")),
    ("LAST_ACK", "CLOSED ", QT_TRANSLATE_NOOP("tcp_state_diagram", "ACK in")),
    ("TIME_WAIT", "CLOSED ", QT_TRANSLATE_NOOP("tcp_state_diagram", "60 s later")),
)
# Where a label would sit on another arrow or a box, it goes to this side of its arrow.
LABEL_SIDES: dict[tuple[str, str], str] = {
    ("CLOSED", "LISTEN"): "left",
    ("CLOSING", "TIME_WAIT"): "below",
}
COLUMN_WIDTH, ROW_HEIGHT = 210.0, 62.0
BOX_WIDTH, BOX_HEIGHT = 140.0, 36.0
MARGIN = 16.0
# Text sizes in the drawing's own units, so that they grow and shrink with it.
STATE_TEXT_SIZE, LABEL_TEXT_SIZE, BADGE_TEXT_SIZE = int(DESIGN_TEXT_UNITS), 13, 14
LABEL_WIDTH = 200.0  # a transition's label, in the drawing's units (translations are longer)
SMALLEST_READABLE_PIXELS = 7  # transition labels smaller than this are left to the tooltip
# A state in use: its name in black on amber on either palette (16:1); its border and
# count's badge in IN_USE_MARK (gui/colours.py).
IN_USE_FILL = QColor("#ffe082")
IN_USE_TEXT = QColor("#000000")


def box_rect(state: str) -> QRectF:
    column, row = BOX_POSITIONS[state]
    centre = QPointF(MARGIN + BOX_WIDTH / 2 + column * COLUMN_WIDTH,
                     MARGIN + BOX_HEIGHT / 2 + row * ROW_HEIGHT)
    return QRectF(centre.x() - BOX_WIDTH / 2, centre.y() - BOX_HEIGHT / 2, BOX_WIDTH, BOX_HEIGHT)


# Room beside the columns for the labels that reach past them: right of the last one
# ("close(): FIN out"), left of the first (a longer translation of "SYN in, SYN+ACK out").
LABEL_ROOM_RIGHT, LABEL_ROOM_LEFT = 60.0, 30.0
DRAWING = QRectF(-LABEL_ROOM_LEFT, 0,
                 LABEL_ROOM_LEFT + 2 * MARGIN + BOX_WIDTH + 2 * COLUMN_WIDTH + LABEL_ROOM_RIGHT,
                 2 * MARGIN + BOX_HEIGHT + 6.6 * ROW_HEIGHT)


LABEL_VEIL_ALPHA = 190  # of 255: how much of a line behind a label is hidden

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
                               palette.color(QPalette.ColorRole.Window),
                               labelled=LABEL_TEXT_SIZE * scale >= SMALLEST_READABLE_PIXELS)
        for state in BOX_POSITIONS:
            self._draw_state(painter, state, palette)
        self.draw_focus_frame(painter, event.rect())
        painter.end()

    def _draw_transitions(self, painter: QPainter, colour: QColor, background: QColor,
                          labelled: bool) -> None:
        font = QFont(self.font())
        font.setPixelSize(LABEL_TEXT_SIZE)
        painter.setFont(font)
        painter.setPen(QPen(colour, 1.3))
        lines = [(_edge_line(box_rect(start), box_rect(end)), start, end, label)
                 for start, end, label in TRANSITIONS]
        for line, _start, _end, _label in lines:
            painter.drawLine(line)
            _arrow_head(painter, line, colour)
        if labelled:
            # After every line, each on a veil of the background: a line that passes
            # behind a label no longer crosses its words at full strength.
            for line, start, end, label in lines:
                _draw_label(painter, line, translate("tcp_state_diagram", label),
                            LABEL_SIDES.get((start, end), ""), background)

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
            painter.drawRoundedRect(rect.adjusted(-6, -6, 6, 6), 11, 11)
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
            badge = QRectF(rect.right() - 14, rect.top() - 14, 28, 28)
            painter.setBrush(mark)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(badge)
            painter.setPen(base)
            font.setPixelSize(BADGE_TEXT_SIZE)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"{count}")
            painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_label(painter: QPainter, line: QLineF, label: str, side: str,
                background: QColor) -> None:
    """Beside the arrow's middle: left of an arrow going left, else right of it, unless
    `side` says otherwise ("left", "below")."""
    middle = line.pointAt(0.5)
    height = LABEL_TEXT_SIZE + 2
    if side == "below":
        area = QRectF(middle.x() + 2, middle.y() + 2, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignLeft
    elif side == "left" or line.dx() < -1:
        area = QRectF(middle.x() - LABEL_WIDTH - 4, middle.y() - height, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignRight
    else:
        area = QRectF(middle.x() + 4, middle.y() - height / 2, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignLeft
    flags = align | Qt.AlignmentFlag.AlignVCenter
    # Half see-through: a line behind the words is dimmed, not cut (an arrow the label
    # sits on still reads as one).
    veil = QColor(background)
    veil.setAlpha(LABEL_VEIL_ALPHA)
    painter.fillRect(painter.boundingRect(area, flags, label).adjusted(-1, 0, 1, 0), veil)
    painter.drawText(area, flags, label)


def _edge_line(start: QRectF, end: QRectF) -> QLineF:
    """From the edge of one box to the edge of the other, along their centres."""
    line = QLineF(start.center(), end.center())
    return QLineF(_exit_point(start, line), _exit_point(end, QLineF(line.p2(), line.p1())))


def _exit_point(rect: QRectF, line: QLineF) -> QPointF:
    dx, dy = line.dx(), line.dy()
    if dx == 0 and dy == 0:
        return rect.center()
    # How far along the line the box's edge is, horizontally or vertically first.
    tx = (rect.width() / 2) / abs(dx) if dx else float("inf")
    ty = (rect.height() / 2) / abs(dy) if dy else float("inf")
    t = min(tx, ty)
    return QPointF(rect.center().x() + dx * t, rect.center().y() + dy * t)


def _arrow_head(painter: QPainter, line: QLineF, colour: QColor) -> None:
    tip = line.p2()
    back = QLineF(tip, line.p1())
    back.setLength(10)
    left, right = QLineF(back), QLineF(back)
    left.setAngle(back.angle() + 25)
    right.setAngle(back.angle() - 25)
    painter.save()
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, left.p2(), right.p2()]))
    painter.restore()
