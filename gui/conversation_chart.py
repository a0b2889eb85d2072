"""The conversation chart: a lane for each client and each server worker, time going
down, an arrow for each segment of data and for the kernels' handshakes and teardowns.

A QGraphicsView: vector, zoomable (Ctrl+wheel, or zoom_by()), scrolls live to the newest
arrow unless the person scrolled up to read. Lane titles stay at the top of the view.
Clicking an arrow, or its label, emits arrowClicked with it, for its bytes to be shown.
Each label is placed along its own arrow, clear of the others (gui/conversation_labels.py).
"""

from __future__ import annotations

from PySide6.QtCore import (QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal,
                            Slot)
from PySide6.QtGui import (QBrush, QColor, QFont, QHelpEvent, QMouseEvent, QPainter,
                           QPainterPath, QPalette, QPen, QPolygonF, QTransform, QWheelEvent)
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsView,
                               QToolTip, QWidget)

from gui.colours import ERROR, RECEIVED, SENT, WAITING, TextColour, colour
from gui.conversation import CLIENT, RESET, Arrow, Conversation
from gui.conversation_labels import ArrowLabel, LabelPlaces, place_label
from gui.i18n import translate
from gui.chart_texts import arrow_label, arrow_tooltip, cleared_note, title_tooltip
from gui.lane_titles import LaneTitles
from gui.plain_tooltip import plain_tooltip
from gui.refresh_throttle import RefreshThrottle, on_screen
from gui.text_size import text_scale

LANE_WIDTH = 190.0
ROW_HEIGHT = 24.0
TOP = 44.0  # room for the lane titles
CLICK_SLACK = 6  # pixels: a click this near an arrow is a click on it
TEXT_SIZE = 12
# As the log colours its lines, readable on a light and a dark palette (gui/colours.py).
COLOURS: dict[str, TextColour] = {"up": SENT, "down": RECEIVED, RESET: ERROR, "inferred": WAITING}
ARROW_KEY = 0  # the item data slot holding an arrow's number
MAX_OPEN_MOVED = 200  # unread arrows moved on per refresh
# Drawn in full (shown again after a flood: 2,000 arrows), the chart kept the window busy
# for half a second. It draws this many per turn of the event loop, those in view first
# (labels give way to those drawn before them), and the window answers in between.
ARROWS_PER_TURN = 100
LABEL_Z = 1  # over every line: a label's patch hides the lines that must cross it


class ConversationChart(QGraphicsView):
    """Draws a Conversation; refresh() after each batch adds and completes arrows."""

    arrowClicked = Signal(object)  # the Arrow

    def __init__(self, conversation: Conversation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationChart")
        self.setAccessibleName(translate("conversation_chart", "Conversation chart"))
        self.conversation = conversation
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._items: dict[int, list[QGraphicsItem]] = {}
        self._open: set[int] = set()  # arrows still in flight: they grow with the rows
        self._lanes_drawn = 0
        self._lane_lines: list[QGraphicsPathItem] = []
        self._x: dict[int, float] = {}  # each lane's x, worked out when lanes change
        self._places = LabelPlaces()
        self._titles = LaneTitles(LANE_WIDTH, TOP)
        self._follow = True
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.refreshes = RefreshThrottle(self, self.refresh)
        self._undrawn: list[int] = []  # numbers of arrows a full redraw has still to draw
        self._backfill = QTimer(self)
        self._backfill.setSingleShot(True)
        self._backfill.setInterval(0)
        self._backfill.timeout.connect(self._draw_more)
        self._zoom = 1.0  # the person's (Zoom in, Ctrl + wheel)
        self._apply_scale()

    # ---- geometry ----

    def lane_x(self, lane_index: int) -> float:
        return self._x[lane_index]

    def _place_lanes(self) -> None:
        """Clients on the left, server workers on the right, each in order of arrival."""
        ordered = sorted(self.conversation.lanes, key=lambda lane: (lane.side != CLIENT, lane.index))
        self._x = {lane.index: LANE_WIDTH * (position + 0.5)
                   for position, lane in enumerate(ordered)}

    @staticmethod
    def row_y(row: int) -> float:
        return TOP + row * ROW_HEIGHT

    # ---- drawing ----

    def request_refresh(self) -> None:
        """The conversation changed: drawn at once, within REFRESH_INTERVAL_MS under a
        stream of changes, or in full once it is seen again."""
        if not on_screen(self):
            self._lanes_drawn = -1  # drawn in full when seen: nobody watches it now
            self.conversation.take_changes()  # (and what changed meanwhile need not be kept)
        self.refreshes.request()

    def refresh(self) -> None:
        """Draw what changed since the last refresh (everything, after a redraw())."""
        conversation = self.conversation
        if len(conversation.lanes) != self._lanes_drawn:
            self._redraw_all()  # a new lane moves the server lanes right
            conversation.take_changes()
            self.viewport().update()  # the titles are no scene item: the new one with them
        else:
            # Arrows still in flight grow with the rows: the newest of them are moved on,
            # a bounded number per refresh (an old unread one may lag behind a little).
            growing = sorted(self._open)[-MAX_OPEN_MOVED:]
            changed = conversation.take_changes().union(growing)
            by_number = {arrow.number: arrow for arrow in conversation.arrows}
            for number in changed:
                arrow = by_number.get(number)  # None: dropped already (see MAX_ARROWS)
                if arrow is not None:
                    self._draw_arrow(arrow)
            self._forget_dropped()
            self._extend_lanes()
        if self._follow:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _forget_dropped(self) -> None:
        """Remove the items of arrows the conversation no longer keeps (bounded memory)."""
        arrows = self.conversation.arrows
        oldest = arrows[0].number if arrows else float("inf")
        for number in [n for n in self._items if n < oldest]:
            for item in self._items.pop(number):
                self.scene().removeItem(item)
            self._open.discard(number)
            self._places.forget(number)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        self.seen()

    @Slot(bool)
    def seen(self, visible: bool = True) -> None:
        """Shown, or hidden (`visible` False). Its dock's tab chosen gives no show event:
        the dock tells this. A full redraw left halfway, when another tab was chosen,
        goes on."""
        self.refreshes.seen(visible)
        if visible and self._undrawn:
            self._backfill.start()

    def finish_drawing(self) -> None:
        """Draw now what a full redraw has still to draw (for a picture or a test)."""
        while self._undrawn:
            self._draw_some()

    def redraw(self) -> None:
        """Draw everything again (after the conversation was cleared)."""
        self._lanes_drawn = -1
        self.refresh()

    def _find(self, number: int) -> Arrow | None:
        return next((a for a in self.conversation.arrows if a.number == number), None)

    def _redraw_all(self) -> None:
        scene = self.scene()
        scene.clear()
        self._items.clear()
        self._open.clear()
        self._places.clear()
        self._lane_lines = []
        self._lanes_drawn = len(self.conversation.lanes)
        self._place_lanes()
        for lane in self.conversation.lanes:
            line = scene.addPath(QPainterPath(), QPen(self._ink(0.35), 1.2))
            line.setData(1, lane.index)
            self._lane_lines.append(line)
        self._extend_lanes()
        if self._follow:  # at the newest rows, to draw them first
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        self._undrawn = self._drawing_order()
        self._draw_some()

    def _drawing_order(self) -> list[int]:
        """The arrows' numbers for a full redraw, popped from the end: those in view
        first, then the others, each oldest first (a label gives way to those drawn
        before it). Oldest first throughout, the view (at the newest rows) stayed blank
        until the last of them."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        first_row = (seen.top() - TOP) / ROW_HEIGHT - 1
        last_row = (seen.bottom() - TOP) / ROW_HEIGHT + 1
        rows = self.conversation.rows
        in_view: list[int] = []
        out_of_view: list[int] = []
        for arrow in self.conversation.arrows:
            end = arrow.to_row if arrow.to_row is not None else rows  # in flight: growing
            shown = arrow.from_row <= last_row and end >= first_row
            (in_view if shown else out_of_view).append(arrow.number)
        return (in_view + out_of_view)[::-1]

    @Slot()
    def _draw_more(self) -> None:
        if on_screen(self):  # else the rest when it is seen again (seen())
            self._draw_some()

    def _draw_some(self) -> None:
        """The next ARROWS_PER_TURN arrows of a full redraw; the rest at the next turn."""
        by_number = {arrow.number: arrow for arrow in self.conversation.arrows}
        drawn = 0
        while self._undrawn and drawn < ARROWS_PER_TURN:
            number = self._undrawn.pop()
            arrow = by_number.get(number)  # None: dropped meanwhile (see MAX_ARROWS)
            if arrow is not None and number not in self._items:  # a refresh drew it first
                self._draw_arrow(arrow)
                drawn += 1
        if self._undrawn:
            self._backfill.start()

    def _extend_lanes(self) -> None:
        bottom = self.row_y(self.conversation.rows + 2)
        for line in self._lane_lines:
            x = self.lane_x(int(line.data(1)))
            path = QPainterPath(QPointF(x, TOP))
            path.lineTo(x, bottom)
            line.setPath(path)
        width = LANE_WIDTH * max(1, len(self.conversation.lanes))
        self.scene().setSceneRect(QRectF(0, 0, width, bottom + ROW_HEIGHT))

    def _ink(self, alpha: float = 1.0) -> QColor:
        colour = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        colour.setAlphaF(alpha)
        return colour

    def _draw_arrow(self, arrow: Arrow) -> None:
        """Draw an arrow, or move the one drawn already (cheaper than making it again)."""
        start = QPointF(self.lane_x(arrow.from_lane), self.row_y(arrow.from_row))
        in_flight = arrow.to_row is None
        end_row = self.conversation.rows + 1 if in_flight else arrow.to_row
        if arrow.to_lane is not None:
            end = QPointF(self.lane_x(arrow.to_lane), self.row_y(end_row))
        else:  # not known until it is read: a stub toward the server's side
            end = QPointF(start.x() + LANE_WIDTH * 0.45, self.row_y(end_row))
        colour = self._colour(arrow)
        style = Qt.PenStyle.DashLine if arrow.inferred or in_flight else Qt.PenStyle.SolidLine
        path = QPainterPath(start)
        path.lineTo(end)
        items = self._items.get(arrow.number)
        if items is None:
            line = self.scene().addPath(path)
            head = self.scene().addPolygon(_head(start, end))
            label = ArrowLabel()
            font = QFont(self.font())
            font.setPixelSize(TEXT_SIZE)
            label.setFont(font)
            label.setZValue(LABEL_Z)
            self.scene().addItem(label)
            items = self._items[arrow.number] = [line, head, label]
            for item in items:
                item.setData(ARROW_KEY, arrow.number)
        line, head, label = items
        line.setPath(path)
        line.setPen(QPen(colour, 1.6, style))
        head.setPolygon(_head(start, end))
        head.setPen(QPen(colour))
        head.setBrush(QBrush(colour))
        label.setBrush(colour)
        place_label(self._places, label, arrow.number, arrow_label(arrow, in_flight), start,
                    end, in_flight, lambda number: self._items[number][2])
        tooltip = arrow_tooltip(arrow, in_flight)  # (the app's words and a size: no bytes)
        for item in items:
            item.setToolTip(tooltip)
        if in_flight:
            self._open.add(arrow.number)
        else:
            self._open.discard(arrow.number)

    def _colour(self, arrow: Arrow) -> QColor:
        if arrow.kind == RESET:
            return colour(COLOURS[RESET])
        if arrow.inferred:
            return colour(COLOURS["inferred"])
        from_client = self.conversation.lanes[arrow.from_lane].side == CLIENT
        return colour(COLOURS["up" if from_client else "down"])

    # ---- interaction ----

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - 4

    def zoom_by(self, factor: float) -> None:
        self._zoom *= factor
        self._apply_scale()

    def _apply_scale(self) -> None:
        """The person's zoom times the app's text size: View > Larger text enlarges the
        chart as a whole, text, rows and lanes together, so nothing crowds."""
        scale = self._zoom * text_scale()
        self.setTransform(QTransform.fromScale(scale, scale))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._apply_scale()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            return
        super().wheelEvent(event)

    def arrow_at(self, point: QPointF) -> Arrow | None:
        """The arrow at `point` (the view's coordinates), or within a few pixels of it: a
        line a pixel or two wide is hard to hit exactly."""
        centre = point.toPoint()
        # Never more than half a row: zoomed out, the next arrow may be that close.
        slack = max(1, min(CLICK_SLACK, int(ROW_HEIGHT * self.transform().m22() / 2)))
        near = QRect(centre - QPoint(slack, slack), QSize(2 * slack + 1, 2 * slack + 1))
        # On a label, its arrow (the patch hides any line under it). Only near one, a line
        # first: a label beside a line may be another arrow's, slid along its own.
        beside = sorted(self.items(near), key=lambda item: isinstance(item, ArrowLabel))
        for item in self.items(centre) + beside:
            number = item.data(ARROW_KEY)
            if number is not None:
                return self._find(int(number))
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        arrow = self.arrow_at(event.position())
        if arrow is not None:
            self.arrowClicked.emit(arrow)
        super().mousePressEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # A scroll moves the pixels already drawn, the pinned titles with them: without
        # a full repaint, each step left a copy of the title row behind.
        super().scrollContentsBy(dx, dy)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """Lane titles, pinned to the top of the view however far it is scrolled."""
        font = QFont(self.font())
        font.setPixelSize(TEXT_SIZE + 1)
        font.setBold(True)
        painter.setFont(font)
        top = self.mapToScene(0, 0).y()
        self._titles.draw(painter, self.conversation.lanes, self._x, top, rect.left(),
                          rect.width(), self._ink(), self.palette().color(QPalette.ColorRole.Window))
        note = self.note()
        if note:
            seen = self.mapToScene(self.viewport().rect()).boundingRect()
            painter.setFont(QFont(self.font()))
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(seen.left() + 16, top + TOP, seen.width() - 32, 3 * TOP),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, note)

    def note(self) -> str:
        """What the chart writes under its titles: cleared while clients talk, it stayed
        empty with nothing said why."""
        if not self.conversation.arrows and self.conversation.left_out():
            return cleared_note()
        return ""

    def viewportEvent(self, event: QEvent) -> bool:
        # A title cut short tells itself in full (and any title, over the arrows under it).
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            at = self.mapToScene(event.pos())
            lane = self._titles.lane_at(self.conversation.lanes, self._x, at.x(),
                                        at.y() - self.mapToScene(0, 0).y())
            if lane is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(title_tooltip(lane)),
                                  self.viewport())
                return True
        return super().viewportEvent(event)

def _head(start: QPointF, end: QPointF) -> QPolygonF:
    direction = end - start
    length = max(1e-6, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
    unit = direction / length
    normal = QPointF(-unit.y(), unit.x())
    back = end - unit * 10
    return QPolygonF([end, back + normal * 4.5, back - normal * 4.5])
