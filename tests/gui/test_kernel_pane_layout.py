"""The kernel's view shares its pane between the table of sockets and the TCP state
machine: side by side or one above the other, whichever draws the machine larger."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from gui.connections_model import ConnectionsModel
from gui.diagram_view import DESIGN_TEXT_UNITS
from gui.kernel_pane import KernelPane
from gui.kernel_watch_controller import KernelWatchController
from tests.gui.conftest import SIGNAL_TIMEOUT_MS


@pytest.fixture
def pane(qtbot: QtBot) -> Iterator[KernelPane]:
    watch = KernelWatchController()
    made = KernelPane(watch, ConnectionsModel())
    qtbot.addWidget(made)
    yield made
    watch.shut_down()


def fitted_text_pixels(qtbot: QtBot, pane: KernelPane) -> float:
    """How high the state names are drawn once Fit to pane is pressed."""
    pane.view.zoom_to_fit()
    view = pane.view
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible()
                    and not view.verticalScrollBar().isVisible(), timeout=SIGNAL_TIMEOUT_MS)
    return DESIGN_TEXT_UNITS * pane.diagram.scale()


def test_a_wide_low_pane_draws_the_state_machine_beside_the_table(
        qtbot: QtBot, pane: KernelPane) -> None:
    pane.resize(736, 358)  # the diagrams' dock on a laptop's screen
    pane.show()
    qtbot.waitExposed(pane)
    # One above the other it was drawn at ~5 px: its state names could not be read.
    assert fitted_text_pixels(qtbot, pane) >= 6.5
    assert pane.table.width() >= 400, "the table keeps its first columns in view"


def test_a_split_the_person_dragged_is_kept_when_the_pane_turns(
        qtbot: QtBot, pane: KernelPane) -> None:
    pane.resize(736, 358)
    pane.show()
    qtbot.waitExposed(pane)
    splitter = pane.splitter
    assert splitter.orientation() is Qt.Orientation.Horizontal
    first = splitter.sizes()
    handle = splitter.handle(1)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(-60, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(-60, 0))
    dragged = splitter.sizes()
    assert dragged[0] < first[0] - 30, (first, dragged)
    pane.resize(500, 800)  # floated, tall: one above the other
    qtbot.waitUntil(lambda: splitter.orientation() is Qt.Orientation.Vertical,
                    timeout=SIGNAL_TIMEOUT_MS)
    pane.resize(736, 358)  # back in its dock
    qtbot.waitUntil(lambda: splitter.orientation() is Qt.Orientation.Horizontal,
                    timeout=SIGNAL_TIMEOUT_MS)
    assert abs(splitter.sizes()[0] - dragged[0]) <= 2, (splitter.sizes(), dragged)


def test_a_large_pane_keeps_the_table_above_with_every_column(
        qtbot: QtBot, pane: KernelPane) -> None:
    pane.resize(1100, 760)  # floated and enlarged for a projector
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.table.width() >= pane.width() - 40  # the table across the pane
    assert fitted_text_pixels(qtbot, pane) >= pane.diagram.text_pixels() - 0.01
