"""Where the TCP state machine's boxes, arrows and labels are (gui/tcp_state_diagram.py
draws them): in the drawing's own units, so that a test can check the picture from the
same geometry the painter uses.

A label's size is its text's, measured with the font it is drawn in: a translation
(another width) or another font moves it with its own size.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainterPath, QPainterPathStroker, QPolygonF

from gui.i18n import QT_TRANSLATE_NOOP

# Grid positions (column, row) of each state, as in RFC 793's picture: CLOSED is drawn at
# the top (where a socket starts) and again at the bottom (where a connection ends).
BOX_POSITIONS: dict[str, tuple[float, float]] = {
    "CLOSED": (1, 0), "LISTEN": (1, 1), "SYN_RECV": (0, 2), "SYN_SENT": (2, 2),
    "ESTABLISHED": (1, 3), "FIN_WAIT1": (0, 4), "CLOSE_WAIT": (2, 4),
    "FIN_WAIT2": (0, 5), "CLOSING": (1, 5), "LAST_ACK": (2, 5),
    "TIME_WAIT": (1, 6), "CLOSED ": (2, 6),
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
# How each arrow runs, by (from, to): the side of the box it leaves and the side of the
# box it enters, with a shift along that side (two arrows enter ESTABLISHED's top). An
# arrow leaving a side and entering a side across from it is straight; else it turns once.
# Then which of its straight stretches carries its label, and on which side of it: above
# a level stretch, left of an upright one (a box's count badge is on its right).
ROUTES: dict[tuple[str, str], tuple[str, float, str, float, int, str]] = {
    ("CLOSED", "LISTEN"): ("bottom", 0, "top", 0, 0, "left"),
    ("CLOSED", "SYN_SENT"): ("right", 0, "top", 0, 0, "above"),
    ("LISTEN", "SYN_RECV"): ("left", 0, "top", 0, 0, "above"),
    ("SYN_SENT", "ESTABLISHED"): ("left", 0, "top", 20, 0, "above"),
    ("SYN_RECV", "ESTABLISHED"): ("right", 0, "top", -20, 0, "above"),
    ("ESTABLISHED", "FIN_WAIT1"): ("left", 0, "top", 0, 0, "above"),
    ("ESTABLISHED", "CLOSE_WAIT"): ("right", 0, "top", 0, 0, "above"),
    ("FIN_WAIT1", "FIN_WAIT2"): ("bottom", 0, "top", 0, 0, "left"),
    ("FIN_WAIT1", "CLOSING"): ("right", 0, "top", 0, 0, "above"),
    ("FIN_WAIT2", "TIME_WAIT"): ("bottom", 0, "left", 0, 1, "above"),
    ("CLOSING", "TIME_WAIT"): ("bottom", 0, "top", 0, 0, "left"),
    ("CLOSE_WAIT", "LAST_ACK"): ("bottom", 0, "top", 0, 0, "left"),
    ("LAST_ACK", "CLOSED "): ("bottom", 0, "top", 0, 0, "left"),
    ("TIME_WAIT", "CLOSED "): ("right", 0, "left", 0, 0, "above"),
}
# The columns are this far apart for the longest labels (the Chinese ones of the
# handshake) to fit beside their arrows, the rows for a label between two boxes.
COLUMN_WIDTH, ROW_HEIGHT = 285.0, 76.0
BOX_WIDTH, BOX_HEIGHT = 140.0, 36.0
MARGIN = 16.0
# A label keeps this far from its own line; along it, this far from a box it leaves or
# enters (the box's ring and badge, the arrow's head), and from a turn of the arrow.
LABEL_GAP, LABEL_BOX_END, LABEL_TURN_END = 6.0, 18.0, 6.0
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


def state_outline(state: str) -> QPainterPath:
    """All a state may cover: its box, and the ring and badge of a state in use."""
    ring = IN_USE_RING
    outline = QPainterPath()
    outline.addRect(box_rect(state).adjusted(-ring, -ring, ring, ring))
    badge = QPainterPath()
    badge.addEllipse(badge_rect(state))
    return outline.united(badge)


DRAWING = QRectF(0, 0, 2 * MARGIN + BOX_WIDTH + 2 * COLUMN_WIDTH + BADGE_RADIUS,
                 2 * MARGIN + BOX_HEIGHT + 6 * ROW_HEIGHT)


def _port(state: str, side: str, shift: float) -> QPointF:
    """The middle of a side of the state's box, moved `shift` along it."""
    rect = box_rect(state)
    centre = rect.center()
    if side in ("top", "bottom"):
        return QPointF(centre.x() + shift, rect.top() if side == "top" else rect.bottom())
    return QPointF(rect.left() if side == "left" else rect.right(), centre.y() + shift)


def route(start: str, end: str) -> list[QPointF]:
    """The arrow's points, from the side of the first box to the side of the second."""
    leaves, leave_shift, enters, enter_shift, _stretch, _side = ROUTES[(start, end)]
    first, last = _port(start, leaves, leave_shift), _port(end, enters, enter_shift)
    if (leaves in ("top", "bottom")) == (enters in ("top", "bottom")):
        return [first, last]
    if leaves in ("left", "right"):  # across first, then up or down into the box
        return [first, QPointF(last.x(), first.y()), last]
    return [first, QPointF(first.x(), last.y()), last]


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
    """Where the transition's label (`text`, as shown) is written, at its text's size:
    beside its stretch of the arrow, in the middle of the room the stretch leaves clear."""
    start, end, _label = TRANSITIONS[transition]
    points = route(start, end)
    _leaves, _ls, _enters, _es, stretch, side = ROUTES[(start, end)]
    a, b = points[stretch], points[stretch + 1]
    # Along the stretch, clear of the boxes at its ends (the first and last points) and
    # of the arrow's turns (the others).
    a_end = LABEL_BOX_END if stretch == 0 else LABEL_TURN_END
    b_end = LABEL_BOX_END if stretch + 2 == len(points) else LABEL_TURN_END
    width, height = metrics.horizontalAdvance(text), metrics.height()
    if side == "above":
        left, right = (a.x() + a_end, b.x() - b_end) if a.x() < b.x() else (b.x() + b_end,
                                                                           a.x() - a_end)
        return QRectF((left + right - width) / 2, a.y() - LABEL_GAP - height, width, height)
    middle = (a.y() + b.y()) / 2
    return QRectF(a.x() - LABEL_GAP - width, middle - height / 2, width, height)
