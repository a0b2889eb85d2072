"""The TCP state machine can be read from the back of a classroom: every transition's
label sits clear of every box (with a state in use's ring and count), of every arrow and
of every other label, in English and in Chinese (other widths), at any text size; and the
words drawn stay where the layout says they are, at any zoom, on a light or a dark
palette, readable on their background."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyleFactory

from gui import language, tcp_state_diagram
from gui.tcp_state_diagram import TcpStateDiagram
from gui.tcp_state_layout import (BOX_POSITIONS, DRAWING, TRANSITIONS, arrow_path, route,
                                  state_outline)
from tests.gui.diagram_pictures import text_contrast
from tests.gui.test_colours import AA_CONTRAST, dark_palette

# Room kept around a label, in the drawing's units: a label that only just misses a line
# still reads as crossed by it.
CLEARANCE = 2.0
TEXT_SCALES = (1.0, 1.44, 2.5)  # normal, View > Larger text twice, and a projector's
ZOOMS = (0.8, 1.0, 1.7, 3.0)
CJK = range(0x4E00, 0xA000)


@pytest.fixture(params=[language.ENGLISH, language.CHINESE])
def speaking(request: pytest.FixtureRequest) -> Iterator[str]:
    assert language.install_language(request.param)
    try:
        yield request.param
    finally:
        language.install_language(language.ENGLISH)  # every other test reads English


@pytest.fixture
def diagram(qtbot: QtBot) -> TcpStateDiagram:
    made = TcpStateDiagram()
    qtbot.addWidget(made)
    # Every state in use: each box with its ring and its count's badge, the most it covers.
    made.show_states([state.strip() for state in BOX_POSITIONS] * 2)
    return made


def with_text_scale(diagram: TcpStateDiagram, scale: float) -> None:
    """As View > Larger text does: the app's font, larger (gui/text_size.py)."""
    font = QFont(diagram.font())
    font.setPointSizeF(QFont().pointSizeF() * scale)
    diagram.setFont(font)


def arrow_name(index: int) -> str:
    start, end, _label = TRANSITIONS[index]
    return f"the arrow {start.strip()} → {end.strip()}"


def collisions(diagram: TcpStateDiagram) -> list[str]:
    """Every label that touches something it must keep clear of, and what."""
    places = diagram.label_places()
    arrows = [arrow_path(route(start, end)) for start, end, _label in TRANSITIONS]
    found = []
    for index, (text, place) in enumerate(places):
        kept = place.adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)
        if not DRAWING.contains(place):
            found.append(f"{text!r} reaches out of the picture")
        found += [f"{text!r} on the box {state.strip()}" for state in BOX_POSITIONS
                  if state_outline(state).intersects(kept)]
        found += [f"{text!r} on {arrow_name(other)}" for other, arrow in enumerate(arrows)
                  if arrow.intersects(kept)]
        found += [f"{text!r} on {other_text!r}" for other_text, other in places[index + 1:]
                  if other.intersects(kept)]
    return found


def test_every_label_is_clear_of_every_box_arrow_and_other_label(
        diagram: TcpStateDiagram, speaking: str) -> None:
    texts = [text for text, _place in diagram.label_places()]
    assert any(ord(ch) in CJK for ch in "".join(texts)) == (speaking == language.CHINESE)
    for scale in TEXT_SCALES:
        with_text_scale(diagram, scale)
        found = collisions(diagram)
        assert not found, f"at {scale:g} x the text size: " + "; ".join(found)


def picture(diagram: TcpStateDiagram, zoom: float, labelled: bool,
            monkeypatch: pytest.MonkeyPatch) -> QImage:
    diagram.set_zoom(zoom)
    diagram.resize(diagram.drawn_size())
    # The labels are left out below this many pixels: here, of every size.
    monkeypatch.setattr(tcp_state_diagram, "SMALLEST_READABLE_PIXELS", 0 if labelled else 10**6)
    return diagram.grab().toImage()


def label_pixels(diagram: TcpStateDiagram) -> list[tuple[str, QRect]]:
    """Each label's place in the picture's pixels, a pixel wider each way (antialiasing)."""
    return [(text, diagram.to_widget(place).adjusted(-1, -1, 1, 1))
            for text, place in diagram.label_places()]


def without(image: QImage, areas: list[QRect]) -> QImage:
    """The picture with these areas painted over."""
    covered = image.copy()
    painter = QPainter(covered)
    for area in areas:
        painter.fillRect(area, QColor("#ff00ff"))
    painter.end()
    return covered


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_labels_are_drawn_where_the_layout_puts_them_at_any_zoom(
        diagram: TcpStateDiagram, speaking: str, palette: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    diagram.setPalette(dark_palette() if palette == "dark"
                       else QStyleFactory.create("Fusion").standardPalette())
    for scale in (1.0, 1.44):
        with_text_scale(diagram, scale)
        for zoom in ZOOMS:
            shown = picture(diagram, zoom, True, monkeypatch)
            bare = picture(diagram, zoom, False, monkeypatch)
            places = label_pixels(diagram)
            at = f"zoom {zoom:g}, text {scale:g} x"
            for text, place in places:
                assert shown.copy(place) != bare.copy(place), f"{text!r} is not drawn ({at})"
            areas = [place for _text, place in places]
            assert without(shown, areas) == without(bare, areas), \
                f"a label is drawn outside its place ({at})"
    # Readable on the pane's own background (WCAG AA), in either palette.
    with_text_scale(diagram, 1.0)
    shown = picture(diagram, 1.0, True, monkeypatch)
    background = diagram.palette().color(QPalette.ColorRole.Window)
    for text, place in label_pixels(diagram):
        assert shown.pixelColor(place.topLeft()) == background, text
        assert text_contrast(shown, place) >= AA_CONTRAST, text

