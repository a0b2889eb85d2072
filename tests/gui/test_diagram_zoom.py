"""Zooming the diagrams for a projector (Ctrl + wheel, the Zoom buttons, Ctrl++ / Ctrl+- /
Ctrl+0 while a diagram has the focus), with scroll bars when one is larger than its pane;
the keyboard's way through the call flow; and no painting while a diagram is unseen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gui.call_flow_layout import CHOSEN_RING, step_rect
from gui.call_steps import SERVER
from gui.diagram_view import WHEEL_ZOOM_STEP, ZOOM_STEP, DiagramView, ZoomableDiagram
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from gui.tcp_state_diagram import box_rect
from tests.gui.conftest import SIGNAL_TIMEOUT_MS
from tests.gui.diagram_pictures import (box_width, colours_in, feed_workers, picture_point,
                                        screen_picture, screen_point)
from tests.gui.test_text_size import action

CONTROL = Qt.KeyboardModifier.ControlModifier


def wheel(widget: QWidget, where: QPoint, notches: int,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> bool:
    """Turn the mouse wheel over `where` (a notch is 120: up is positive); whether the
    widget took the turn (an event it leaves goes on to its parents: a scroll area's
    viewport scrolls)."""
    event = QWheelEvent(QPointF(where), QPointF(widget.mapToGlobal(where)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def shown(qtbot: QtBot, window: MainWindow, which: str) -> tuple[ZoomableDiagram, DiagramView]:
    """The call flow's or the state machine's diagram and view, its dock's tab chosen."""
    if which == "call flow":
        window.docks.call_flow_dock.raise_()
        pane = window.call_flow_pane
    else:
        window.docks.kernel_dock.raise_()
        pane = window.kernel_pane
    qtbot.waitUntil(lambda: on_screen(pane.diagram), timeout=SIGNAL_TIMEOUT_MS)
    return pane.diagram, pane.view


def first_box_width(diagram: ZoomableDiagram) -> int:
    """The width in pixels of the diagram's first box (socket(), or CLOSED)."""
    box = (step_rect(SERVER, "socket()") if diagram.objectName() == "callFlowDiagram"
           else box_rect("CLOSED"))
    inside = picture_point(diagram, QPointF(box.center().x(), box.top() + 4))
    return box_width(diagram.grab().toImage(), inside)


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=SIGNAL_TIMEOUT_MS)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=SIGNAL_TIMEOUT_MS)


def test_ctrl_wheel_zooms_the_call_flow_about_the_mouse_with_scroll_bars(
        qtbot: QtBot, main_window: MainWindow) -> None:
    diagram, view = shown(qtbot, main_window, "call flow")
    width = first_box_width(diagram)
    socket_box = step_rect(SERVER, "socket()").center()
    scale, offset = diagram._scale()
    under_mouse = (offset + socket_box * scale).toPoint()
    in_view = diagram.mapTo(view.viewport(), under_mouse).y()

    assert wheel(diagram, under_mouse, 3, CONTROL)
    assert abs(first_box_width(diagram) - width * WHEEL_ZOOM_STEP ** 3) <= 3, "larger, as vectors"
    assert diagram.height() > view.viewport().height() and view.verticalScrollBar().isVisible()
    scale, offset = diagram._scale()
    now = diagram.mapTo(view.viewport(), (offset + socket_box * scale).toPoint()).y()
    assert abs(now - in_view) <= 2, "the call under the mouse stays under it"

    # Without Ctrl the wheel is left to the view, which scrolls, as any pane does.
    zoom, scrolled = diagram.zoom, view.verticalScrollBar().value()
    assert not wheel(diagram, under_mouse, -1) and diagram.zoom == zoom
    wheel(view.viewport(), diagram.mapTo(view.viewport(), under_mouse), -1)
    assert diagram.zoom == zoom and view.verticalScrollBar().value() > scrolled


def test_the_zoom_buttons_zoom_the_state_machine_past_its_pane(qtbot: QtBot,
                                                               main_window: MainWindow) -> None:
    diagram, view = shown(qtbot, main_window, "state machine")
    width = first_box_width(diagram)
    zoom_in = main_window.kernel_pane.findChild(QPushButton, "tcpStateZoomIn")
    for _ in range(3):
        zoom_in.click()
    assert abs(first_box_width(diagram) - width * ZOOM_STEP ** 3) <= 3
    assert view.horizontalScrollBar().isVisible() and view.verticalScrollBar().isVisible()
    zoom_out = main_window.kernel_pane.findChild(QPushButton, "tcpStateZoomOut")
    for _ in range(3):
        zoom_out.click()
    assert abs(first_box_width(diagram) - width) <= 1


def test_ctrl_plus_minus_and_zero_zoom_the_focused_diagram_not_the_apps_text(
        qtbot: QtBot, main_window: MainWindow) -> None:
    points = QApplication.font().pointSizeF()
    for which in ("call flow", "state machine"):
        diagram, _view = shown(qtbot, main_window, which)
        width = first_box_width(diagram)
        focus(qtbot, main_window, diagram)
        qtbot.keyClick(diagram, Qt.Key.Key_Plus, CONTROL)
        assert abs(first_box_width(diagram) - width * ZOOM_STEP) <= 2, which
        assert QApplication.font().pointSizeF() == points, "View > Larger text's keys, not"
        qtbot.keyClick(diagram, Qt.Key.Key_Minus, CONTROL)
        qtbot.keyClick(diagram, Qt.Key.Key_Minus, CONTROL)
        assert abs(first_box_width(diagram) - width / ZOOM_STEP) <= 2, which
        qtbot.keyClick(diagram, Qt.Key.Key_0, CONTROL)
        assert first_box_width(diagram) == width, which
    # Elsewhere the keys are View > Larger text's still.
    button = main_window.call_flow_pane.findChild(QPushButton, "callFlowZoomIn")
    shown(qtbot, main_window, "call flow")
    focus(qtbot, main_window, button)
    try:
        qtbot.keyClick(button, Qt.Key.Key_Plus, CONTROL)
        assert QApplication.font().pointSizeF() > points
    finally:
        action(main_window, "&Normal text size").trigger()


def test_tab_reaches_each_diagram_and_its_focus_frame_is_drawn(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    for which, name in (("call flow", "callFlowFit"), ("state machine", "tcpStateFit")):
        diagram, _view = shown(qtbot, main_window, which)
        assert diagram.accessibleName() and diagram.accessibleDescription(), which
        button = main_window.findChild(QPushButton, name)
        focus(qtbot, main_window, button)
        highlight = diagram.palette().color(QPalette.ColorRole.Highlight)
        edge = diagram.mapTo(main_window, diagram.visibleRegion().boundingRect().topLeft()
                             + QPoint(1, 20))
        # (The diagram before, in the same place in the docks, had its frame there.)
        qtbot.waitUntil(lambda: screen_picture(main_window).pixelColor(edge) != highlight,
                        timeout=SIGNAL_TIMEOUT_MS)
        qtbot.keyClick(button, Qt.Key.Key_Tab)
        qtbot.waitUntil(diagram.hasFocus, timeout=SIGNAL_TIMEOUT_MS)
        qtbot.waitUntil(lambda: screen_picture(main_window).pixelColor(edge) == highlight,
                        timeout=SIGNAL_TIMEOUT_MS)


def test_arrow_keys_choose_a_call_and_enter_explains_it_as_a_click_does(
        qtbot: QtBot, main_window: MainWindow) -> None:
    diagram, view = shown(qtbot, main_window, "call flow")
    pane = main_window.call_flow_pane
    focus(qtbot, main_window, diagram)
    for _ in range(3):
        qtbot.keyClick(diagram, Qt.Key.Key_Down)  # socket(), bind(), listen(), accept()
    assert "Chosen: the server's accept()" in diagram.accessibleDescription()
    accept_box = step_rect(SERVER, "accept()")
    ring = QPointF(accept_box.left() - CHOSEN_RING, accept_box.center().y())
    highlight = diagram.palette().color(QPalette.ColorRole.Highlight).name()

    def ring_drawn() -> bool:
        where = screen_point(diagram, ring)
        return highlight in colours_in(screen_picture(main_window),
                                       QRect(where - QPoint(2, 2), QSize(5, 5)))

    qtbot.waitUntil(ring_drawn, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.keyClick(diagram, Qt.Key.Key_Return)
    explained = pane.details_label.text()
    assert explained.startswith("Server: int accept(int sockfd")
    pane.details_label.clear()
    scale, offset = diagram._scale()
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton,
                     pos=(offset + accept_box.center() * scale).toPoint())
    assert pane.details_label.text() == explained

    qtbot.keyClick(diagram, Qt.Key.Key_Right)  # across, to the client's call level with it
    assert "Chosen: the client's connect()" in diagram.accessibleDescription()
    qtbot.keyClick(diagram, Qt.Key.Key_Space)
    assert pane.details_label.text().startswith("Client: int connect(int sockfd")
    qtbot.keyClick(diagram, Qt.Key.Key_Left)
    assert "Chosen: the server's accept()" in diagram.accessibleDescription()

    # A call below the pane's edge is scrolled into view when it is chosen.
    def close_box() -> QRect:
        return diagram.to_widget(step_rect(SERVER, "close()"))

    for _ in range(6):  # bounded: until close() is below the pane's edge
        if not diagram.visibleRegion().boundingRect().contains(close_box()):
            break
        view.zoom_in()
    assert not diagram.visibleRegion().boundingRect().contains(close_box())
    for _ in range(4):
        qtbot.keyClick(diagram, Qt.Key.Key_Down)  # recv(), process, send(), close()
    assert "Chosen: the server's close()" in diagram.accessibleDescription()
    assert diagram.visibleRegion().boundingRect().contains(close_box())


class PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.paints += event.type() == QEvent.Type.Paint
        return False


def test_the_call_flow_behind_its_tab_is_not_painted_until_its_tab_is_chosen(
        qtbot: QtBot, main_window: MainWindow) -> None:
    pane = main_window.call_flow_pane
    diagram = pane.diagram
    main_window.docks.kernel_dock.raise_()
    qtbot.waitUntil(lambda: not on_screen(diagram), timeout=SIGNAL_TIMEOUT_MS)
    counter = PaintCounter(diagram)
    feed_workers(pane)
    pane.view.zoom_in()
    QApplication.processEvents()  # (whatever paint was asked for would be done now)
    assert counter.paints == 0 and diagram.refreshes.holding
    assert "thread conn-1" not in diagram.accessibleDescription()

    main_window.docks.call_flow_dock.raise_()
    qtbot.waitUntil(lambda: "thread conn-1 at recv() (blocked" in diagram.accessibleDescription(),
                    timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: counter.paints > 0, timeout=SIGNAL_TIMEOUT_MS)


def whole_diagram_in_view(diagram: ZoomableDiagram, view: DiagramView) -> bool:
    """Every part of the picture is on the screen, none behind a scroll bar."""
    picture = diagram.to_widget(diagram.drawing)
    seen = diagram.visibleRegion().boundingRect()
    return (seen.contains(picture) and not view.horizontalScrollBar().isVisible()
            and not view.verticalScrollBar().isVisible())


def test_fit_to_pane_shows_the_whole_diagram_as_large_as_its_pane_allows(
        qtbot: QtBot, main_window: MainWindow) -> None:
    for which, name in (("call flow", "callFlow"), ("state machine", "tcpState")):
        diagram, view = shown(qtbot, main_window, which)
        fit = main_window.findChild(QPushButton, f"{name}Fit")
        assert "&" in fit.text() and fit.toolTip(), which
        for _ in range(4):  # larger than the pane: it scrolls
            main_window.findChild(QPushButton, f"{name}ZoomIn").click()
        assert not whole_diagram_in_view(diagram, view), which
        fit.click()
        qtbot.waitUntil(lambda: whole_diagram_in_view(diagram, view), timeout=SIGNAL_TIMEOUT_MS)
        room, drawn = view.viewport().size(), diagram.drawn_size()
        assert drawn.width() >= room.width() - 2 or drawn.height() >= room.height() - 2, \
            f"{which}: as large as the pane allows"
        fitted = diagram.zoom

        # From the keyboard too: F, while the diagram has the focus.
        for _ in range(3):
            main_window.findChild(QPushButton, f"{name}ZoomOut").click()
        focus(qtbot, main_window, diagram)
        qtbot.keyClick(diagram, Qt.Key.Key_F)
        assert abs(diagram.zoom - fitted) < 0.01 and whole_diagram_in_view(diagram, view), which


def test_a_fitted_diagram_stays_fitted_as_its_pane_is_resized_until_it_is_zoomed(
        qtbot: QtBot) -> None:
    """As a dock floated and enlarged on a projector: Fit once, then drag its edge."""
    from gui.diagram_view import zoom_buttons
    from gui.tcp_state_diagram import TcpStateDiagram
    pane = QWidget()
    qtbot.addWidget(pane)
    zoom_in, _zoom_out, fit = zoom_buttons(pane, "test")
    diagram = TcpStateDiagram()
    view = DiagramView(diagram, (zoom_in, _zoom_out, fit), pane)
    pane.resize(900, 700)
    view.resize(400, 300)
    pane.show()
    qtbot.waitExposed(pane)
    fit.click()
    small = diagram.zoom
    view.resize(800, 600)
    qtbot.waitUntil(lambda: diagram.zoom > small * 1.5, timeout=SIGNAL_TIMEOUT_MS)
    assert whole_diagram_in_view(diagram, view)
    zoom_in.click()  # the person's own zoom from now on
    zoomed = diagram.zoom
    view.resize(500, 400)
    qtbot.waitUntil(lambda: view.viewport().width() < 500, timeout=SIGNAL_TIMEOUT_MS)
    assert diagram.zoom == zoomed
