"""The conversation chart's labels stay readable in a busy chart: none is written over
another, each lies along its own arrow, a line that must cross one passes behind its
letters, and clicking a label shows its arrow's bytes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from gui import language
from gui.conversation import DATA, TEARDOWN, Arrow
from gui.conversation_chart import ARROW_KEY, CLICK_SLACK, TOP, ConversationChart
from gui.conversation_labels import LabelPlaces, crosses, spots
from gui.main_window import MainWindow
from netcore.config import ServerModel
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)
from tests.gui.test_colours import dark  # noqa: F401  (a fixture: the app's palette dark)
from tests.gui.test_text_size import action

CLIENTS = 4
MESSAGES = {language.ENGLISH: ("Hello from client {n}!", "Is anybody there? (client {n})"),
            language.CHINESE: ("你好，我是客户端 {n}！", "有人在吗？（客户端 {n}）")}
# This far (in RGB) from any mix of a label's ink and its patch: another line's pixel.
# Behind the patch a line shows at a sixth of its strength, 30 off at most.
FOREIGN = 50
TITLES = int(TOP)  # the lane titles cover the top of the view


@pytest.fixture
def spoken(request: pytest.FixtureRequest) -> str:
    """The language the test is given (English if none)."""
    return getattr(request, "param", language.ENGLISH)


@pytest.fixture
def window_in(spoken: str, qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window, built speaking that language."""
    assert language.install_language(spoken)
    window = MainWindow()
    qtbot.addWidget(window)
    window.port_spin.setValue(0)
    window.show()
    try:
        yield window
    finally:
        window.close()
        language.install_language(language.ENGLISH)  # every other test reads English


def busy_chart(qtbot: QtBot, window: MainWindow, model: ServerModel = ServerModel.THREAD,
               spoken: str = language.ENGLISH) -> ConversationChart:
    """Several clients send at once, twice, and then all close at once: their requests,
    echoes, FINs and ACKs land on rows close together, slanted arrows crossing."""
    window.resize(1400, 1200)
    docks = window.docks
    docks.conversation_dock.raise_()
    window.resizeDocks([docks.conversation_dock], [800], Qt.Orientation.Vertical)
    start_server(qtbot, window, model)
    clients = [open_connected_client(qtbot, window) for _ in range(CLIENTS)]
    messages = MESSAGES[spoken]
    for message in messages:
        for n, client in enumerate(clients, start=1):
            send_from(client, message.format(n=n))
    for n, client in enumerate(clients, start=1):
        expected = "".join(m.format(n=n) + "\n" for m in messages).encode()
        qtbot.waitUntil(lambda: received_text(client) == expected, timeout=SIGNAL_TIMEOUT_MS)
    for client in clients:
        client.disconnect_button.click()
    pane = docks.conversation_pane

    def teardown_arrows() -> int:
        pane.apply_now()
        return len([a for a in pane.conversation.arrows if a.kind == TEARDOWN])

    # A FIN and its ACK each way, for each connection.
    qtbot.waitUntil(lambda: teardown_arrows() == 4 * CLIENTS, timeout=SIGNAL_TIMEOUT_MS)
    return pane.chart


def labels(chart: ConversationChart) -> dict[int, QGraphicsSimpleTextItem]:
    """Each label the chart shows, by its arrow's number."""
    return {int(item.data(ARROW_KEY)): item for item in chart.scene().items()
            if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible()}


def line_of(chart: ConversationChart, arrow: Arrow) -> tuple[QPointF, QPointF]:
    assert arrow.to_lane is not None and arrow.to_row is not None, "every arrow arrived"
    return (QPointF(chart.lane_x(arrow.from_lane), chart.row_y(arrow.from_row)),
            QPointF(chart.lane_x(arrow.to_lane), chart.row_y(arrow.to_row)))


def points_along(start: QPointF, end: QPointF) -> list[QPointF]:
    """A point every pixel or so along the line."""
    steps = max(1, int(max(abs(end.x() - start.x()), abs(end.y() - start.y()))))
    return [start + (end - start) * (i / steps) for i in range(steps + 1)]


def gap_to(rect: QRectF, point: QPointF) -> float:
    dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
    return (dx * dx + dy * dy) ** 0.5


@pytest.mark.parametrize(("model", "spoken"),
                         [(ServerModel.SELECT, language.ENGLISH),
                          (ServerModel.THREAD, language.ENGLISH),
                          (ServerModel.THREAD, language.CHINESE)],
                         ids=["select", "thread", "thread-zh_CN"], indirect=["spoken"])
def test_in_a_busy_chart_no_label_is_written_over_another_and_each_is_by_its_arrow(
        qtbot: QtBot, window_in: MainWindow, model: ServerModel, spoken: str) -> None:
    chart = busy_chart(qtbot, window_in, model, spoken)
    arrows = chart.conversation.arrows
    shown = labels(chart)
    assert set(shown) == {arrow.number for arrow in arrows}, "every arrow has its label"
    rects = {number: label.sceneBoundingRect() for number, label in shown.items()}
    overlapping = [(shown[a].text(), shown[b].text())
                   for (a, one), (b, other) in combinations(rects.items(), 2)
                   if not one.intersected(other).isEmpty()]
    assert overlapping == []
    for arrow in arrows:
        rect = rects[arrow.number]
        start, end = line_of(chart, arrow)
        along = points_along(start, end)
        # Next to its own line (a pixel or two off it), never cut by it, and along it:
        # not beyond either end.
        assert min(gap_to(rect, p) for p in along) <= 2, (arrow.label, rect)
        assert not any(rect.adjusted(1, 1, -1, -1).contains(p) for p in along), arrow.label
        span = sorted((start.x(), end.x()))
        beside = min(rect.right(), span[1]) - max(rect.left(), span[0])
        assert beside >= min(rect.width(), span[1] - span[0]) - 1, (arrow.label, rect, span)
    data = [a for a in arrows if a.kind == DATA]
    assert len(data) >= 2 * CLIENTS and all(
        shown[a.number].text().startswith(a.label) for a in data), "each says its size"


def ink_share(pixel: QColor, ink: QColor, patch: QColor) -> tuple[float, float]:
    """How far `pixel` is along the mix from the patch (0) to the ink (1), and how far
    (in RGB) it is from any such mix: text drawn on its patch is only such mixes."""
    p = (pixel.red(), pixel.green(), pixel.blue())
    a = (patch.red(), patch.green(), patch.blue())
    b = (ink.red(), ink.green(), ink.blue())
    d = [b[i] - a[i] for i in range(3)]
    length = sum(c * c for c in d) or 1
    share = max(0.0, min(1.0, sum((p[i] - a[i]) * d[i] for i in range(3)) / length))
    off = sum((p[i] - a[i] - share * d[i]) ** 2 for i in range(3)) ** 0.5
    return share, off


def foreign_and_inked(picture: QImage, box: QRect, ink: QColor,
                      patch: QColor) -> tuple[int, int]:
    """In the label's box: pixels of something else (another arrow's line through the
    letters), and pixels of its own ink (its letters). Not its outermost pixels: the box
    is the label's rounded out to whole pixels."""
    foreign = inked = 0
    for y in range(box.top() + 2, box.bottom() - 1):
        for x in range(box.left() + 2, box.right() - 1):
            share, off = ink_share(picture.pixelColor(x, y), ink, patch)
            foreign += off > FOREIGN
            inked += share > 0.6
    return foreign, inked


@pytest.mark.parametrize("look", ["light", "dark", "larger text", "zoomed in"])
def test_a_line_that_crosses_a_label_passes_behind_its_letters(
        qtbot: QtBot, window_in: MainWindow, look: str, request: pytest.FixtureRequest) -> None:
    if look == "dark":
        request.getfixturevalue("dark")
    chart = busy_chart(qtbot, window_in)
    # The app's palette reaches each widget in an event of its own.
    qtbot.waitUntil(lambda: chart.viewport().palette().color(QPalette.ColorRole.Base)
                    == QApplication.palette().color(QPalette.ColorRole.Base),
                    timeout=SIGNAL_TIMEOUT_MS)
    try:
        if look == "larger text":
            action(window_in, "&Larger text").trigger()
        elif look == "zoomed in":
            window_in.docks.conversation_pane.zoom_in_button.click()
        viewport = chart.viewport()
        patch = viewport.palette().color(QPalette.ColorRole.Base)
        checked: set[int] = set()
        down, across = chart.verticalScrollBar(), chart.horizontalScrollBar()
        # Half a viewport at a time down, a quarter across: each label (even a long one,
        # zoomed in) is seen whole at least once, in whatever layout the window gives the
        # chart's dock.
        rows = range(0, down.maximum() + viewport.height(), viewport.height() // 2)
        columns = range(0, across.maximum() + viewport.width(), viewport.width() // 4)
        spots = [(x, y) for y in rows for x in columns]
        for x, y in spots:
            down.setValue(y)
            across.setValue(x)
            QApplication.processEvents()
            picture = viewport.grab().toImage()
            for number, label in labels(chart).items():
                box = chart.mapFromScene(label.sceneBoundingRect()).boundingRect()
                if number in checked or box.top() < TITLES or not viewport.rect().contains(box):
                    continue
                checked.add(number)
                foreign, inked = foreign_and_inked(picture, box, label.brush().color(), patch)
                assert foreign == 0, f"{label.text()!r}: {foreign} pixels of another line"
                assert inked >= 5, f"{label.text()!r}: its letters are not to be seen"
        assert len(checked) >= len(chart.conversation.arrows) * 0.8
    finally:
        window_in.text_size.normal()


def test_clicking_a_label_shows_its_arrow_s_bytes(qtbot: QtBot, window_in: MainWindow) -> None:
    chart = busy_chart(qtbot, window_in)
    pane = window_in.docks.conversation_pane
    shown = labels(chart)
    # The last request's label, slid off the middle of its arrow or not: a click on it.
    request = [a for a in chart.conversation.arrows
               if a.kind == DATA and a.data.startswith(b"Is anybody")][-1]
    rect = shown[request.number].sceneBoundingRect()
    chart.ensureVisible(rect)
    QApplication.processEvents()
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                     pos=chart.mapFromScene(rect.center() + QPointF(rect.width() / 4, 0)))
    assert "Is anybody there? (client" in pane.bytes_view.toPlainText()
    assert request.data.hex(" ")[:17] in pane.bytes_view.toPlainText()


# ---- the placement itself (gui/conversation_labels.py) ----

def test_a_label_goes_above_the_middle_of_a_level_arrow_when_there_is_room() -> None:
    places = LabelPlaces()
    rect = places.place(1, (0, 100, 200, 100), 80, 15)
    assert rect == (60, 84, 140, 99)


def test_a_second_label_in_the_way_slides_along_its_arrow_toward_its_start() -> None:
    places = LabelPlaces()
    first = places.place(1, (0, 100, 400, 100), 100, 15)
    second = places.place(2, (400, 105, 0, 105), 100, 15)  # right to left, just below
    assert first is not None and second is not None
    assert second[3] <= 104 and second[0] > first[2], "further toward its start, at the right"


def test_a_spot_crossed_by_another_arrow_is_passed_over_for_a_clear_one() -> None:
    places = LabelPlaces()
    places.add_line(1, (150, 0, 250, 200))  # a steep arrow through the middle
    rect = places.place(2, (0, 100, 400, 100), 80, 15)
    assert rect is not None and not crosses((150, 0, 250, 200), rect)
    assert rect[3] == 99, "still just above its own line"


def test_an_arrow_that_arrives_across_a_label_moves_it_to_a_clear_spot() -> None:
    places = LabelPlaces()
    places.add_line(1, (0, 100, 400, 100))
    before = places.place(1, (0, 100, 400, 100), 80, 15)
    assert before == (160, 84, 240, 99)
    steep = (190, 0, 210, 200)  # it was in flight; now it arrives, right through it
    assert places.add_line(2, steep) == [1]
    after = places.move_clear(1, 80, 15)
    assert after is not None and not crosses(steep, after) and after[3] == 99
    assert places.labels[1] == after


def test_a_label_with_no_room_left_is_refused() -> None:
    places = LabelPlaces()
    for number, y in enumerate((50, 100, 150), start=1):
        assert places.place(number, (0, y, 100, y), 100, 48) is not None
    assert places.place(4, (0, 100, 100, 100), 100, 48) is None


def test_a_slanted_arrow_s_label_is_clear_of_its_own_line() -> None:
    line = (0.0, 0.0, 400.0, 100.0)
    for rect in spots(line, 120, 15):
        assert not crosses(line, rect)


def test_a_click_just_below_a_line_is_on_it_not_on_the_next_arrow_s_label(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """Labels are drawn over the lines (their patches hide what crosses them), but a
    click beside a line, outside any label, is on the line: here the next row's label
    starts a few pixels below it, within a click's slack."""
    from netcore.events import EventKind, make_event
    pane = main_window.docks.conversation_pane
    main_window.docks.conversation_dock.raise_()
    pane.conversation.note_server_port(9)
    pane.take_server_events(
        [make_event(EventKind.ACCEPTED, 1, "accept loop", peer="127.0.0.1:5000")]
        + [make_event(EventKind.RECEIVED, 1, "thread conn-1", data=text)
           for text in (b"first\n", b"second\n")])
    pane.apply_now()
    chart = pane.chart
    first, second = [a for a in chart.conversation.arrows if a.kind == DATA]
    assert second.from_row == first.from_row + 1, "on the next row"
    start, end = line_of(chart, first)
    chart.verticalScrollBar().setValue(0)
    below = chart.mapFromScene((start + end) / 2 + QPointF(0, 5))
    next_label = labels(chart)[second.number].sceneBoundingRect()
    assert next_label.top() - start.y() < 5 + CLICK_SLACK, "the next label is within reach"
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert "first\\n" in pane.bytes_view.toPlainText()
