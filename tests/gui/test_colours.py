"""The app's own text colours read well on a light palette and on a dark one (WCAG AA:
a contrast of 4.5 to 1 at least), and the window follows a change of palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from gui import colours
from gui.log_model import LogModel
from gui.main_window import MainWindow
from netcore.events import EventKind, make_event

AA_CONTRAST = 4.5


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    brighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (brighter + 0.05) / (darker + 0.05)


def dark_palette() -> QPalette:
    """What Qt's Fusion style gives for a dark colour scheme."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    for role, value in ((QPalette.ColorRole.Window, "#353535"), (QPalette.ColorRole.Base, "#2a2a2a"),
                        (QPalette.ColorRole.Text, "#ffffff"),
                        (QPalette.ColorRole.WindowText, "#ffffff")):
        palette.setColor(role, QColor(value))
    return palette


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    light = QGuiApplication.palette()
    palette = dark_palette()
    QApplication.setPalette(palette)
    colours.palette_changed()
    try:
        yield palette
    finally:
        QApplication.setPalette(light)
        colours.palette_changed()


def test_every_text_colour_reads_well_on_light_and_on_dark(qapp: QApplication) -> None:
    light_base = QStyleFactory.create("Fusion").standardPalette().color(QPalette.ColorRole.Base)
    dark_base = dark_palette().color(QPalette.ColorRole.Base)
    for text in colours.ALL_TEXT_COLOURS:
        assert contrast(text.on_light, light_base) >= AA_CONTRAST, text.on_light.name()
        assert contrast(text.on_dark, dark_base) >= AA_CONTRAST, text.on_dark.name()


def test_the_conversation_s_arrows_are_drawn_in_those_colours() -> None:
    from gui.conversation_chart import COLOURS
    assert all(text in colours.ALL_TEXT_COLOURS for text in COLOURS.values())


def test_the_log_uses_the_dark_colours_on_a_dark_palette(qapp: QApplication,
                                                         dark: QPalette) -> None:
    log = LogModel()
    log.append([make_event(EventKind.ERROR, 1, "thread conn-1", "The other side reset it.")])
    shown = log.data(log.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert shown == colours.ERROR.on_dark
    assert contrast(shown, dark.color(QPalette.ColorRole.Base)) >= AA_CONTRAST


def test_the_window_follows_a_change_of_palette(qtbot: QtBot, main_window: MainWindow,
                                                dark: QPalette) -> None:
    QApplication.setPalette(QStyleFactory.create("Fusion").standardPalette())
    qtbot.waitUntil(lambda: not colours.palette_is_dark(), timeout=5000)
    QApplication.setPalette(dark)  # as when the system switches to its dark scheme
    qtbot.waitUntil(colours.palette_is_dark, timeout=5000)
    assert colours.ERROR.on_dark.name() in main_window.error_label.styleSheet()
