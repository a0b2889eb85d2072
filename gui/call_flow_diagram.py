"""The notes' client/server diagram of socket calls, drawn live: each worker is a marker
on the step it is in now, in its connection's colour and shape; a hollow marker is
blocked, and the words beside it say on what (the markers: gui/call_flow_markers.py).

Drawn in its own units (its geometry and still part: gui/call_flow_layout.py), at the
app's text size and zoomed in a DiagramView (vector, any size; gui/diagram_view.py).
Hovering a step shows the call's signature, parameters and return value; clicking it, or
choosing it with the arrow keys and pressing Enter or Space, emits stepClicked so the
pane can show them at length.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent,
                           QPalette, QPen, QPixmap)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.call_flow_layout import (CAPTION_GAP, CAPTION_WIDTH, CHOSEN_RING, DRAWING,
                                  SMALL_TEXT_SIZE, STEP_Y, draw_chain, draw_crossings,
                                  draw_loops, draw_titles, nearest_step, step_rect)
from gui.call_flow_markers import (MARKER_SIZE, MARKERS_PER_ROW, MarkerPictures, caption_notes,
                                   waiting_text)
from gui.call_flow_tracker import CallFlowTracker, Marker
from gui.call_steps import CLIENT, SERVER, STEPS, shown_name, step_named
from gui.colours import WAITING, colour_on
from gui.diagram_view import ZoomableDiagram
from gui.i18n import translate
from gui.refresh_throttle import RefreshThrottle
from netcore.worker_names import shown_worker

class CallFlowDiagram(ZoomableDiagram):
    """Paints the diagram and the tracker's markers; refresh() after each batch."""

    stepClicked = Signal(str, str)  # side, step name
    stepChosen = Signal(QRect)  # the chosen step's box moved (arrow keys), in pixels

    def __init__(self, tracker: CallFlowTracker, parent: QWidget | None = None) -> None:
        super().__init__(DRAWING, parent)
        self.setObjectName("callFlowDiagram")
        self.setAccessibleName(translate("call_flow_diagram", "Call-flow diagram"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.tracker = tracker
        self.chosen: tuple[str, str] = (SERVER, "socket()")  # the arrow keys' step
        self._placed: list[tuple[QRectF, Marker]] = []  # where each marker was drawn
        self.captions: list[tuple[QRectF, float]] = []  # each caption's place, its down-line's x
        self.refreshes = RefreshThrottle(self, self._show_markers)
        # The diagram without its markers, for the part of it in view: drawn once and
        # copied by each paint (one call into Qt instead of hundreds, and no text laid
        # out again); drawn again when that part, the size, the font or the colours change.
        self._still_part: QPixmap | None = None
        self._still_key: tuple = ()
        self._markers = MarkerPictures()
        self._fonts: dict[tuple[int, bool, bool], QFont] = {}
        self._describe_aloud()

    def refresh(self) -> None:
        """The markers moved: shown at once, or within REFRESH_INTERVAL_MS under a flood."""
        self.refreshes.request()

    def _show_markers(self) -> None:
        self._describe_aloud()
        self.update()

    def _describe_aloud(self) -> None:
        """For a screen reader: the chosen step and where every worker is."""
        side, step = self.chosen
        if side == SERVER:
            text = translate("call_flow_diagram", "Chosen: the server's {step}.")
        else:
            text = translate("call_flow_diagram", "Chosen: the client's {step}.")
        self.setAccessibleDescription(f"{text.format(step=shown_name(step))} {self.describe()}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._still_part = None
            self._markers.clear()
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
            parts.append(text.format(worker=shown_worker(marker.worker), step=shown_name(marker.step),
                                     waiting=waiting_text(marker)))
        return "; ".join(parts) if parts else translate("call_flow_diagram",
                                                        "No socket call is running.")

    # ---- geometry ----

    def step_at(self, point: QPointF) -> tuple[str, str] | None:
        local = self.to_drawing(point)
        for side, steps in STEP_Y.items():
            for step in steps:
                if step_rect(side, step).contains(local):
                    return side, step
        return None

    def marker_at(self, point: QPointF) -> Marker | None:
        local = self.to_drawing(point)
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
            return text.format(worker=shown_worker(marker.worker), step=shown_name(marker.step),
                               waiting=waiting_text(marker))
        found = self.step_at(point)
        if found is None:
            return translate("call_flow_diagram",
                             "Ctrl + mouse wheel zooms. With the keyboard: Tab to the diagram, "
                             "the arrow keys choose a call, Enter explains it, Ctrl++ and "
                             "Ctrl+- zoom.")
        call = step_named(*found)
        return "\n".join(translate("call_steps", part)
                         for part in (call.signature, call.explanation) if part)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.step_at(event.position())
        if found is not None:
            self._choose(*found)
            self.stepClicked.emit(*found)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down walk a side's calls, Left and Right go across to the other side's,
        Enter and Space explain the chosen call as a click does."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        side, step = self.chosen
        steps = [call.name for call in STEPS[side]]
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            move = -1 if key == Qt.Key.Key_Up else 1
            self._choose(side, steps[max(0, min(len(steps) - 1, steps.index(step) + move))])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            other = SERVER if key == Qt.Key.Key_Left else CLIENT
            self._choose(other, nearest_step(other, STEP_Y[side][step]))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.stepClicked.emit(side, step)
        else:
            super().keyPressEvent(event)

    def _choose(self, side: str, step: str) -> None:
        if (side, step) != self.chosen:
            self.chosen = (side, step)
            self._describe_aloud()
            self.update()
        ring = CHOSEN_RING + 2
        self.stepChosen.emit(self.to_widget(step_rect(side, step).adjusted(-ring, -ring,
                                                                           ring, ring)))

    # ---- painting ----

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._still_part = None

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        ratio = self.devicePixelRatioF()
        seen = self.visibleRegion().boundingRect()
        painter = QPainter(self)
        if not seen.isEmpty() and seen.contains(event.rect()):
            key = (seen, ratio, self.scale(), self.size())
            if self._still_part is None or self._still_key != key:
                self._still_part, self._still_key = self._draw_still_part(seen, ratio), key
            painter.drawPixmap(seen.topLeft(), self._still_part)
        else:  # more than is in view (a picture of the whole): drawn straight, not kept
            painter.save()
            self._paint_still_part(painter)
            painter.restore()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._to_drawing_units(painter)
        if self.hasFocus():
            self._draw_chosen(painter, palette)
        self._draw_markers(painter, palette)
        self.draw_focus_frame(painter, event.rect())
        painter.end()

    def _to_drawing_units(self, painter: QPainter) -> None:
        scale, offset = self._scale()
        painter.translate(offset)
        painter.scale(scale, scale)

    def _draw_still_part(self, area: QRect, ratio: float) -> QPixmap:
        """The part of the still diagram in `area` of the widget, at this size."""
        image = QPixmap(area.size() * ratio)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.translate(-area.topLeft())
        self._paint_still_part(painter)
        painter.end()
        return image

    def _paint_still_part(self, painter: QPainter) -> None:
        """The calls, the loops and what crosses between the sides."""
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._to_drawing_units(painter)
        draw_titles(painter, self._font, ink)
        for side in (SERVER, CLIENT):
            draw_chain(painter, self._font, side, palette)
        draw_loops(painter, self._font, ink)
        draw_crossings(painter, self._font, colour_on(WAITING, palette))

    def _font(self, size: int, bold: bool = False, italic: bool = False) -> QFont:
        font = self._fonts.get((size, bold, italic))
        if font is None:
            font = self._fonts[(size, bold, italic)] = QFont(self.font())
            font.setPixelSize(size)  # in the drawing's units: scaled with it
            font.setBold(bold)
            font.setItalic(italic)
        return font

    def _draw_chosen(self, painter: QPainter, palette: QPalette) -> None:
        """The keyboard's chosen step: a ring around its box, while the diagram has the
        focus (as a list shows its current row)."""
        rect = step_rect(*self.chosen).adjusted(-CHOSEN_RING, -CHOSEN_RING, CHOSEN_RING,
                                                CHOSEN_RING)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
        painter.drawRoundedRect(rect, 9, 9)

    def _draw_markers(self, painter: QPainter, palette: QPalette) -> None:
        self._placed = []
        self.captions = []
        ink = palette.color(QPalette.ColorRole.WindowText)
        by_step: dict[tuple[str, str], list[Marker]] = {}
        for marker in self.tracker.markers():
            by_step.setdefault((marker.side, marker.step), []).append(marker)
        ratio = self.devicePixelRatioF()
        notes_of = {key: caption_notes(markers) for key, markers in by_step.items()}
        # The steps across from each other share a row: two captions there share its width.
        captioned_rows = {(side, step_rect(side, step).bottom())
                          for (side, step), notes in notes_of.items() if notes}
        for (side, step), markers in by_step.items():
            rect = step_rect(side, step)
            outward = 1 if side == SERVER else -1
            x0 = rect.right() + 8 if side == SERVER else rect.left() - 8 - MARKER_SIZE
            for index, marker in enumerate(markers[:MARKERS_PER_ROW]):
                box = QRectF(x0 + outward * index * (MARKER_SIZE + 4),
                             rect.center().y() - MARKER_SIZE / 2, MARKER_SIZE, MARKER_SIZE)
                conn = self.tracker.connection_of(marker)
                self._markers.draw(painter, box, marker, conn, palette,
                                   self._font(SMALL_TEXT_SIZE, bold=True), ratio)
                self._placed.append((box, marker))
            notes = notes_of[(side, step)]
            if not notes:
                continue
            painter.setFont(self._font(SMALL_TEXT_SIZE, italic=True))
            painter.setPen(ink)
            # From beside the step's own down-line into the space between the sides (from
            # the box's edge, that line crossed it), halfway when the other side has one too.
            across = (CLIENT if side == SERVER else SERVER, rect.bottom()) in captioned_rows
            width = CAPTION_WIDTH / 2 - CAPTION_GAP if across else CAPTION_WIDTH
            left = (rect.center().x() + CAPTION_GAP if side == SERVER
                    else rect.center().x() - CAPTION_GAP - width)
            text_rect = QRectF(left, rect.bottom() + 1, width, SMALL_TEXT_SIZE + 4)
            self.captions.append((text_rect, rect.center().x()))
            align = Qt.AlignmentFlag.AlignLeft if side == SERVER else Qt.AlignmentFlag.AlignRight
            # A long sentence (select()'s, or a translation) ends in "…", not mid-word; the
            # whole of it is its marker's tooltip.
            caption = painter.fontMetrics().elidedText(
                " · ".join(notes), Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignVCenter, caption)

