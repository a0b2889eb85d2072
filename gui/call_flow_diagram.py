"""The notes' client/server diagram of socket calls, drawn live: each worker is a marker
on the step it is in now, in its connection's colour and shape; a hollow marker is
blocked, and the words beside it say on what.

Drawn in its own coordinates and scaled to the widget (vector, any size). Hovering a
step shows the call's signature, parameters and return value; clicking it emits
stepClicked so the pane can show them at length.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPainterPath,
                           QPalette, QPen, QPixmap, QPolygonF)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.call_flow_tracker import CallFlowTracker, Marker
from gui.call_steps import CLIENT, SERVER, STEPS, shown_name, step_named
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.refresh_throttle import RefreshThrottle

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
MARKER_SIZE = 30.0
MARKERS_PER_ROW = 6
MARKER_IMAGES_KEPT = 512  # pictures of markers (see _draw_marker); then drawn afresh
CAPTION_WIDTH = 460.0  # a blocked call's caption reaches into the space between the sides
TEXT_SIZE, SMALL_TEXT_SIZE = 17, 13
LISTENER_COLOUR = QColor("#616161")
# Colour and shape together tell connections apart (colour alone fails for some eyes,
# and on a washed-out projector).
CONNECTION_COLOURS = tuple(QColor(c) for c in ("#1565c0", "#2e7d32", "#c62828", "#6a1b9a",
                                               "#ef6c00", "#00838f", "#ad1457", "#4e342e"))
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon")


def step_rect(side: str, step: str) -> QRectF:
    x = SERVER_X if side == SERVER else CLIENT_X
    return QRectF(x, STEP_Y[side][step], BOX_WIDTH, BOX_HEIGHT)


def marker_style(conn: int | None) -> tuple[QColor, str]:
    """The colour and shape of a connection's markers, the same on both sides."""
    if conn is None:
        return LISTENER_COLOUR, "circle"
    return CONNECTION_COLOURS[conn % len(CONNECTION_COLOURS)], SHAPES[conn % len(SHAPES)]


class CallFlowDiagram(QWidget):
    """Paints the diagram and the tracker's markers; refresh() after each batch."""

    stepClicked = Signal(str, str)  # side, step name

    def __init__(self, tracker: CallFlowTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callFlowDiagram")
        self.setAccessibleName(translate("call_flow_diagram", "Call-flow diagram"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.tracker = tracker
        self._placed: list[tuple[QRectF, Marker]] = []  # where each marker was drawn
        self.refreshes = RefreshThrottle(self, self._show_markers)
        # The diagram without its markers, drawn once and copied by each paint (one call
        # into Qt instead of hundreds, and no text laid out again); drawn again when the
        # size, the font or the colours change.
        self._still_part: QPixmap | None = None
        self._marker_images: dict[tuple, QPixmap] = {}  # see _draw_marker
        self._fonts: dict[tuple[int, bool, bool], QFont] = {}

    def sizeHint(self) -> QSize:
        return QSize(int(DRAWING.width() * 0.75), int(DRAWING.height() * 0.75))

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 200)

    def refresh(self) -> None:
        """The markers moved: shown at once, or within REFRESH_INTERVAL_MS under a flood."""
        self.refreshes.request()

    def _show_markers(self) -> None:
        self.setAccessibleDescription(self.describe())
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._still_part = None
            self._marker_images.clear()
            self._fonts.clear()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        self.refreshes.seen()

    def describe(self) -> str:
        """Where every worker is, in words: for a screen reader, and for tests."""
        parts = []
        for marker in self.tracker.markers():
            if marker.waiting:
                text = translate("call_flow_diagram", "{worker} at {step} (blocked: {waiting})")
            else:
                text = translate("call_flow_diagram", "{worker} at {step}")
            parts.append(text.format(worker=marker.worker, step=shown_name(marker.step),
                                     waiting=_waiting_text(marker)))
        return "; ".join(parts) if parts else translate("call_flow_diagram",
                                                        "No socket call is running.")

    # ---- geometry ----

    def _scale(self) -> tuple[float, QPointF]:
        scale = min(self.width() / DRAWING.width(), self.height() / DRAWING.height())
        return scale, QPointF((self.width() - DRAWING.width() * scale) / 2,
                              (self.height() - DRAWING.height() * scale) / 2)

    def _to_drawing(self, point: QPointF) -> QPointF:
        scale, offset = self._scale()
        return (point - offset) / scale if scale > 0 else QPointF(-1, -1)

    def step_at(self, point: QPointF) -> tuple[str, str] | None:
        local = self._to_drawing(point)
        for side, steps in STEP_Y.items():
            for step in steps:
                if step_rect(side, step).contains(local):
                    return side, step
        return None

    def marker_at(self, point: QPointF) -> Marker | None:
        local = self._to_drawing(point)
        for rect, marker in self._placed:
            if rect.contains(local):
                return marker
        return None

    # ---- interaction ----

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self._tip_at(QPointF(event.pos())), self)
            return True
        return super().event(event)

    def _tip_at(self, point: QPointF) -> str:
        marker = self.marker_at(point)
        if marker is not None:
            if marker.waiting:
                text = translate("call_flow_diagram", "{worker}: blocked: {waiting}")
            else:
                text = translate("call_flow_diagram", "{worker}: in {step}")
            return text.format(worker=marker.worker, step=shown_name(marker.step),
                               waiting=_waiting_text(marker))
        found = self.step_at(point)
        if found is None:
            return ""
        call = step_named(*found)
        return "\n".join(translate("call_steps", part)
                         for part in (call.signature, call.explanation) if part)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.step_at(event.position())
        if found is not None:
            self.stepClicked.emit(*found)
        super().mousePressEvent(event)

    # ---- painting ----

    def paintEvent(self, _event: object) -> None:
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        ratio = self.devicePixelRatioF()
        if self._still_part is None or self._still_part.size() != self.size() * ratio:
            self._still_part = self._draw_still_part(ink, ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._still_part)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._to_drawing_units(painter)
        self._draw_markers(painter, ink)
        painter.end()

    def _to_drawing_units(self, painter: QPainter) -> None:
        scale, offset = self._scale()
        painter.translate(offset)
        painter.scale(scale, scale)

    def _draw_still_part(self, ink: QColor, ratio: float) -> QPixmap:
        """The calls, the loops and what crosses between the sides, at this size."""
        image = QPixmap(self.size() * ratio)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._to_drawing_units(painter)
        self._draw_titles(painter, ink)
        for side in (SERVER, CLIENT):
            self._draw_chain(painter, side, ink)
        self._draw_loops(painter, ink)
        self._draw_crossings(painter, ink)
        painter.end()
        return image

    def _font(self, size: int, bold: bool = False, italic: bool = False) -> QFont:
        font = self._fonts.get((size, bold, italic))
        if font is None:
            font = self._fonts[(size, bold, italic)] = QFont(self.font())
            font.setPixelSize(size)
            font.setBold(bold)
            font.setItalic(italic)
        return font

    def _draw_titles(self, painter: QPainter, ink: QColor) -> None:
        painter.setPen(ink)
        painter.setFont(self._font(TEXT_SIZE + 2, bold=True))
        painter.drawText(QRectF(SERVER_X - 40, 0, BOX_WIDTH + 80, 24), Qt.AlignmentFlag.AlignCenter,
                         translate("call_flow_diagram", "Server"))
        painter.drawText(QRectF(CLIENT_X - 40, 0, BOX_WIDTH + 80, 24), Qt.AlignmentFlag.AlignCenter,
                         translate("call_flow_diagram", "Client"))

    def _draw_chain(self, painter: QPainter, side: str, ink: QColor) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        steps = [step.name for step in STEPS[side]]
        painter.setPen(QPen(ink, 1.4))
        for upper, lower in zip(steps, steps[1:]):
            top, bottom = step_rect(side, upper), step_rect(side, lower)
            _arrow(painter, QPointF(top.center().x(), top.bottom()),
                   QPointF(bottom.center().x(), bottom.top()), ink)
        for name in steps:
            rect = step_rect(side, name)
            path = QPainterPath()
            path.addRoundedRect(rect, 6, 6)
            painter.fillPath(path, base)
            painter.setPen(QPen(ink, 1.4))
            painter.drawPath(path)
            painter.setFont(self._font(TEXT_SIZE, italic=name == "process"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown_name(name))

    def _draw_loops(self, painter: QPainter, ink: QColor) -> None:
        """The notes' loops: the server reads and answers until the client closes, then
        accepts the next one; the client sends and reads until it is done."""
        painter.setFont(self._font(SMALL_TEXT_SIZE, italic=True))
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
            _arrow(painter, points[-1], QPointF(edge_a, b.center().y()), ink)
            middle_y = (a.center().y() + b.center().y()) / 2
            painter.save()
            painter.translate(x - 4, middle_y)
            painter.rotate(-90)
            painter.drawText(QRectF(-80, -16, 160, 14), Qt.AlignmentFlag.AlignCenter, label)
            painter.restore()

    def _draw_crossings(self, painter: QPainter, ink: QColor) -> None:
        painter.setFont(self._font(SMALL_TEXT_SIZE))
        faint = QColor(ink)
        faint.setAlphaF(0.55)
        for from_side, from_step, to_side, to_step, label in CROSSINGS:
            a, b = step_rect(from_side, from_step), step_rect(to_side, to_step)
            start = QPointF(a.left() if from_side == CLIENT else a.right(), a.center().y())
            end = QPointF(b.right() if to_side == SERVER else b.left(), b.center().y())
            painter.setPen(QPen(faint, 1.2, Qt.PenStyle.DashLine))
            _arrow(painter, start, end, faint)
            middle = (start + end) / 2
            painter.setPen(faint)
            painter.drawText(QRectF(middle.x() - 150, middle.y() - 18, 300, 16),
                             Qt.AlignmentFlag.AlignCenter, translate("call_flow_diagram", label))

    def _draw_markers(self, painter: QPainter, ink: QColor) -> None:
        self._placed = []
        by_step: dict[tuple[str, str], list[Marker]] = {}
        for marker in self.tracker.markers():
            by_step.setdefault((marker.side, marker.step), []).append(marker)
        for (side, step), markers in by_step.items():
            rect = step_rect(side, step)
            outward = 1 if side == SERVER else -1
            x0 = rect.right() + 8 if side == SERVER else rect.left() - 8 - MARKER_SIZE
            shown = markers[:MARKERS_PER_ROW]
            for index, marker in enumerate(shown):
                box = QRectF(x0 + outward * index * (MARKER_SIZE + 4),
                             rect.center().y() - MARKER_SIZE / 2, MARKER_SIZE, MARKER_SIZE)
                conn = self.tracker.connection_of(marker)
                self._draw_marker(painter, box, marker, conn)
                self._placed.append((box, marker))
            painter.setFont(self._font(SMALL_TEXT_SIZE, italic=True))
            painter.setPen(ink)
            notes = []
            if len(markers) > len(shown):
                notes.append(translate("call_flow_diagram", "+{count} more").format(
                    count=len(markers) - len(shown)))
            blocked = [m for m in markers if m.waiting]
            if len(blocked) == 1:
                notes.append(_waiting_text(blocked[0]))
            elif blocked:
                notes.append(translate("call_flow_diagram", "{count} blocked: {waiting}").format(
                    count=len(blocked), waiting=_waiting_text(blocked[0])))
            if notes:
                text_rect = QRectF(rect.left() - (0 if side == SERVER else CAPTION_WIDTH - BOX_WIDTH),
                                   rect.bottom() + 1, CAPTION_WIDTH, SMALL_TEXT_SIZE + 4)
                align = Qt.AlignmentFlag.AlignLeft if side == SERVER else Qt.AlignmentFlag.AlignRight
                painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignVCenter, " · ".join(notes))

    def _draw_marker(self, painter: QPainter, box: QRectF, marker: Marker,
                     conn: int | None) -> None:
        """From a picture of the marker drawn once: a hundred workers cost a hundred
        calls into Qt per repaint, not two thousand (each of which, under a flood, waits
        for Python's lock)."""
        label = "L" if conn is None and marker.side == SERVER else ("?" if conn is None else str(conn))
        pixels = max(1, round(MARKER_SIZE * painter.transform().m11() * self.devicePixelRatioF()))
        key = (label, conn, marker.waiting != "", marker.ended, pixels)
        image = self._marker_images.get(key)
        if image is None:
            if len(self._marker_images) >= MARKER_IMAGES_KEPT:
                self._marker_images.clear()
            image = self._marker_images[key] = self._marker_image(label, marker, conn, pixels)
        painter.drawPixmap(box.topLeft(), image)

    def _marker_image(self, label: str, marker: Marker, conn: int | None,
                      pixels: int) -> QPixmap:
        image = QPixmap(pixels, pixels)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(pixels / MARKER_SIZE, pixels / MARKER_SIZE)
        self._paint_marker(painter, QRectF(0, 0, MARKER_SIZE, MARKER_SIZE), marker, conn, label)
        painter.end()
        image.setDevicePixelRatio(pixels / MARKER_SIZE)  # drawn MARKER_SIZE units wide
        return image

    def _paint_marker(self, painter: QPainter, box: QRectF, marker: Marker, conn: int | None,
                      label: str) -> None:
        colour, shape = marker_style(conn)
        if marker.ended:
            colour = QColor(colour)
            colour.setAlphaF(0.35)
        path = _shape_path(shape, box)
        # Running: filled. Blocked: hollow, so it reads as "asleep" without colour.
        painter.fillPath(path, QColor("#ffffff") if marker.waiting else colour)
        painter.setPen(QPen(colour, 3))
        painter.drawPath(path)
        painter.setFont(self._font(SMALL_TEXT_SIZE, bold=True))
        painter.setPen(colour if marker.waiting else QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


def _waiting_text(marker: Marker) -> str:
    """What a marker is blocked on, in the person's language ("" when it is not)."""
    return translate("call_flow_tracker", marker.waiting) if marker.waiting else ""


def _shape_path(shape: str, box: QRectF) -> QPainterPath:
    path = QPainterPath()
    c = box.center()
    r = box.width() / 2
    if shape == "circle":
        path.addEllipse(box)
    elif shape == "square":
        path.addRect(box.adjusted(2, 2, -2, -2))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(c.x(), box.top()), QPointF(box.right(), box.bottom()),
                                   QPointF(box.left(), box.bottom()), QPointF(c.x(), box.top())]))
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(c.x(), box.top()), QPointF(box.right(), c.y()),
                                   QPointF(c.x(), box.bottom()), QPointF(box.left(), c.y()),
                                   QPointF(c.x(), box.top())]))
    else:  # hexagon
        points = [QPointF(c.x() + r * dx, c.y() + r * dy) for dx, dy in
                  ((1, 0), (0.5, 0.87), (-0.5, 0.87), (-1, 0), (-0.5, -0.87), (0.5, -0.87), (1, 0))]
        path.addPolygon(QPolygonF(points))
    return path


def _arrow(painter: QPainter, start: QPointF, end: QPointF, colour: QColor) -> None:
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
