"""The call-flow diagram's markers: one per worker, in its connection's colour and shape,
filled while it runs and hollow while it is blocked; drawn from pictures made once.

A connection's colour fills a running marker, its number written in the palette's Base
colour on it; a blocked one is filled with Base and outlined and numbered in the colour.
The colours come in a pair for a light and a dark palette (gui/colours.py), each reading
against Base as text does.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPixmap, QPolygonF

from gui.call_flow_tracker import Marker
from gui.call_steps import SERVER
from gui.colours import CONNECTION_MARKERS, LISTENER_MARKER, colour_on
from gui.i18n import translate

MARKER_SIZE = 30.0  # in the diagram's units: it grows with the text and the zoom
MARKER_IMAGES_KEPT = 512  # pictures of markers (see MarkerPictures.draw); then drawn afresh
ENDED_ALPHA = 0.35  # a client whose connection ended: faded until it reconnects
# Colour and shape together tell connections apart (colour alone fails for some eyes,
# and on a washed-out projector).
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon")


def marker_style(conn: int | None, palette: QPalette) -> tuple[QColor, str]:
    """The colour and shape of a connection's markers, the same on both sides."""
    if conn is None:
        return colour_on(LISTENER_MARKER, palette), "circle"
    return (colour_on(CONNECTION_MARKERS[conn % len(CONNECTION_MARKERS)], palette),
            SHAPES[conn % len(SHAPES)])


def marker_label(marker: Marker, conn: int | None) -> str:
    """L for the listener, the connection's number, or ? while it is not known."""
    if conn is None:
        return "L" if marker.side == SERVER else "?"
    return str(conn)


class MarkerPictures:
    """Draws markers from a picture of each kind drawn once: a hundred workers cost a
    hundred calls into Qt per repaint, not two thousand (each of which, under a flood,
    waits for Python's lock)."""

    def __init__(self) -> None:
        self._images: dict[tuple, QPixmap] = {}

    def clear(self) -> None:
        """The font or the colours changed: each picture is drawn again when needed."""
        self._images.clear()

    def draw(self, painter: QPainter, box: QRectF, marker: Marker, conn: int | None,
             palette: QPalette, font: QFont, device_ratio: float) -> None:
        label = marker_label(marker, conn)
        pixels = max(1, round(MARKER_SIZE * painter.transform().m11() * device_ratio))
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        key = (label, conn, marker.waiting != "", marker.ended, pixels, dark)
        image = self._images.get(key)
        if image is None:
            if len(self._images) >= MARKER_IMAGES_KEPT:
                self._images.clear()
            image = self._images[key] = _marker_image(label, marker, conn, pixels, palette,
                                                      font)
        painter.drawPixmap(box.topLeft(), image)


def _marker_image(label: str, marker: Marker, conn: int | None, pixels: int,
                  palette: QPalette, font: QFont) -> QPixmap:
    image = QPixmap(pixels, pixels)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(pixels / MARKER_SIZE, pixels / MARKER_SIZE)
    _paint_marker(painter, QRectF(0, 0, MARKER_SIZE, MARKER_SIZE), marker, conn, label,
                  palette, font)
    painter.end()
    image.setDevicePixelRatio(pixels / MARKER_SIZE)  # drawn MARKER_SIZE units wide
    return image


def _paint_marker(painter: QPainter, box: QRectF, marker: Marker, conn: int | None, label: str,
                  palette: QPalette, font: QFont) -> None:
    style_colour, shape = marker_style(conn, palette)
    # A copy: the style's colour is the app's own, shared by every marker of every window,
    # and faded in place it faded every later marker in its connection's colour.
    colour = QColor(style_colour)
    base = QColor(palette.color(QPalette.ColorRole.Base))
    if marker.ended:
        for faded in (colour, base):
            faded.setAlphaF(ENDED_ALPHA)
    path = _shape_path(shape, box.adjusted(1.5, 1.5, -1.5, -1.5))  # its outline inside the box
    # Running: filled. Blocked: hollow, so it reads as "asleep" without colour.
    painter.fillPath(path, base if marker.waiting else colour)
    painter.setPen(QPen(colour, 3))
    painter.drawPath(path)
    painter.setFont(font)
    painter.setPen(colour if marker.waiting else base)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


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


MARKERS_PER_ROW = 6  # beside a step; the others are counted in its caption


def caption_notes(markers: list[Marker]) -> list[str]:
    """What is written under a step: how many markers did not fit, and what they wait on."""
    notes = []
    if len(markers) > MARKERS_PER_ROW:
        notes.append(translate("call_flow_diagram", "+{count} more").format(
            count=len(markers) - MARKERS_PER_ROW))
    blocked = [m for m in markers if m.waiting]
    if len(blocked) == 1:
        notes.append(waiting_text(blocked[0]))
    elif blocked:
        notes.append(translate("call_flow_diagram", "{count} blocked: {waiting}").format(
            count=len(blocked), waiting=waiting_text(blocked[0])))
    return notes


def waiting_text(marker: Marker) -> str:
    """What a marker is blocked on, in the person's language ("" when it is not)."""
    return translate("call_flow_tracker", marker.waiting) if marker.waiting else ""
