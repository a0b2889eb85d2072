"""Looking at the diagrams' pixels: what the screen shows, the colours in a part of a
picture, and where a box's edges are (tests/gui/test_diagram_*.py)."""

from __future__ import annotations

import math
from collections import Counter

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QWidget

from gui.call_flow_diagram import CallFlowDiagram
from gui.call_flow_pane import CallFlowPane
from gui.diagram_view import ZoomableDiagram
from netcore.events import Event, EventKind, make_event
from tests.gui.test_colours import contrast

EDGE_CONTRAST = 2.0  # a border against the box's fill


def screen_picture(widget: QWidget) -> QImage:
    """What the screen shows of `widget`'s window (the offscreen platform keeps it), in
    the window's pixels: what was painted, caches and all, not a fresh rendering."""
    window = widget.window()
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(window.winId()).toImage()


def screen_point(diagram: ZoomableDiagram, point: QPointF) -> QPoint:
    """Where a point of the drawing (in its units) is in screen_picture()'s picture."""
    scale, offset = diagram._scale()
    return diagram.mapTo(diagram.window(), (offset + point * scale).toPoint())


def picture_point(diagram: ZoomableDiagram, point: QPointF) -> QPoint:
    """Where a point of the drawing (in its units) is in diagram.grab()."""
    scale, offset = diagram._scale()
    return (offset + point * scale).toPoint()


def picture_rect(diagram: ZoomableDiagram, rect: QRectF) -> QRect:
    """The whole pixels of diagram.grab() inside a rectangle of the drawing."""
    scale, offset = diagram._scale()
    top_left, bottom_right = offset + rect.topLeft() * scale, offset + rect.bottomRight() * scale
    left, top = math.ceil(top_left.x()), math.ceil(top_left.y())
    return QRect(left, top, math.floor(bottom_right.x()) - left, math.floor(bottom_right.y()) - top)


def colours_in(image: QImage, rect: QRect) -> Counter[str]:
    rect = rect.intersected(image.rect())
    return Counter(image.pixelColor(x, y).name() for x in range(rect.left(), rect.right() + 1)
                   for y in range(rect.top(), rect.bottom() + 1))


def text_contrast(image: QImage, rect: QRect) -> float:
    """The contrast of the text in `rect` against its background: the most common colour
    there is the background, the pixel farthest from it is the core of a glyph."""
    found = colours_in(image, rect)
    assert len(found) > 1, "something is written there"
    background = QColor(found.most_common(1)[0][0])
    return max(contrast(QColor(name), background) for name in found)


def text_extent(image: QImage, rect: QRect, background: QColor) -> QRect:
    """The smallest rectangle holding every pixel of `rect` unlike its background."""
    xs, ys = [], []
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            if contrast(image.pixelColor(x, y), background) >= EDGE_CONTRAST:
                xs.append(x)
                ys.append(y)
    assert xs, "something is written there"
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))


def box_width(image: QImage, inside: QPoint) -> int:
    """The width in pixels of the box `inside` is in: from there out to its borders."""
    fill = image.pixelColor(inside)
    left = right = inside.x()
    while left > 0 and contrast(image.pixelColor(left - 1, inside.y()), fill) < EDGE_CONTRAST:
        left -= 1
    while (right < image.width() - 1
           and contrast(image.pixelColor(right + 1, inside.y()), fill) < EDGE_CONTRAST):
        right += 1
    return right - left + 1


def feed_workers(pane: CallFlowPane) -> None:
    """As a thread-per-client server reports them: its accept loop in accept() (running,
    so filled), connection 1's thread blocked in recv() (hollow), connection 2's in its
    processing (filled); and client 1 blocked in recv()."""
    def event(kind: EventKind, conn: int | None, worker: str, peer: str = "") -> Event:
        return make_event(kind, conn, worker, peer=peer)
    pane.take_server_events([
        event(EventKind.SOCKET_CREATED, None, "accept loop"),
        event(EventKind.LISTENING, None, "accept loop"),
        event(EventKind.ACCEPTED, 1, "accept loop", "127.0.0.1:50001"),
        event(EventKind.WORKER_STARTED, 1, "thread conn-1"),
        event(EventKind.RECV_WAITING, 1, "thread conn-1"),
        event(EventKind.ACCEPTED, 2, "accept loop", "127.0.0.1:50002"),
        event(EventKind.WORKER_STARTED, 2, "thread conn-2"),
        event(EventKind.RECEIVED, 2, "thread conn-2")])
    pane.take_client_events("Client 1", 50001, [
        event(EventKind.SOCKET_CREATED, None, "Client 1"),
        event(EventKind.CONNECTED, None, "Client 1"),
        event(EventKind.RECV_WAITING, None, "Client 1")])


def marker_box(diagram: CallFlowDiagram, worker: str) -> QRectF:
    """Where the worker's marker was drawn last, in the drawing's units."""
    boxes = [rect for rect, marker in diagram._placed if marker.worker == worker]
    assert boxes, f"{worker}'s marker is drawn"
    return boxes[0]
