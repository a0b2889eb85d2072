"""The call-flow diagram, live: each worker's marker on the call it is in now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from gui.call_flow_markers import marker_style
from gui.main_window import MainWindow
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, connection_field, open_connected_client,
                                received_text, send_from, start_server)


def described(window: MainWindow) -> str:
    return window.call_flow_pane.diagram.describe()


def test_each_worker_is_shown_blocked_where_it_waits(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hi")
    qtbot.waitUntil(lambda: received_text(client) == b"hi\n", timeout=SIGNAL_TIMEOUT_MS)
    expected = ("accept loop at accept() (blocked: accept(): no client yet",
                "thread conn-1 at recv() (blocked: recv(): no data yet",
                "Client 1 at recv() (blocked: recv(): waiting for the server's reply)")
    qtbot.waitUntil(lambda: all(part in described(main_window) for part in expected),
                    timeout=SIGNAL_TIMEOUT_MS)
    tracker = main_window.call_flow_pane.tracker
    by_worker = {m.worker: m for m in tracker.markers()}
    # The client and the thread serving it are one connection: same colour and shape.
    assert tracker.connection_of(by_worker["Client 1"]) == 1
    assert tracker.connection_of(by_worker["thread conn-1"]) == 1
    diagram = main_window.call_flow_pane.diagram
    palette = diagram.palette()
    assert marker_style(1, palette) != marker_style(2, palette)
    assert marker_style(1, palette) != marker_style(None, palette)

    # Drawn where it is: the thread's marker sits beside the server's recv() box, hollow.
    picture = diagram.grab().toImage()
    placed = [rect for rect, m in diagram._placed if m.worker == "thread conn-1"]
    assert placed, "the thread's marker was drawn"
    scale, offset = diagram._scale()
    box = placed[0]
    pixels = {picture.pixelColor(int(offset.x() + x * scale), int(offset.y() + y * scale)).name()
              for x in range(int(box.left()), int(box.right()) + 1)
              for y in range(int(box.top()), int(box.bottom()) + 1)}
    colour, _shape = marker_style(1, palette)
    assert colour.name() in pixels, "outlined in its connection's colour"
    centre = (offset + box.center() * scale).toPoint()
    assert picture.pixelColor(centre.x(), centre.y() - int(9 * scale)).name() == "#ffffff", \
        "hollow: blocked"


def test_a_blocked_calls_caption_is_written_clear_of_its_steps_down_line(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """"accept(): no client yet…" under accept(), "recv(): waiting for the server's reply"
    under the client's recv(): beside the line down to the next step, not across it."""
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hi")
    qtbot.waitUntil(lambda: received_text(client) == b"hi\n", timeout=SIGNAL_TIMEOUT_MS)
    diagram = main_window.call_flow_pane.diagram

    def captions() -> list:
        diagram.grab()  # painted now: the captions are where this paint put them
        return diagram.captions

    qtbot.waitUntil(lambda: len(captions()) >= 3, timeout=SIGNAL_TIMEOUT_MS)  # accept, 2 recv
    written = captions()
    for rect, down_line_x in written:
        assert not rect.left() <= down_line_x <= rect.right(), (rect, down_line_x)
    rects = [rect for rect, _x in written]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_the_iterative_servers_second_client_has_no_worker(qtbot: QtBot,
                                                           main_window: MainWindow) -> None:
    """The notes' iterative server: one loop; the second client is connected (the kernel
    did the handshake) but nobody on the server side serves it."""
    start_server(qtbot, main_window, ServerModel.ITERATIVE)
    open_connected_client(qtbot, main_window)
    open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: "main loop at recv() (blocked" in described(main_window)
                    and "Client 2 at recv() (blocked" in described(main_window),
                    timeout=SIGNAL_TIMEOUT_MS)
    tracker = main_window.call_flow_pane.tracker
    server_markers = [m for m in tracker.markers() if m.side == "server"]
    assert [m.worker for m in server_markers] == ["main loop"], "one worker for everyone"
    assert server_markers[0].conn == 1


def test_a_child_process_is_a_worker_with_its_pid(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.PROCESS)
    open_connected_client(qtbot, main_window)
    qtbot.waitUntil(lambda: str(connection_field(main_window, 1, "worker")).startswith("pid "),
                    timeout=SIGNAL_TIMEOUT_MS)
    worker = str(connection_field(main_window, 1, "worker"))
    qtbot.waitUntil(lambda: f"{worker} at recv() (blocked" in described(main_window),
                    timeout=SIGNAL_TIMEOUT_MS)


def test_clicking_a_call_explains_it(qtbot: QtBot, main_window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, Qt
    from gui.call_flow_layout import step_rect

    pane = main_window.call_flow_pane
    main_window.docks.call_flow_dock.raise_()
    scale, offset = pane.diagram._scale()
    where = (offset + step_rect("server", "accept()").center() * scale).toPoint()
    qtbot.mouseClick(pane.diagram, Qt.MouseButton.LeftButton, pos=QPoint(where))
    text = pane.details_label.text()
    assert text.startswith("Server: int accept(int sockfd, struct sockaddr *addr")
    assert "NEW socket" in text


def test_stopping_the_server_clears_its_workers(qtbot: QtBot, main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.SELECT)
    qtbot.waitUntil(lambda: "select loop at accept() (blocked: select()" in described(main_window),
                    timeout=SIGNAL_TIMEOUT_MS)
    with qtbot.waitSignal(main_window.server.stopped, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_button.click()
    qtbot.waitUntil(lambda: described(main_window) == "No socket call is running.",
                    timeout=SIGNAL_TIMEOUT_MS)


# The tooltip is a window of its own, and the headless platform cannot raise windows.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_call_shows_its_signature_parameters_and_return_value(
        qtbot: QtBot, main_window: MainWindow) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip
    from gui.call_flow_layout import step_rect

    main_window.docks.call_flow_dock.raise_()
    diagram = main_window.call_flow_pane.diagram
    qtbot.waitExposed(diagram)
    main_window.call_flow_pane.view.zoom_to_fit()  # both sides in this small screen's pane
    scale, offset = diagram._scale()

    def hover(side: str, step: str) -> None:
        where = (offset + step_rect(side, step).center() * scale).toPoint()
        qtbot.mouseMove(diagram, QPoint(where))

    hover("client", "connect()")
    qtbot.waitUntil(lambda: QToolTip.isVisible() and "connect(" in QToolTip.text(),
                    timeout=SIGNAL_TIMEOUT_MS)
    tip = QToolTip.text()
    signature, explanation = tip.split("\n")
    assert signature == "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);"
    assert "Connects to the server at addr" in explanation  # its parameter, in words
    assert "Returns 0, or -1" in explanation  # and what it gives back
    # Another call, another tooltip: the one under the pointer.
    hover("server", "listen()")
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text().startswith("int listen("),
                    timeout=SIGNAL_TIMEOUT_MS)
    QToolTip.hideText()


def test_a_server_that_cannot_bind_leaves_no_marker_behind(qtbot: QtBot,
                                                           main_window: MainWindow) -> None:
    import socket
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        main_window.port_spin.setValue(other_program.getsockname()[1])
        main_window.start_button.click()
        qtbot.waitUntil(lambda: "already in use" in main_window.error_label.text(),
                        timeout=SIGNAL_TIMEOUT_MS)
    pane = main_window.call_flow_pane
    qtbot.waitUntil(lambda: not pane.tracker.markers(), timeout=SIGNAL_TIMEOUT_MS)
    assert "blocked" not in described(main_window) and " at " not in described(main_window)


def test_an_ended_clients_faded_marker_leaves_its_colour_whole_for_the_next(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """A client whose connection ended is drawn faded; the next connection drawn in that
    colour (a reconnect, or connection 1 + as many as there are colours) is not."""
    from PySide6.QtGui import QFont, QImage, QPainter

    from gui.call_flow_markers import MarkerPictures
    from gui.call_flow_tracker import Marker
    from gui.call_steps import CLIENT
    palette = main_window.call_flow_pane.diagram.palette()
    colour_before = marker_style(1, palette)[0].name(QColor.NameFormat.HexArgb)
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    ended = Marker(CLIENT, "Client 1", "connect", conn=1, ended=True)
    MarkerPictures().draw(painter, QRectF(0, 0, 30, 30), ended, 1, palette, QFont(), 1.0)
    painter.end()
    assert marker_style(1, palette)[0].name(QColor.NameFormat.HexArgb) == colour_before
