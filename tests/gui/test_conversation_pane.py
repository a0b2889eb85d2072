"""The conversation chart, live, with the app's own client windows and with ncat."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from pytestqt.qtbot import QtBot

from gui.conversation import DATA, HANDSHAKE, RESET, TEARDOWN
from gui.main_window import MainWindow
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)
from tests.netcore.helpers import WAIT_SECONDS


def arrows(window: MainWindow, kind: str) -> list:
    pane = window.docks.conversation_pane
    pane.apply_now()
    return [a for a in pane.conversation.arrows if a.kind == kind]


def lane_title(window: MainWindow, index: int | None) -> str | None:
    lanes = window.docks.conversation_pane.conversation.lanes
    return None if index is None else lanes[index].title


def test_a_request_and_its_echo_are_drawn_between_the_right_lanes(
        qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.docks.conversation_dock.raise_()
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "hello")
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)

    def drawn() -> list:
        return [(lane_title(main_window, a.from_lane), lane_title(main_window, a.to_lane), a.data)
                for a in arrows(main_window, DATA) if a.to_row is not None]

    qtbot.waitUntil(lambda: len(drawn()) == 2, timeout=SIGNAL_TIMEOUT_MS)
    assert drawn() == [("Client 1", "thread conn-1", b"hello\n"),
                       ("thread conn-1", "Client 1", b"hello\n")]
    assert len(arrows(main_window, HANDSHAKE)) == 3

    # Clicking the request shows its bytes.
    chart = main_window.docks.conversation_pane.chart
    request = arrows(main_window, DATA)[0]
    chart.verticalScrollBar().setValue(0)
    middle = (chart.mapFromScene(chart.lane_x(request.from_lane), chart.row_y(request.from_row))
              + chart.mapFromScene(chart.lane_x(request.to_lane), chart.row_y(request.to_row))) / 2
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle))
    shown = main_window.docks.conversation_pane.bytes_view.toPlainText()
    assert "Client 1 → thread conn-1" in shown and "68 65 6c 6c 6f 0a" in shown
    # A click a few pixels beside the line is a click on it too.
    main_window.docks.conversation_pane.bytes_view.clear()
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(middle) + QPoint(0, 5))
    assert "Client 1 → thread conn-1" in main_window.docks.conversation_pane.bytes_view.toPlainText()

    client.disconnect_button.click()
    qtbot.waitUntil(lambda: [a.label.split()[0] for a in arrows(main_window, TEARDOWN)]
                    == ["FIN", "ACK", "FIN", "ACK"], timeout=SIGNAL_TIMEOUT_MS)


@pytest.mark.skipif(shutil.which("ncat") is None, reason="ncat is not installed")
def test_a_client_outside_the_app_is_drawn_too(qtbot: QtBot, main_window: MainWindow) -> None:
    port = start_server(qtbot, main_window, ServerModel.SELECT)
    ncat = subprocess.run(["ncat", "--send-only", "127.0.0.1", str(port)], input=b"from ncat\n",
                          capture_output=True, timeout=WAIT_SECONDS)
    assert ncat.returncode == 0, ncat.stderr

    def from_ncat() -> list:
        return [a for a in arrows(main_window, DATA)
                if str(lane_title(main_window, a.from_lane)).endswith("(not in the app)")]

    qtbot.waitUntil(lambda: bool(from_ncat()), timeout=SIGNAL_TIMEOUT_MS)
    assert from_ncat()[0].data == b"from ncat\n"
    assert lane_title(main_window, from_ncat()[0].to_lane) == "select loop"
    handshake = arrows(main_window, HANDSHAKE)
    assert handshake and "before accept() returned" in handshake[0].label


def test_the_chart_keeps_no_more_items_than_the_arrows_it_keeps(qtbot: QtBot,
                                                               main_window: MainWindow) -> None:
    from gui.conversation import MAX_ARROWS
    from netcore.events import EventKind, make_event

    pane = main_window.docks.conversation_pane
    main_window.docks.conversation_dock.raise_()
    pane.conversation.note_server_port(9)
    events = [make_event(EventKind.ACCEPTED, 1, "accept loop", peer="127.0.0.1:5000")]
    events += [make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x")
               for _ in range(MAX_ARROWS + 500)]
    pane.take_server_events(events)
    pane.apply_now()
    chart = pane.chart
    assert len(pane.conversation.arrows) == MAX_ARROWS
    assert len(chart._items) <= MAX_ARROWS
    assert len(chart.scene().items()) <= 3 * MAX_ARROWS + len(pane.conversation.lanes)


def test_brought_to_the_front_after_a_flood_the_chart_lets_the_window_answer_as_it_draws(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Behind its tab during a flood, the chart draws its thousands of arrows when it is
    seen again: a few at a time, with the window answering in between (in one go, it
    froze the window for half a second)."""
    from gui.conversation import MAX_ARROWS
    from gui.conversation_chart import ARROWS_PER_TURN
    from netcore.events import EventKind, make_event

    pane = main_window.docks.conversation_pane
    chart = pane.chart
    from gui.refresh_throttle import on_screen
    dock = main_window.docks.conversation_dock
    main_window.tabifiedDockWidgets(dock)[0].raise_()  # the chart behind its tab
    qtbot.waitUntil(lambda: not on_screen(chart), timeout=SIGNAL_TIMEOUT_MS)
    pane.conversation.note_server_port(9)
    events = [make_event(EventKind.ACCEPTED, 1, "accept loop", peer="127.0.0.1:5000")]
    events += [make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x")
               for _ in range(MAX_ARROWS)]
    pane.take_server_events(events)
    pane._apply_held(everything=True)
    drawn_when_the_window_ran: list[tuple[int, bool]] = []
    newest = pane.conversation.arrows[-1].number
    other_tab = main_window.tabifiedDockWidgets(dock)[0]

    def the_window_runs() -> None:
        drawn_when_the_window_ran.append((len(chart._items), newest in chart._items))
        other_tab.raise_()  # the person looks elsewhere before it is all drawn...

    dock.raise_()
    QTimer.singleShot(0, the_window_runs)
    qtbot.waitUntil(lambda: bool(drawn_when_the_window_ran) and not on_screen(chart),
                    timeout=SIGNAL_TIMEOUT_MS)
    drawn, newest_drawn = drawn_when_the_window_ran[0]
    assert drawn <= 2 * ARROWS_PER_TURN < MAX_ARROWS
    assert newest_drawn, "where the chart follows, the newest arrows, is drawn first"
    dock.raise_()  # ...and back: the rest is drawn (it stopped for good, unseen)
    qtbot.waitUntil(lambda: len(chart._items) == MAX_ARROWS, timeout=SIGNAL_TIMEOUT_MS)


def test_a_queued_client_reset_by_the_stopping_server_is_drawn_from_the_server(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """The iterative server stops while a second client waits in its listen queue: the
    server's kernel resets that connection, and the RST goes server → client."""
    start_server(qtbot, main_window, ServerModel.ITERATIVE)
    open_connected_client(qtbot, main_window)
    second = open_connected_client(qtbot, main_window)
    main_window.stop_button.click()
    qtbot.waitUntil(lambda: bool(second.controller.last_error), timeout=SIGNAL_TIMEOUT_MS)
    assert second.controller.last_error.startswith("The other side reset the connection")
    qtbot.waitUntil(lambda: bool(arrows(main_window, RESET)), timeout=SIGNAL_TIMEOUT_MS)
    (reset,) = arrows(main_window, RESET)
    assert (lane_title(main_window, reset.from_lane), lane_title(main_window, reset.to_lane)) \
        == ("main loop", "Client 2")
    # The first client, accepted and served, was closed normally: FIN, not RST.
    fins = [a for a in arrows(main_window, TEARDOWN) if a.label.startswith("FIN")]
    assert [lane_title(main_window, a.from_lane) for a in fins][:1] == ["main loop"]


def test_connecting_where_nothing_listens_is_answered_by_rst(qtbot: QtBot,
                                                             main_window: MainWindow) -> None:
    start_server(qtbot, main_window, ServerModel.THREAD)
    client = main_window.open_client_window()  # aimed at the server's port
    main_window.stop_button.click()
    qtbot.waitUntil(lambda: not main_window.server.running, timeout=SIGNAL_TIMEOUT_MS)
    client.connect_button.click()
    qtbot.waitUntil(lambda: bool(client.controller.last_error), timeout=SIGNAL_TIMEOUT_MS)
    assert client.controller.last_error.startswith("Connection refused")
    qtbot.waitUntil(lambda: bool(arrows(main_window, RESET)), timeout=SIGNAL_TIMEOUT_MS)
    (reset,) = arrows(main_window, RESET)
    assert lane_title(main_window, reset.to_lane) == "Client 1"
    assert "nothing listens on that port" in reset.label
    syn = arrows(main_window, HANDSHAKE)[-1]
    assert syn.short == "SYN" and syn.to_lane == reset.from_lane


@pytest.mark.parametrize("second_model", [ServerModel.PROCESS, ServerModel.SELECT],
                         ids=lambda m: m.value)
def test_a_server_restarted_with_clients_connected_draws_no_strangers(
        qtbot: QtBot, main_window: MainWindow, second_model: ServerModel) -> None:
    # Connection numbers start again at 1 with each server: the chart must not take the
    # new server's conn 1, or the old server's last events, for a client outside the app.
    main_window.docks.conversation_dock.raise_()
    port = start_server(qtbot, main_window, ServerModel.THREAD)
    clients = [open_connected_client(qtbot, main_window) for _ in range(2)]
    for client in clients:
        send_from(client, "before")
    qtbot.waitUntil(lambda: all(received_text(c) == b"before\n" for c in clients),
                    timeout=SIGNAL_TIMEOUT_MS)
    with qtbot.waitSignal(main_window.server.stopped, timeout=SIGNAL_TIMEOUT_MS):
        main_window.stop_button.click()
    qtbot.waitUntil(lambda: all(not c.controller.busy for c in clients),
                    timeout=SIGNAL_TIMEOUT_MS)
    assert start_server(qtbot, main_window, second_model) == port
    for client in clients:
        client.connect_button.click()
    qtbot.waitUntil(lambda: all(c.controller.local_port for c in clients),
                    timeout=SIGNAL_TIMEOUT_MS)
    for client in clients:
        send_from(client, "after")
    qtbot.waitUntil(lambda: all(received_text(c) == b"before\nafter\n" for c in clients),
                    timeout=SIGNAL_TIMEOUT_MS)
    pane = main_window.docks.conversation_pane

    def titles() -> list[str]:
        pane.apply_now()
        return [lane.title for lane in pane.conversation.lanes]

    # Each client's second request is drawn to the new server's worker.
    def afters() -> list:
        return [(lane_title(main_window, a.from_lane), a.data) for a in arrows(main_window, DATA)
                if a.data == b"after\n" and a.to_row is not None]

    qtbot.waitUntil(lambda: len(afters()) == 4, timeout=SIGNAL_TIMEOUT_MS)
    assert not [title for title in titles() if "not in the app" in title], titles()
    assert sorted(title for title, _data in afters()).count("Client 1") == 1


def two_clients_talking(qtbot: QtBot, window: MainWindow, model: ServerModel) -> list:
    window.docks.conversation_dock.raise_()
    start_server(qtbot, window, model)
    clients = [open_connected_client(qtbot, window) for _ in range(2)]
    for client in clients:
        send_from(client, "before")
    qtbot.waitUntil(lambda: all(received_text(c) == b"before\n" for c in clients),
                    timeout=SIGNAL_TIMEOUT_MS)
    return clients


def strangers(window: MainWindow) -> list[str]:
    pane = window.docks.conversation_pane
    pane.apply_now()
    return [lane.title for lane in pane.conversation.lanes if "not in the app" in lane.title]


@pytest.mark.parametrize("model", [ServerModel.THREAD, ServerModel.PROCESS],
                         ids=lambda m: m.value)
def test_a_demo_started_while_clients_talk_draws_no_strangers(
        qtbot: QtBot, main_window: MainWindow, model: ServerModel) -> None:
    # The demo clears the chart, then stops this server: the ends of connections from
    # before the clear are not drawn to lanes nobody knows.
    from tests.gui.test_demos import run_demo
    own = two_clients_talking(qtbot, main_window, model)
    run_demo(qtbot, main_window, "one-at-a-time")
    assert strangers(main_window) == []
    titles = {lane.title for lane in main_window.docks.conversation_pane.conversation.lanes}
    assert {"Client 3", "Client 4", "main loop"} <= titles
    assert not {client.name for client in own} & titles
    for client in own:
        client.close()
    main_window.docks.demo_pane.end_button.click()


def test_after_clear_a_connection_goes_on_unseen_and_the_next_one_is_drawn(
        qtbot: QtBot, main_window: MainWindow) -> None:
    first, _second = two_clients_talking(qtbot, main_window, ServerModel.THREAD)
    main_window.docks.conversation_pane.clear_button.click()
    # An empty chart says why it stays empty while the clients go on talking.
    chart = main_window.docks.conversation_pane.chart
    assert words_on(chart) > 0
    send_from(first, "during")
    first.disconnect_button.click()
    qtbot.waitUntil(lambda: not first.controller.busy, timeout=SIGNAL_TIMEOUT_MS)
    assert strangers(main_window) == []
    assert arrows(main_window, DATA) == []
    first.connect_button.click()
    qtbot.waitUntil(lambda: len(arrows(main_window, HANDSHAKE)) == 3, timeout=SIGNAL_TIMEOUT_MS)
    # To the accept loop, still in accept() since before the Clear (it was "server").
    syn = arrows(main_window, HANDSHAKE)[0]
    assert (lane_title(main_window, syn.from_lane), lane_title(main_window, syn.to_lane)) == (
        "Client 1", "accept loop")
    send_from(first, "again")
    qtbot.waitUntil(lambda: received_text(first).endswith(b"again\n"), timeout=SIGNAL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: len([a for a in arrows(main_window, DATA) if a.to_row is not None])
                    == 2, timeout=SIGNAL_TIMEOUT_MS)
    assert [(lane_title(main_window, a.from_lane), lane_title(main_window, a.to_lane))
            for a in arrows(main_window, DATA)] == [("Client 1", "thread conn-3"),
                                                   ("thread conn-3", "Client 1")]
    assert strangers(main_window) == []
    assert words_on(chart) == 0, "drawn again: the note is gone"


def words_on(chart) -> int:
    """The chart's note (a chart cleared while clients talk says why it stays empty):
    its length, once it is seen written under the titles."""
    from gui.conversation_chart import TOP
    note = chart.note()
    if note:
        chart.viewport().repaint()
        picture = chart.viewport().grab().toImage()
        background = picture.pixel(picture.width() // 2, picture.height() - 2)
        band = range(int(TOP * chart.transform().m22()), min(picture.height(), 200))
        assert any(picture.pixel(x, y) != background
                   for y in band for x in range(0, picture.width(), 2)), "the note is not shown"
    return len(note)


def screen_differs_from_a_fresh_paint(chart) -> int:
    """How many pixels of the chart on the screen (as painted, scrolls and all) differ from
    painting it afresh."""
    from PySide6.QtCore import QRect
    from tests.gui.diagram_pictures import screen_picture
    viewport = chart.viewport()
    corner = viewport.mapTo(viewport.window(), QPoint(0, 0))
    shown = screen_picture(viewport).copy(QRect(corner, viewport.size()))
    fresh = viewport.grab().toImage().convertToFormat(shown.format())
    return sum(shown.pixel(x, y) != fresh.pixel(x, y)
               for y in range(0, shown.height(), 2) for x in range(0, shown.width(), 2))


def test_lane_titles_stay_one_row_when_scrolled_and_new_lanes_get_theirs(
        qtbot: QtBot, main_window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication
    from netcore.events import EventKind, make_event
    main_window.resize(1100, 900)
    main_window.docks.conversation_dock.raise_()
    pane = main_window.docks.conversation_pane
    pane.conversation.note_server_port(9)
    pane.take_server_events(
        [make_event(EventKind.ACCEPTED, 1, "accept loop", peer="127.0.0.1:5000")]
        + [make_event(EventKind.RECEIVED, 1, "thread conn-1", data=b"x") for _ in range(80)])
    pane.apply_now()
    chart = pane.chart
    qtbot.waitUntil(lambda: chart.verticalScrollBar().maximum() > 0, timeout=SIGNAL_TIMEOUT_MS)
    QApplication.processEvents()
    bar = chart.verticalScrollBar()
    for _ in range(12):  # wheel-sized steps up, each painted as the screen paints it
        bar.setValue(bar.value() - 40)
        QApplication.processEvents()
    assert screen_differs_from_a_fresh_paint(chart) == 0
    # A second connection: a new lane, titled on the screen at once.
    pane.take_server_events(
        [make_event(EventKind.ACCEPTED, 2, "accept loop", peer="127.0.0.1:5001"),
         make_event(EventKind.RECEIVED, 2, "thread conn-2", data=b"y")])
    pane.apply_now()
    QApplication.processEvents()
    assert "thread conn-2" in [lane.title for lane in pane.conversation.lanes]
    assert screen_differs_from_a_fresh_paint(chart) == 0


# The tooltip is a window of its own, and the headless platform cannot raise windows.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_title_too_long_for_its_lane_is_cut_short_and_told_in_full_on_hover(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """After MAX_LANES lanes the rest share a lane a side; its title, and any other
    too long for two lines of its lane, is cut short with "…" instead of running off the
    title row, and hovering it tells all, with why the lane is shared."""
    from PySide6.QtCore import QEvent, QPointF, QRectF
    from PySide6.QtGui import QFont, QFontMetricsF, QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    from gui.conversation import MAX_LANES
    from gui.conversation_chart import LANE_WIDTH, TEXT_SIZE, TOP
    from gui.lane_titles import SIDE_MARGIN, TITLE_FLAGS, fitted_title
    from netcore.events import EventKind, make_event

    main_window.docks.conversation_dock.raise_()
    pane = main_window.docks.conversation_pane
    pane.conversation.note_server_port(9)
    events = []
    for conn in range(1, MAX_LANES):  # a client lane and a thread lane each
        events += [make_event(EventKind.ACCEPTED, conn, "accept loop",
                              peer=f"[2001:db8:85a3::8a2e:370:{conn:x}]:{50000 + conn}"),
                   make_event(EventKind.RECEIVED, conn, f"thread conn-{conn}", data=b"x")]
    pane.take_server_events(events)
    pane.apply_now()
    lanes = pane.conversation.lanes
    shared = [lane for lane in lanes if lane.key.startswith("overflow:")]
    assert sorted(lane.title for lane in shared) == [
        "all other clients (Clear to follow new ones)",
        "all other server workers (Clear to follow new ones)"]  # which is which
    assert all(f"{MAX_LANES} lanes" in lane.explanation for lane in shared)

    chart = pane.chart
    font = QFont(chart.font())
    font.setPixelSize(TEXT_SIZE + 1)
    font.setBold(True)
    width = LANE_WIDTH - 2 * SIDE_MARGIN
    metrics = QFontMetricsF(font)
    for title in (shared[0].title, lanes[0].title, lanes[0].title.replace(":", ": ")):
        shown = fitted_title(font, title, width)
        assert shown.count("\n") <= 1
        if title is lanes[0].title:  # an IPv6 peer's, cut short
            assert shown.endswith("…")
        room = metrics.boundingRect(QRectF(0, 0, width, 1e6), TITLE_FLAGS, shown)
        assert room.height() <= TOP - 12  # inside the title row, nothing cut off
    assert fitted_title(font, "thread conn-1", width) == "thread conn-1"

    chart.horizontalScrollBar().setValue(chart.horizontalScrollBar().maximum())
    QApplication.processEvents()
    server_shared = next(lane for lane in shared if lane.side != "client")
    at = chart.mapFromScene(QPointF(chart.lane_x(server_shared.index),
                                    chart.mapToScene(0, 0).y() + TOP / 2))
    QApplication.sendEvent(chart.viewport(), QHelpEvent(QEvent.Type.ToolTip, at,
                                                         chart.viewport().mapToGlobal(at)))
    assert QToolTip.text().startswith("all other server workers (Clear to follow new ones)\n")
    assert "Clear the chart" in QToolTip.text()
    QToolTip.hideText()
