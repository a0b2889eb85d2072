"""The call-flow diagram and the TCP state machine on a dark palette, after a change of
palette, and with larger text: every text readable on its background (WCAG AA, 4.5 to
1), every marker standing out from the pane (3 to 1, for shapes), each box as large as
its text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from gui import colours
from gui.call_flow_layout import CROSSINGS, step_rect
from gui.call_steps import CLIENT, SERVER
from gui.diagram_view import ZoomableDiagram
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from gui.tcp_state_diagram import IN_USE_FILL, box_rect
from tests.gui.conftest import SIGNAL_TIMEOUT_MS
from tests.gui.diagram_pictures import (box_width, feed_workers, marker_box, picture_point,
                                        picture_rect, screen_picture, screen_point,
                                        text_contrast, text_extent)
from tests.gui.test_colours import AA_CONTRAST, contrast, dark_palette
from tests.gui.test_text_size import action

SHAPE_CONTRAST = 3.0  # WCAG's for what is not text: a marker, a badge
LABEL_HALF = 6.0  # units either side of a marker's or a badge's middle: its label


@pytest.fixture
def palette_back(qapp: QApplication) -> Iterator[None]:
    """Whatever palette a test sets, the next one starts with the usual one."""
    usual = QGuiApplication.palette()
    yield
    QApplication.setPalette(usual)
    colours.palette_changed()


def use_palette(palette: QPalette) -> None:
    QApplication.setPalette(palette)  # as when the system switches its colour scheme


def around(centre: QPointF, half: float) -> QRectF:
    return QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)


def seen(qtbot: QtBot, window: MainWindow, diagram: ZoomableDiagram) -> None:
    dock = (window.docks.call_flow_dock if diagram is window.call_flow_pane.diagram
            else window.docks.kernel_dock)
    dock.raise_()
    qtbot.waitUntil(lambda: on_screen(diagram), timeout=SIGNAL_TIMEOUT_MS)
    # The app's palette reaches each widget in an event of its own.
    qtbot.waitUntil(lambda: diagram.palette().color(QPalette.ColorRole.Base)
                    == QGuiApplication.palette().color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_the_call_flow_reads_well_on_a_dark_palette(qtbot: QtBot, main_window: MainWindow,
                                                    palette_back: None) -> None:
    dark = dark_palette()
    use_palette(dark)
    pane = main_window.call_flow_pane
    diagram = pane.diagram
    seen(qtbot, main_window, diagram)
    feed_workers(pane)
    diagram.refreshes.refresh_now_if_held()
    picture = diagram.grab().toImage()
    base, window = dark.color(QPalette.ColorRole.Base), dark.color(QPalette.ColorRole.Window)

    # A call's name on its box; what crosses between the sides, above its dashed arrow.
    inside = picture_rect(diagram, step_rect(SERVER, "accept()").adjusted(4, 4, -4, -4))
    assert picture.pixelColor(inside.topLeft()) == base
    assert text_contrast(picture, inside) >= AA_CONTRAST
    _, _, _, _, handshake = CROSSINGS[0]
    middle = (step_rect(CLIENT, "connect()").center() + step_rect(SERVER, "accept()").center()) / 2
    label = picture_rect(diagram, QRectF(middle.x() - 100, middle.y() - 17, 200, 13))
    assert picture.pixelColor(label.topLeft()) == window
    assert text_contrast(picture, label) >= AA_CONTRAST, handshake

    # A running worker's marker (the listener's, a connection's) is filled in a colour
    # that stands out from the pane, its label readable on it (the picture's paint said
    # where each marker is).
    for worker in ("accept loop", "thread conn-2"):
        box = marker_box(diagram, worker)
        fill = picture.pixelColor(picture_point(diagram, box.center() + QPointF(0, 9)))
        assert contrast(fill, window) >= SHAPE_CONTRAST, worker
        assert text_contrast(picture, picture_rect(diagram, around(box.center(), LABEL_HALF))) \
            >= AA_CONTRAST, worker
    # A blocked one is hollow: the pane's own Base inside, not a glaring white.
    box = marker_box(diagram, "thread conn-1")
    assert picture.pixelColor(picture_point(diagram, box.center() - QPointF(0, 9))) == base
    assert text_contrast(picture, picture_rect(diagram, around(box.center(), LABEL_HALF))) \
        >= AA_CONTRAST


def test_the_state_machine_reads_well_on_a_dark_palette(qtbot: QtBot, main_window: MainWindow,
                                                        palette_back: None) -> None:
    dark = dark_palette()
    use_palette(dark)
    diagram = main_window.kernel_pane.diagram
    seen(qtbot, main_window, diagram)
    diagram.show_states(["LISTEN", "ESTABLISHED", "ESTABLISHED"])
    picture = diagram.grab().toImage()
    window = dark.color(QPalette.ColorRole.Window)

    unused = picture_rect(diagram, box_rect("SYN_SENT").adjusted(6, 5, -6, -5))
    assert picture.pixelColor(unused.topLeft()) == dark.color(QPalette.ColorRole.Base)
    assert text_contrast(picture, unused) >= AA_CONTRAST
    in_use = box_rect("ESTABLISHED")
    name = picture_rect(diagram, in_use.adjusted(6, 15, -6, -5))  # below the count's badge
    clear_of_text = picture_point(diagram, in_use.topLeft() + QPointF(10, 6))
    assert picture.pixelColor(clear_of_text) == IN_USE_FILL
    assert text_contrast(picture, name) >= AA_CONTRAST
    badge = QPointF(in_use.right(), in_use.top())
    assert contrast(picture.pixelColor(picture_point(diagram, badge + QPointF(0, 10))),
                    window) >= SHAPE_CONTRAST
    assert text_contrast(picture, picture_rect(diagram, around(badge, LABEL_HALF))) >= AA_CONTRAST


def test_the_diagrams_repaint_in_the_new_colours_when_the_palette_changes(
        qtbot: QtBot, main_window: MainWindow, palette_back: None) -> None:
    light = QStyleFactory.create("Fusion").standardPalette()
    dark = dark_palette()
    use_palette(light)
    flow = main_window.call_flow_pane.diagram
    seen(qtbot, main_window, flow)
    # Inside the first box, clear of its corner and its text: what the screen shows.
    in_box = step_rect(SERVER, "socket()").topLeft() + QPointF(10, 6)

    def shown(diagram: ZoomableDiagram, point: QPointF) -> QColor:
        return screen_picture(main_window).pixelColor(screen_point(diagram, point))

    qtbot.waitUntil(lambda: shown(flow, in_box) == light.color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)
    use_palette(dark)
    qtbot.waitUntil(lambda: shown(flow, in_box) == dark.color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert shown(flow, QPointF(5, 5)) == dark.color(QPalette.ColorRole.Window)
    # The state machine was behind its tab meanwhile: new colours once it is chosen.
    states = main_window.kernel_pane.diagram
    seen(qtbot, main_window, states)
    in_closed = box_rect("CLOSED").topLeft() + QPointF(10, 6)
    qtbot.waitUntil(lambda: shown(states, in_closed) == dark.color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)
    use_palette(light)
    qtbot.waitUntil(lambda: shown(states, in_closed) == light.color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)


def _box_and_text(diagram: ZoomableDiagram, box: QRectF) -> tuple[int, int, bool]:
    """The box's width in the picture, its text's width, and whether the text is clear
    of the box's borders."""
    picture: QImage = diagram.grab().toImage()
    width = box_width(picture, picture_point(diagram, QPointF(box.center().x(), box.top() + 4)))
    inside = picture_rect(diagram, box.adjusted(3, 3, -3, -3))
    text = text_extent(picture, inside, diagram.palette().color(QPalette.ColorRole.Base))
    clear = inside.left() < text.left() and text.right() < inside.right()
    return width, text.width(), clear


def test_larger_text_grows_the_diagrams_boxes_with_their_text(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    flow = main_window.call_flow_pane.diagram
    states = main_window.kernel_pane.diagram
    boxes = ((flow, step_rect(SERVER, "accept()")),
             (states, box_rect("ESTABLISHED")))
    before = {}
    for diagram, box in boxes:
        seen(qtbot, main_window, diagram)
        before[diagram] = (_box_and_text(diagram, box), diagram.drawn_size().width())
    try:
        action(main_window, "&Larger text").trigger()
        action(main_window, "&Larger text").trigger()
        for diagram, box in boxes:
            seen(qtbot, main_window, diagram)
            (width, text, clear), drawn = before[diagram]
            qtbot.waitUntil(lambda: diagram.drawn_size().width() > drawn * 1.3,
                            timeout=SIGNAL_TIMEOUT_MS)
            larger_width, larger_text, still_clear = _box_and_text(diagram, box)
            assert clear and still_clear, "the name fits in its box"
            assert larger_text >= text * 1.3, "the text is larger"
            assert larger_width >= width * 1.3, "and so is its box"
    finally:
        main_window.text_size.normal()
