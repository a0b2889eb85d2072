"""The call-flow diagram's geometry, in its own units, and its still part drawn: the
two columns of calls, the loops of the notes, and what crosses between client and server.
The diagram (gui/call_flow_diagram.py) draws this once per size, and its live markers
over it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from gui.call_steps import CLIENT, SERVER, STEPS, shown_name
from gui.diagram_view import DESIGN_TEXT_UNITS
from gui.i18n import QT_TRANSLATE_NOOP, translate

# The diagram's font at a size in its units, bold, italic.
Fonts = Callable[..., QFont]

DRAWING = QRectF(0, 0, 940, 600)
BOX_WIDTH, BOX_HEIGHT = 150.0, 36.0
SERVER_X, CLIENT_X = 110.0, 690.0
STEP_Y: dict[str, dict[str, float]] = {
    SERVER: {"socket()": 30, "bind()": 90, "listen()": 150, "accept()": 230, "recv()": 310,
             "process": 380, "send()": 450, "close()": 540},
    CLIENT: {"socket()": 30, "connect()": 230, "send()": 310, "recv()": 450, "close()": 540},
}
# (from side, from step, to side, to step, label): what crosses between the two programs.
# The labels are translated where they are drawn.
CROSSINGS: tuple[tuple[str, str, str, str, str], ...] = (
    (CLIENT, "connect()", SERVER, "accept()",
     QT_TRANSLATE_NOOP("call_flow_diagram", "three-way handshake: SYN, SYN+ACK, ACK")),
    (CLIENT, "send()", SERVER, "recv()", QT_TRANSLATE_NOOP("call_flow_diagram", "request (data)")),
    (SERVER, "send()", CLIENT, "recv()", QT_TRANSLATE_NOOP("call_flow_diagram", "reply (data)")),
    (CLIENT, "close()", SERVER, "close()",
     QT_TRANSLATE_NOOP("call_flow_diagram", "FIN, ACK  (each side)")),
)
# A blocked call's caption reaches into the space between the sides, from beside its own
# step's down-line to before the other side's.
CAPTION_GAP = 5.0  # between a caption and a down-line
CAPTION_WIDTH = CLIENT_X - SERVER_X - 2 * CAPTION_GAP
# In the drawing's units: the step names at the app's text size, the rest smaller.
TEXT_SIZE, SMALL_TEXT_SIZE = int(DESIGN_TEXT_UNITS), 13
CHOSEN_RING = 5.0  # how far outside its box the chosen step's ring is drawn


def step_rect(side: str, step: str) -> QRectF:
    x = SERVER_X if side == SERVER else CLIENT_X
    return QRectF(x, STEP_Y[side][step], BOX_WIDTH, BOX_HEIGHT)


def nearest_step(side: str, y: float) -> str:
    """The step of `side` level with `y`, or the nearest to it (the first of a tie)."""
    return min(STEP_Y[side], key=lambda step: abs(STEP_Y[side][step] - y))


def draw_titles(painter: QPainter, fonts: Fonts, ink: QColor) -> None:
    """"Server" and "Client" over their columns."""
    painter.setPen(ink)
    painter.setFont(fonts(TEXT_SIZE + 2, bold=True))
    painter.drawText(QRectF(SERVER_X - 40, 0, BOX_WIDTH + 80, 24), Qt.AlignmentFlag.AlignCenter,
                     translate("call_flow_diagram", "Server"))
    painter.drawText(QRectF(CLIENT_X - 40, 0, BOX_WIDTH + 80, 24), Qt.AlignmentFlag.AlignCenter,
                     translate("call_flow_diagram", "Client"))


def draw_chain(painter: QPainter, fonts: Fonts, side: str, palette: QPalette) -> None:
    """One side's calls, in the notes' order, each a box with an arrow to the next."""
    ink = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)  # the colour made for text on Base
    steps = [step.name for step in STEPS[side]]
    painter.setPen(QPen(ink, 1.4))
    for upper, lower in zip(steps, steps[1:]):
        top, bottom = step_rect(side, upper), step_rect(side, lower)
        arrow(painter, QPointF(top.center().x(), top.bottom()),
               QPointF(bottom.center().x(), bottom.top()), ink)
    for name in steps:
        rect = step_rect(side, name)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        painter.fillPath(path, base)
        painter.setPen(QPen(ink, 1.4))
        painter.drawPath(path)
        painter.setFont(fonts(TEXT_SIZE, italic=name == "process"))
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown_name(name))


def draw_loops(painter: QPainter, fonts: Fonts, ink: QColor) -> None:
    """The notes' loops: the server reads and answers until the client closes, then
    accepts the next one; the client sends and reads until it is done."""
    painter.setFont(fonts(SMALL_TEXT_SIZE, italic=True))
    for side, start, end, x, label in (
            (SERVER, "send()", "recv()", SERVER_X - 25,
             translate("call_flow_diagram", "while the client sends")),
            (SERVER, "close()", "accept()", SERVER_X - 65,
             translate("call_flow_diagram", "next client")),
            (CLIENT, "recv()", "send()", CLIENT_X + BOX_WIDTH + 25,
             translate("call_flow_diagram", "next message"))):
        a, b = step_rect(side, start), step_rect(side, end)
        edge_a = a.left() if x < a.left() else a.right()
        points = [QPointF(edge_a, a.center().y()), QPointF(x, a.center().y()),
                  QPointF(x, b.center().y())]
        painter.setPen(QPen(ink, 1.2))
        for p, q in zip(points, points[1:]):
            painter.drawLine(p, q)
        arrow(painter, points[-1], QPointF(edge_a, b.center().y()), ink)
        middle_y = (a.center().y() + b.center().y()) / 2
        painter.save()
        painter.translate(x - 4, middle_y)
        painter.rotate(-90)
        painter.drawText(QRectF(-80, -16, 160, 14), Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()


def draw_crossings(painter: QPainter, fonts: Fonts, faint: QColor) -> None:
    """Dashed, in the grey of what the kernels do unseen (as the conversation chart's
    inferred arrows), still readable as text."""
    painter.setFont(fonts(SMALL_TEXT_SIZE))
    for from_side, from_step, to_side, to_step, label in CROSSINGS:
        a, b = step_rect(from_side, from_step), step_rect(to_side, to_step)
        start = QPointF(a.left() if from_side == CLIENT else a.right(), a.center().y())
        end = QPointF(b.right() if to_side == SERVER else b.left(), b.center().y())
        painter.setPen(QPen(faint, 1.2, Qt.PenStyle.DashLine))
        arrow(painter, start, end, faint)
        middle = (start + end) / 2
        painter.setPen(faint)
        painter.drawText(QRectF(middle.x() - 150, middle.y() - 18, 300, 16),
                         Qt.AlignmentFlag.AlignCenter, translate("call_flow_diagram", label))


def arrow(painter: QPainter, start: QPointF, end: QPointF, colour: QColor) -> None:
    painter.drawLine(start, end)
    direction = end - start
    length = (direction.x() ** 2 + direction.y() ** 2) ** 0.5
    if length == 0:
        return
    unit = direction / length
    normal = QPointF(-unit.y(), unit.x())
    back = end - unit * 9
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([end, back + normal * 4.5, back - normal * 4.5]))
    painter.restore()
