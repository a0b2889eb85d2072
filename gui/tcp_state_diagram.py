"""TCP's state machine, drawn as in RFC 793, with the states the app's sockets are in now
filled in and counted.

It is drawn in its own coordinates and scaled to the widget, so it stays sharp at any
size, on a projector too. A state in use is told apart by shape as well as colour: a
thick double border and a count badge.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

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
STATE_TEXT_SIZE, LABEL_TEXT_SIZE, BADGE_TEXT_SIZE = 17, 13, 14
SMALLEST_READABLE_PIXELS = 7  # transition labels smaller than this are left to the tooltip
IN_USE_FILL = QColor("#ffe082")
IN_USE_BORDER = QColor("#e65100")


def box_rect(state: str) -> QRectF:
    column, row = BOX_POSITIONS[state]
    centre = QPointF(MARGIN + BOX_WIDTH / 2 + column * COLUMN_WIDTH,
                     MARGIN + BOX_HEIGHT / 2 + row * ROW_HEIGHT)
    return QRectF(centre.x() - BOX_WIDTH / 2, centre.y() - BOX_HEIGHT / 2, BOX_WIDTH, BOX_HEIGHT)


DRAWING = QRectF(0, 0, 2 * MARGIN + BOX_WIDTH + 2 * COLUMN_WIDTH,
                 2 * MARGIN + BOX_HEIGHT + 6.6 * ROW_HEIGHT)


class TcpStateDiagram(QWidget):
    """The state machine; show_states() marks the states in use with their counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tcpStateDiagram")
        self.setAccessibleName(translate("tcp_state_diagram", "TCP state machine"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counts: Counter[str] = Counter()

    def sizeHint(self) -> QSize:
        return QSize(int(DRAWING.width() * 0.6), int(DRAWING.height() * 0.6))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 200)

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

    def _scale(self) -> tuple[float, QPointF]:
        scale = min(self.width() / DRAWING.width(), self.height() / DRAWING.height())
        offset = QPointF((self.width() - DRAWING.width() * scale) / 2,
                         (self.height() - DRAWING.height() * scale) / 2)
        return scale, offset

    def state_at(self, point: QPointF) -> str | None:
        scale, offset = self._scale()
        if scale <= 0:
            return None
        local = (point - offset) / scale
        for state in BOX_POSITIONS:
            if box_rect(state).contains(local):
                return state.strip()
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            state = self.state_at(QPointF(event.pos()))
            if state is None:
                QToolTip.hideText()
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

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, offset = self._scale()
        painter.translate(offset)
        painter.scale(scale, scale)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        self._draw_transitions(painter, text_colour,
                               labelled=LABEL_TEXT_SIZE * scale >= SMALLEST_READABLE_PIXELS)
        for state in BOX_POSITIONS:
            self._draw_state(painter, state, text_colour)
        painter.end()

    def _draw_transitions(self, painter: QPainter, colour: QColor, labelled: bool) -> None:
        font = QFont(self.font())
        font.setPixelSize(LABEL_TEXT_SIZE)
        painter.setFont(font)
        painter.setPen(QPen(colour, 1.3))
        for start, end, label in TRANSITIONS:
            line = _edge_line(box_rect(start), box_rect(end))
            painter.drawLine(line)
            _arrow_head(painter, line, colour)
            if labelled:
                _draw_label(painter, line, translate("tcp_state_diagram", label),
                            LABEL_SIDES.get((start, end), ""))

    def _draw_state(self, painter: QPainter, state: str, colour: QColor) -> None:
        rect = box_rect(state)
        name = state.strip()
        count = self.counts.get(name, 0)
        path = QPainterPath()
        path.addRoundedRect(rect, 8, 8)
        if count:
            painter.fillPath(path, IN_USE_FILL)
            painter.setPen(QPen(IN_USE_BORDER, 4))
            painter.drawPath(path)
            painter.setPen(QPen(IN_USE_BORDER, 1.5))
            painter.drawRoundedRect(rect.adjusted(-6, -6, 6, 6), 11, 11)
        else:
            painter.fillPath(path, self.palette().color(QPalette.ColorRole.Base))
            painter.setPen(QPen(colour, 1.3))
            painter.drawPath(path)
        font = QFont(self.font())
        font.setPixelSize(STATE_TEXT_SIZE)
        font.setBold(bool(count))
        painter.setFont(font)
        painter.setPen(QColor("#000000") if count else colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        if count:
            badge = QRectF(rect.right() - 14, rect.top() - 14, 28, 28)
            painter.setBrush(IN_USE_BORDER)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(badge)
            painter.setPen(QColor("#ffffff"))
            font.setPixelSize(BADGE_TEXT_SIZE)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"{count}")
            painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_label(painter: QPainter, line: QLineF, label: str, side: str) -> None:
    """Beside the arrow's middle: left of an arrow going left, else right of it, unless
    `side` says otherwise ("left", "below")."""
    middle = line.pointAt(0.5)
    height = LABEL_TEXT_SIZE + 2
    if side == "below":
        area = QRectF(middle.x() + 2, middle.y() + 2, 150, height)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    elif side == "left" or line.dx() < -1:
        area = QRectF(middle.x() - 154, middle.y() - height, 150, height)
        painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
    else:
        area = QRectF(middle.x() + 4, middle.y() - height / 2, 150, height)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)


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
