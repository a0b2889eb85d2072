"""Where the TCP state machine's boxes, arrows and labels are (gui/tcp_state_diagram.py
draws them): in the drawing's own units, so that a test can check the picture from the
same geometry the painter uses.

A label's size is its text's, measured with the font it is drawn in: a translation
(another width) or another font moves it with its own size.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainterPath, QPainterPathStroker, QPolygonF

from gui.i18n import QT_TRANSLATE_NOOP

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
LABEL_WIDTH = 200.0  # a transition's label, in the drawing's units (translations are longer)
# A state in use: a second border this far outside its box, and its count's badge (this
# radius) on the box's top right corner.
IN_USE_RING = 6.0
BADGE_RADIUS = 14.0
ARROW_HEAD_LENGTH, ARROW_HEAD_ANGLE = 10.0, 25.0
LINE_WIDTH = 1.3


def box_rect(state: str) -> QRectF:
    column, row = BOX_POSITIONS[state]
    centre = QPointF(MARGIN + BOX_WIDTH / 2 + column * COLUMN_WIDTH,
                     MARGIN + BOX_HEIGHT / 2 + row * ROW_HEIGHT)
    return QRectF(centre.x() - BOX_WIDTH / 2, centre.y() - BOX_HEIGHT / 2, BOX_WIDTH, BOX_HEIGHT)


def badge_rect(state: str) -> QRectF:
    corner = box_rect(state).topRight()
    return QRectF(corner.x() - BADGE_RADIUS, corner.y() - BADGE_RADIUS,
                  2 * BADGE_RADIUS, 2 * BADGE_RADIUS)


def state_outline(state: str) -> QRectF:
    """All a state may cover: its box, and the ring and badge of a state in use."""
    ring = IN_USE_RING
    return box_rect(state).adjusted(-ring, -ring, ring, ring).united(badge_rect(state))


# Room beside the columns for the labels that reach past them: right of the last one
# ("close(): FIN out"), left of the first (a longer translation of "SYN in, SYN+ACK out").
LABEL_ROOM_RIGHT, LABEL_ROOM_LEFT = 60.0, 30.0
DRAWING = QRectF(-LABEL_ROOM_LEFT, 0,
                 LABEL_ROOM_LEFT + 2 * MARGIN + BOX_WIDTH + 2 * COLUMN_WIDTH + LABEL_ROOM_RIGHT,
                 2 * MARGIN + BOX_HEIGHT + 6.6 * ROW_HEIGHT)


def route(start: str, end: str) -> list[QPointF]:
    """The arrow's points, from the edge of the first box to the edge of the second."""
    line = _edge_line(box_rect(start), box_rect(end))
    return [line.p1(), line.p2()]


def arrow_head(points: list[QPointF]) -> QPolygonF:
    """The arrow's head, its tip at the last point."""
    tip = points[-1]
    back = QLineF(tip, points[-2])
    back.setLength(ARROW_HEAD_LENGTH)
    left, right = QLineF(back), QLineF(back)
    left.setAngle(back.angle() + ARROW_HEAD_ANGLE)
    right.setAngle(back.angle() - ARROW_HEAD_ANGLE)
    return QPolygonF([tip, left.p2(), right.p2()])


def arrow_path(points: list[QPointF]) -> QPainterPath:
    """The arrow's line (as wide as it is drawn) and its head: the ink it puts down."""
    line = QPainterPath(points[0])
    for point in points[1:]:
        line.lineTo(point)
    stroker = QPainterPathStroker()
    stroker.setWidth(LINE_WIDTH)
    ink = stroker.createStroke(line)
    head = QPainterPath()
    head.addPolygon(arrow_head(points))
    return ink.united(head)


def label_rect(transition: int, text: str, metrics: QFontMetricsF) -> QRectF:
    """Where the transition's label (`text`, as shown) is written, at its text's size."""
    start, end, _label = TRANSITIONS[transition]
    line = QLineF(*route(start, end))
    side = LABEL_SIDES.get((start, end), "")
    middle = line.pointAt(0.5)
    height = metrics.height() + 2
    if side == "below":
        area = QRectF(middle.x() + 2, middle.y() + 2, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignLeft
    elif side == "left" or line.dx() < -1:
        area = QRectF(middle.x() - LABEL_WIDTH - 4, middle.y() - height, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignRight
    else:
        area = QRectF(middle.x() + 4, middle.y() - height / 2, LABEL_WIDTH, height)
        align = Qt.AlignmentFlag.AlignLeft
    return metrics.boundingRect(area, int(align | Qt.AlignmentFlag.AlignVCenter), text)


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
