"""Zoom, scroll bars and keyboard focus for the app's QPainter diagrams (the call flow, the
TCP state machine), as the conversation chart has them: Ctrl + mouse wheel and the pane's
Zoom buttons zoom, and so do Ctrl++, Ctrl+- and Ctrl+0 while the diagram has the focus;
Fit to pane (F while the diagram has the focus) shows the whole picture, as large as the
pane allows.

A diagram is drawn in its own units, its text DESIGN_TEXT_UNITS units high. One unit is
shown as (the app's text size in pixels / DESIGN_TEXT_UNITS) x zoom pixels: View > Larger
text grows the whole picture, each box with its text, and zoom grows it further; it is
drawn as vectors at every size. A DiagramView (a scroll area) gives it scroll bars when
it is larger than the pane, and centres it when smaller.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPalette, QPen, QWheelEvent
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QWidget

from gui.i18n import translate

DESIGN_TEXT_UNITS = 17.0  # the diagrams were drawn with their main text this many units high
ZOOM_STEP = 1.25  # a Zoom button, or Ctrl++ / Ctrl+-
WHEEL_ZOOM_STEP = 1.15  # a notch of Ctrl + mouse wheel, as in the conversation chart
SMALLEST_ZOOM, LARGEST_ZOOM = 0.25, 6.0
FOCUS_FRAME_WIDTH = 2
ZOOM_IN, ZOOM_OUT, ZOOM_RESET, ZOOM_FIT = "in", "out", "reset", "fit"


def zoom_asked(event: QKeyEvent) -> str:
    """The zoom a key press asks for (ZOOM_IN, ZOOM_OUT, ZOOM_RESET, ZOOM_FIT), or "" for
    another key. Ctrl+= counts as Ctrl++: on many keyboards + is the shifted =. F alone
    fits, as in GNOME's image and document viewers."""
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if (event.key() == Qt.Key.Key_F
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
        return ZOOM_FIT
    if (event.matches(QKeySequence.StandardKey.ZoomIn)
            or (control and event.key() == Qt.Key.Key_Equal)):
        return ZOOM_IN
    if event.matches(QKeySequence.StandardKey.ZoomOut):
        return ZOOM_OUT
    if control and event.key() == Qt.Key.Key_0:
        return ZOOM_RESET
    return ""


class ZoomableDiagram(QWidget):
    """A diagram drawn in units within `drawing`: its scale, its size in pixels, and the
    focus frame it draws while it has the keyboard focus."""

    sizeChanged = Signal()  # its size in pixels: after a change of text size or zoom

    def __init__(self, drawing: QRectF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing = drawing
        self.zoom = 1.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab and a click give it the focus
        # Its own background (the palette's Window), so its colours are chosen against a
        # known one.
        self.setAutoFillBackground(True)

    def text_pixels(self) -> float:
        """The app's text size in pixels (View > Larger text changes it)."""
        font = self.font()
        if font.pixelSize() > 0:
            return float(font.pixelSize())
        return font.pointSizeF() * self.logicalDpiY() / 72

    def scale(self) -> float:
        """Pixels per unit of the drawing."""
        return self.zoom * self.text_pixels() / DESIGN_TEXT_UNITS

    def drawn_size(self) -> QSize:
        """How large the picture is, in pixels, at this text size and zoom."""
        scale = self.scale()
        return QSize(math.ceil(self.drawing.width() * scale),
                     math.ceil(self.drawing.height() * scale))

    def _scale(self) -> tuple[float, QPointF]:
        """The scale, and where the drawing's top left is in the widget (centred in it)."""
        scale = self.scale()
        # At a whole pixel: the same picture, as crisp, whichever way the width rounds.
        offset = QPointF(max(0, round((self.width() - self.drawing.width() * scale) / 2)),
                         max(0, round((self.height() - self.drawing.height() * scale) / 2)))
        return scale, offset - self.drawing.topLeft() * scale

    def to_drawing(self, point: QPointF) -> QPointF:
        scale, offset = self._scale()
        return (point - offset) / scale

    def to_widget(self, rect: QRectF) -> QRect:
        scale, offset = self._scale()
        return QRectF(offset + rect.topLeft() * scale, rect.size() * scale).toAlignedRect()

    def fit_zoom(self, room: QSize) -> float:
        """The zoom at which the whole drawing fits in `room` pixels."""
        base = self.text_pixels() / DESIGN_TEXT_UNITS
        # A hair under: the drawn size is rounded up to whole pixels.
        return min((room.width() - 0.5) / (self.drawing.width() * base),
                   (room.height() - 0.5) / (self.drawing.height() * base))

    def set_zoom(self, zoom: float) -> None:
        zoom = min(LARGEST_ZOOM, max(SMALLEST_ZOOM, zoom))
        if zoom != self.zoom:
            self.zoom = zoom
            self.sizeChanged.emit()
            self.update()

    def sizeHint(self) -> QSize:
        return self.drawn_size()

    def changeEvent(self, event: QEvent) -> None:
        # A style sheet's font (View > Larger text) comes as a style change.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.sizeChanged.emit()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.PaletteChange, QEvent.Type.LanguageChange):
            self.update()
        super().changeEvent(event)

    def focusInEvent(self, event: object) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)
        self.update()

    def draw_focus_frame(self, painter: QPainter, painted: QRect) -> None:
        """While it has the focus: a frame around the part of it that can be seen (not in
        a picture of the whole of it, `painted` beyond what is seen)."""
        seen = self.visibleRegion().boundingRect()
        if not self.hasFocus() or seen.isEmpty() or not seen.contains(painted):
            return
        painter.save()
        painter.resetTransform()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_FRAME_WIDTH))
        half = FOCUS_FRAME_WIDTH // 2
        painter.drawRect(seen.adjusted(half, half, -half - 1, -half - 1))
        painter.restore()


class DiagramView(QScrollArea):
    """Shows a ZoomableDiagram at its size, with scroll bars when it is larger than the
    view; zooms it about the mouse (Ctrl + wheel) or about the middle of the view."""

    def __init__(self, diagram: ZoomableDiagram,
                 buttons: tuple[QPushButton, QPushButton, QPushButton],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagram = diagram
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized by _fit: never smaller than the view
        self.setWidget(diagram)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the diagram takes the focus
        self.fitting = False  # Fit to pane asked for, and no zoom since
        diagram.sizeChanged.connect(self._fit)
        diagram.installEventFilter(self)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self._scrolled)
        zoom_in, zoom_out, fit = buttons
        zoom_in.clicked.connect(self.zoom_in)
        zoom_out.clicked.connect(self.zoom_out)
        fit.clicked.connect(self.zoom_to_fit)

    def sizeHint(self) -> QSize:
        return self.diagram.drawn_size().boundedTo(QSize(900, 600))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    # ---- zoom ----

    @Slot()
    def zoom_in(self) -> None:
        self.zoom_to(self.diagram.zoom * ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self.zoom_to(self.diagram.zoom / ZOOM_STEP)

    @Slot()
    def zoom_reset(self) -> None:
        self.zoom_to(1.0)

    @Slot()
    def zoom_to_fit(self) -> None:
        """The whole diagram in view, as large as the view allows (within the zoom's
        range: a pane too small for the smallest zoom scrolls); and so again each time
        the pane is resized (a dock floated and enlarged), until it is zoomed."""
        self.fitting = True
        self._zoom(self.diagram.fit_zoom(self.maximumViewportSize()))

    @Slot()
    def show_whole(self) -> None:
        """Fit to pane if part of the picture is out of view; a picture seen whole keeps
        its size."""
        drawn, room = self.diagram.drawn_size(), self.maximumViewportSize()
        if drawn.width() > room.width() or drawn.height() > room.height():
            self.zoom_to_fit()

    def zoom_to(self, zoom: float, anchor: QPoint | None = None) -> None:
        """Zoom, keeping the spot under `anchor` (a point of the diagram widget; the middle
        of the view when None) where it is in the view."""
        self.fitting = False
        self._zoom(zoom, anchor)

    def _zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        diagram = self.diagram
        if anchor is None:
            anchor = diagram.mapFrom(self.viewport(), self.viewport().rect().center())
        in_view = diagram.mapTo(self.viewport(), anchor)
        spot = diagram.to_drawing(QPointF(anchor))
        diagram.set_zoom(zoom)
        self._fit()
        scale, offset = diagram._scale()
        now = offset + spot * scale
        self.horizontalScrollBar().setValue(round(now.x() - in_view.x()))
        self.verticalScrollBar().setValue(round(now.y() - in_view.y()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.diagram:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
                # A notch is 120; a touchpad sends a little at a time.
                step = WHEEL_ZOOM_STEP ** (event.angleDelta().y() / 120)
                self.zoom_to(self.diagram.zoom * step, event.position().toPoint())
                return True
            return False  # the view scrolls
        if isinstance(event, QKeyEvent) and zoom_asked(event):
            if event.type() == QEvent.Type.ShortcutOverride:
                # The keys are View > Larger text's too: while the diagram has the focus,
                # they are its own.
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                asked = zoom_asked(event)
                if asked == ZOOM_IN:
                    self.zoom_in()
                elif asked == ZOOM_OUT:
                    self.zoom_out()
                elif asked == ZOOM_FIT:
                    self.zoom_to_fit()
                else:
                    self.zoom_reset()
                return True
        # QScrollArea's own: it sets the scroll bars' ranges when the diagram is resized
        # (by a zoom); without it they kept the range of the size before.
        return super().eventFilter(watched, event)

    # ---- size and scrolling ----

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # (the viewport's size: QAbstractScrollArea)
        if self.fitting:
            self._zoom(self.diagram.fit_zoom(self.maximumViewportSize()))
        self._fit()

    @Slot()
    def _fit(self) -> None:
        """The diagram at its drawn size, or the view's where that is larger."""
        wanted = self.diagram.drawn_size()
        room = self.maximumViewportSize()  # without scroll bars
        bar_width = self.verticalScrollBar().sizeHint().width()
        bar_height = self.horizontalScrollBar().sizeHint().height()
        wide = wanted.width() > room.width()
        tall = wanted.height() > room.height()
        # A scroll bar takes room from the other direction, which may need one too.
        tall = tall or (wide and wanted.height() > room.height() - bar_height)
        wide = wide or (tall and wanted.width() > room.width() - bar_width)
        seen = QSize(room.width() - (bar_width if tall else 0),
                     room.height() - (bar_height if wide else 0))
        size = wanted.expandedTo(seen)
        if self.diagram.size() != size:
            self.diagram.resize(size)

    def show_area(self, area: QRect) -> None:
        """Scroll so that `area` of the diagram (in its pixels) is in view."""
        centre = area.center()
        self.ensureVisible(centre.x(), centre.y(), area.width() // 2 + 8, area.height() // 2 + 8)

    @Slot()
    def _scrolled(self) -> None:
        if self.diagram.hasFocus():
            self.diagram.update()  # its focus frame is drawn around the part in view


def zoom_buttons(parent: QWidget, name: str) -> tuple[QPushButton, QPushButton, QPushButton]:
    """A pane's Zoom in, Zoom out and Fit to pane buttons, the first two as the
    conversation pane has them (their Alt letters too: the panes are tabs of one dock, one
    seen at a time); `name` begins their object names. Made before the DiagramView they
    are given to, so that Tab goes from them to its diagram (Qt's tab order is the order
    widgets are made in)."""
    zoom_in = QPushButton(translate("diagram_view", "Zoom &in"), parent)
    zoom_in.setObjectName(f"{name}ZoomIn")
    zoom_in.setToolTip(translate("diagram_view", "Larger (Ctrl + mouse wheel too, or Ctrl++ "
                                                 "while the diagram has the focus)"))
    zoom_out = QPushButton(translate("diagram_view", "Zoom o&ut"), parent)
    zoom_out.setObjectName(f"{name}ZoomOut")
    zoom_out.setToolTip(translate("diagram_view", "Smaller (Ctrl+- while the diagram has the "
                                                  "focus; Ctrl+0 for its own size)"))
    # "Fit": its letters are taken in the main window (File's F, Zoom in's i, Reset's t).
    fit = QPushButton(translate("diagram_view", "Fit to &pane"), parent)
    fit.setObjectName(f"{name}Fit")
    fit.setToolTip(translate("diagram_view", "The whole diagram, as large as its pane allows "
                                             "(F while the diagram has the focus)"))
    return zoom_in, zoom_out, fit
