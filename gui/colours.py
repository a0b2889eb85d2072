"""The colours of the app's text, readable on a light palette and on a dark one.

Qt follows the system's light or dark palette; text the app colours itself (the log's
kinds of line, errors, warnings, the kernel's states) has a colour for each, each at
least 4.5 times as bright or as dark as the palette's background (WCAG's AA contrast for
text), which tests/gui/test_colours.py checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class TextColour:
    on_light: QColor
    on_dark: QColor


def _pair(on_light: str, on_dark: str) -> TextColour:
    return TextColour(QColor(on_light), QColor(on_dark))


ERROR = _pair("#b00020", "#ff8a80")
RECEIVED = _pair("#0b6e2e", "#81c784")
SENT = _pair("#1a4fa0", "#90caf9")
MESSAGE = _pair("#6a1b9a", "#ce93d8")
WAITING = _pair("#666666", "#a8a8a8")  # grey, but still readable
FINISHED = _pair("#6e6e6e", "#a0a0a0")  # a closed connection's row
WARNING = _pair("#8a5300", "#ffb74d")
LISTENING = _pair("#1565c0", "#90caf9")
ESTABLISHED = _pair("#2e7d32", "#81c784")
CLOSING = _pair("#bf360c", "#ffab91")  # CLOSE_WAIT: one side has closed
TIME_WAIT = _pair("#6a1b9a", "#ce93d8")
# The call-flow diagram's markers: a connection's colour fills a marker (its label in the
# palette's Base colour) or outlines a hollow one (filled with Base, labelled in it), so
# each reads against Base as text does. Dark tones on a light palette, light on a dark.
LISTENER_MARKER = _pair("#616161", "#bdbdbd")
CONNECTION_MARKERS = (_pair("#1565c0", "#90caf9"), _pair("#2e7d32", "#81c784"),
                      _pair("#c62828", "#ef9a9a"), _pair("#6a1b9a", "#ce93d8"),
                      _pair("#b34700", "#ffb74d"), _pair("#00727d", "#80deea"),
                      _pair("#ad1457", "#f48fb1"), _pair("#4e342e", "#bcaaa4"))
# The state machine's states in use: their border and their count's badge (the count in
# Base on it).
IN_USE_MARK = _pair("#bf360c", "#ffab40")
ALL_TEXT_COLOURS = (ERROR, RECEIVED, SENT, MESSAGE, WAITING, FINISHED, WARNING, LISTENING,
                    ESTABLISHED, CLOSING, TIME_WAIT, LISTENER_MARKER, *CONNECTION_MARKERS,
                    IN_USE_MARK)

_dark: bool | None = None  # the palette in use is dark; None: not looked at yet


def palette_is_dark() -> bool:
    """Whether text is drawn on a dark background (the palette's Base: a table's)."""
    global _dark
    if _dark is None:
        _dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return _dark


def palette_changed() -> None:
    """The system (or the app) changed its palette: look again (MainWindow.changeEvent)."""
    global _dark
    _dark = None


def colour(text: TextColour) -> QColor:
    return text.on_dark if palette_is_dark() else text.on_light


def colour_on(text: TextColour, palette: QPalette) -> QColor:
    """The colour for text on `palette`'s background. A picture painting with its own
    palette asks this: in its PaletteChange it may run before MainWindow's, which is
    what tells palette_is_dark() to look again."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return text.on_dark if dark else text.on_light


def label_style(text: TextColour, bold: bool = False) -> str:
    """A style sheet for a label in that colour."""
    weight = "bold" if bold else "normal"
    return f"color:{colour(text).name()};font-weight:{weight}"  # a style sheet: no spaces
